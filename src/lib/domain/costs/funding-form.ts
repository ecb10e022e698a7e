/**
 * The funding forms: a funding source (its kind, and capital or revenue where the kind leaves it open)
 * and the allocation of a source's money across financial years. Amounts are typed in pounds and held
 * as integer pence, read with the cost line's own amount rule.
 */
import { parseFinancialYear, type FinancialYear } from '../fiscal';
import type { FieldErrors, Parsed } from '../systems/review';
import { isOneOf } from '../systems/system';
import { TEXT_LIMITS, refuseUnsafeField, refuseUnsafeText, texts } from '../forms/form-text';
import {
	FUNDING_KINDS,
	FUNDING_KIND_LABEL,
	FUNDING_KIND_SPEND_TYPE,
	SPEND_TYPES,
	readAmount,
	type FundingKind,
	type SpendType
} from './cost';

export interface FundingAllocationInput {
	financialYear: FinancialYear;
	amountPence: number;
}
export interface FundingAllocationFormValues {
	financialYear: string;
	amount: string;
}

/** The form field name of an allocation row's property, e.g. 'allocations.2.amount'. */
export function allocationField(
	index: number,
	property: keyof FundingAllocationFormValues
): string {
	return `allocations.${index}.${property}`;
}

/** Reads the repeated `financialYear` / `amount` inputs of the allocation table, pairing them by position. */
export function readFundingAllocationForm(form: FormData): FundingAllocationFormValues[] {
	const years = texts(form, 'financialYear');
	const amounts = texts(form, 'amount');
	return Array.from({ length: Math.max(years.length, amounts.length) }, (_, i) => ({
		financialYear: years[i] ?? '',
		amount: amounts[i] ?? ''
	}));
}

/**
 * Checks the amounts a source provides by financial year. Wholly blank rows are spare rows and are
 * skipped; a year may appear once, so a source's funding for a year is never split across rows that
 * could be mistaken for two sources. The result is in year order.
 */
export function parseFundingAllocationForm(
	rows: FundingAllocationFormValues[]
): Parsed<FundingAllocationInput[], FundingAllocationFormValues[]> {
	const errors: FieldErrors = {};
	const allocations: FundingAllocationInput[] = [];
	const seen = new Set<string>();
	rows.forEach((row, i) => {
		if (!row.financialYear && !row.amount) return;
		const year = parseFinancialYear(row.financialYear);
		if (!year.ok)
			errors[allocationField(i, 'financialYear')] = row.financialYear
				? `Financial year: ${year.reason}`
				: 'Enter the financial year for this amount';
		else if (seen.has(year.label))
			errors[allocationField(i, 'financialYear')] =
				`${year.label} is already listed; enter each financial year once`;
		else seen.add(year.label);
		const amount = readAmount(row.amount, 'Amount');
		if ('error' in amount) errors[allocationField(i, 'amount')] = amount.error;
		if (year.ok && 'pence' in amount)
			allocations.push({ financialYear: year.label, amountPence: amount.pence });
		row.financialYear = refuseUnsafeField(
			errors,
			allocationField(i, 'financialYear'),
			row.financialYear,
			'Financial year'
		);
		row.amount = refuseUnsafeField(errors, allocationField(i, 'amount'), row.amount, 'Amount');
	});
	if (Object.keys(errors).length > 0) return { ok: false, values: rows, errors };
	allocations.sort((a, b) => (a.financialYear < b.financialYear ? -1 : 1));
	return { ok: true, value: allocations };
}

export interface FundingSourceInput {
	name: string;
	kind: FundingKind;
	spendType: SpendType;
	allocations: FundingAllocationInput[];
}
export interface FundingSourceFormValues {
	name: string;
	kind: string;
	spendType: string;
	allocations: FundingAllocationFormValues[];
}

/**
 * Checks a funding source and its allocations. Capital funding cannot pay for revenue costs; a
 * revenue budget may fund capital (a revenue contribution to capital), so only its default is set.
 */
export function parseFundingSourceForm(
	values: FundingSourceFormValues
): Parsed<FundingSourceInput, FundingSourceFormValues> {
	const errors: FieldErrors = {};
	if (!values.name) errors.name = 'Enter the name of the funding source';
	let spendType: SpendType | null = null;
	if (!isOneOf(FUNDING_KINDS, values.kind)) errors.kind = 'Select the kind of funding';
	else {
		const usual = FUNDING_KIND_SPEND_TYPE[values.kind];
		const chosen = values.spendType || usual;
		if (!isOneOf(SPEND_TYPES, chosen))
			errors.spendType = 'Select whether this funds capital or revenue spending';
		else if (usual === 'capital' && chosen === 'revenue')
			errors.spendType = `${FUNDING_KIND_LABEL[values.kind]} cannot pay for revenue costs`;
		else spendType = chosen;
	}
	const allocations = parseFundingAllocationForm(values.allocations);
	if (!allocations.ok) Object.assign(errors, allocations.errors);
	refuseUnsafeText(errors, values, { name: 'Name' }, [], { name: TEXT_LIMITS.name });
	if (Object.keys(errors).length > 0 || !allocations.ok || !spendType)
		return { ok: false, values, errors };
	return {
		ok: true,
		value: {
			name: values.name,
			kind: values.kind as FundingKind,
			spendType,
			allocations: allocations.value
		}
	};
}
