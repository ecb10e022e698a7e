/**
 * What the benefits register and the options share: rows of amounts by financial year (typed in
 * pounds, held as integer pence; years as finance teams write them), and the check of a benefit's
 * kind against its type.
 */
import { parseFinancialYear } from '../fiscal';
import { formatPence, parsePounds } from '../money';
import type { FieldErrors } from '../systems/review';
import { isOneOf } from '../systems/system';
import { refuseUnsafeField } from '../forms/form-text';
import {
	BENEFIT_KINDS,
	BENEFIT_KIND_LABEL,
	BENEFIT_TYPES,
	BENEFIT_TYPE_KIND,
	BENEFIT_TYPE_LABEL,
	type YearAmount
} from './business-case';
import { MAX_FLOW_PENCE } from './business-case-limits';

/** Reads a required, non-negative amount; `label` starts the messages. */
function readAmount(input: string, label: string): { pence: number } | { error: string } {
	if (!input) return { error: `Enter the ${label.toLowerCase()}` };
	const money = parsePounds(input);
	if (!money.ok) return { error: `${label}: ${money.reason}` };
	if (money.pence < 0) return { error: `${label} cannot be negative` };
	if (money.pence > MAX_FLOW_PENCE)
		return { error: `${label} must be ${formatPence(MAX_FLOW_PENCE)} or less` };
	return { pence: money.pence };
}

/** The form field name of a repeated row's property, e.g. 'costs.2.amount'. */
export function rowField(list: string, index: number, property: string): string {
	return `${list}.${index}.${property}`;
}

export interface YearAmountFormValues {
	financialYear: string;
	amount: string;
}

/** Checks rows of year and amount, setting each row's errors under `list`; returns the rows that read. */
export function parseYearAmountRows(
	rows: YearAmountFormValues[],
	list: string,
	errors: FieldErrors,
	options: { uniqueYears: boolean }
): YearAmount[] {
	const out: YearAmount[] = [];
	const seen = new Set<string>();
	rows.forEach((row, i) => {
		const year = parseFinancialYear(row.financialYear);
		if (!year.ok)
			errors[rowField(list, i, 'financialYear')] = row.financialYear
				? `Financial year: ${year.reason}`
				: 'Enter the financial year for this amount';
		else if (options.uniqueYears && seen.has(year.label))
			errors[rowField(list, i, 'financialYear')] =
				`${year.label} is already listed; enter each financial year once`;
		else seen.add(year.label);
		const amount = readAmount(row.amount, 'Amount');
		if ('error' in amount) errors[rowField(list, i, 'amount')] = amount.error;
		if (year.ok && 'pence' in amount)
			out.push({ financialYear: year.label, amountPence: amount.pence });
	});
	return out;
}

/** A row's year and amount as typed are single lines too: bounded like any other field. */
export function refuseYearAmountRow(
	errors: FieldErrors,
	list: string,
	i: number,
	row: YearAmountFormValues
): void {
	row.financialYear = refuseUnsafeField(
		errors,
		rowField(list, i, 'financialYear'),
		row.financialYear,
		'Financial year'
	);
	row.amount = refuseUnsafeField(errors, rowField(list, i, 'amount'), row.amount, 'Amount');
}

/** A benefit's kind and type, each chosen from the lists, and a type that is always one kind given that kind. */
export function checkBenefitKind(
	kind: string,
	type: string,
	kindField: string,
	typeField: string,
	errors: FieldErrors
): void {
	if (!isOneOf(BENEFIT_TYPES, type)) errors[typeField] = 'Select the type of benefit';
	if (!isOneOf(BENEFIT_KINDS, kind))
		errors[kindField] = 'Select whether the benefit is cashable or non-cashable';
	else if (
		isOneOf(BENEFIT_TYPES, type) &&
		BENEFIT_TYPE_KIND[type] &&
		BENEFIT_TYPE_KIND[type] !== kind
	) {
		errors[kindField] =
			`${BENEFIT_TYPE_LABEL[type]} is always ${BENEFIT_KIND_LABEL[BENEFIT_TYPE_KIND[type]!].toLowerCase()}`;
	}
}
