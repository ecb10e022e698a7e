/**
 * The business case forms with rows of amounts by financial year: the benefits register and the
 * options (their costs and benefits). How a row of year and amount is read is
 * business-case-flow-rows.ts's, shared by both.
 */
import { SPEND_TYPES, type SpendType } from '../costs/cost';
import { isOneOf } from '../systems/system';
import type { FieldErrors, Parsed } from '../systems/review';
import { refuseUnsafeField, refuseUnsafeText, text, texts } from '../forms/form-text';
import type { BenefitKind, BenefitType, CaseBenefit, CaseOption } from './business-case';
import { CASE_LIMITS, MAX_OPTION_ROWS } from './business-case-limits';
import {
	checkBenefitKind,
	parseYearAmountRows,
	refuseYearAmountRow,
	rowField,
	type YearAmountFormValues
} from './business-case-flow-rows';

// The row field names and a row's values as typed are the components' too.
export { rowField, type YearAmountFormValues } from './business-case-flow-rows';

const all = texts;

// ---------------------------------------------------------------------------------------------
// The benefits register

export interface BenefitFormValues {
	title: string;
	kind: string;
	type: string;
	owner: string;
	measure: string;
	byYear: YearAmountFormValues[];
}

export function readBenefitForm(form: FormData): BenefitFormValues {
	const years = all(form, 'financialYear');
	const amounts = all(form, 'amount');
	const byYear = Array.from({ length: Math.max(years.length, amounts.length) }, (_, i) => ({
		financialYear: years[i] ?? '',
		amount: amounts[i] ?? ''
	}));
	return {
		title: text(form, 'title'),
		kind: text(form, 'kind'),
		type: text(form, 'type'),
		owner: text(form, 'owner'),
		measure: text(form, 'measure'),
		byYear
	};
}

/** Checks a benefit; wholly blank year rows are spare rows and are skipped; each year appears once. */
export function parseBenefitForm(
	values: BenefitFormValues
): Parsed<Omit<CaseBenefit, 'id'>, BenefitFormValues> {
	const errors: FieldErrors = {};
	if (!values.title) errors.title = 'Enter the benefit';
	checkBenefitKind(values.kind, values.type, 'kind', 'type', errors);
	const rows = values.byYear.filter((r) => r.financialYear || r.amount);
	const byYear = parseYearAmountRows(rows, 'byYear', errors, { uniqueYears: true });
	refuseUnsafeText(
		errors,
		values,
		{ title: 'Benefit', owner: 'Owner', measure: 'Measure' },
		['measure'],
		{ title: CASE_LIMITS.benefitTitle, owner: CASE_LIMITS.owner, measure: CASE_LIMITS.measure }
	);
	for (const [i, r] of values.byYear.entries()) refuseYearAmountRow(errors, 'byYear', i, r);
	if (Object.keys(errors).length > 0) return { ok: false, values, errors };
	byYear.sort((a, b) => (a.financialYear < b.financialYear ? -1 : 1));
	return {
		ok: true,
		value: {
			title: values.title,
			kind: values.kind as BenefitKind,
			type: values.type as BenefitType,
			owner: values.owner,
			measure: values.measure,
			byYear
		}
	};
}

// ---------------------------------------------------------------------------------------------
// Options

export interface OptionCostFormValues extends YearAmountFormValues {
	spendType: string;
	description: string;
}
export interface OptionBenefitFormValues extends YearAmountFormValues {
	kind: string;
	type: string;
	description: string;
}
export interface OptionFormValues {
	title: string;
	description: string;
	/** The share of optimism-bias risk mitigated, as a percentage: '40'. */
	mitigated: string;
	costs: OptionCostFormValues[];
	benefits: OptionBenefitFormValues[];
}

/** Reads the repeated rows, pairing them by position: costs.N.field and benefits.N.field. */
export function readOptionForm(form: FormData): OptionFormValues {
	const rows = <K extends string>(list: string, fields: readonly K[]) => {
		const columns = fields.map((f) => all(form, `${list}.${f}`));
		const n = Math.max(0, ...columns.map((c) => c.length));
		return Array.from(
			{ length: n },
			(_, i) =>
				Object.fromEntries(fields.map((f, j) => [f, columns[j]![i] ?? ''])) as Record<K, string>
		);
	};
	return {
		title: text(form, 'title'),
		description: text(form, 'description'),
		mitigated: text(form, 'mitigated'),
		costs: rows('costs', ['financialYear', 'spendType', 'amount', 'description'] as const),
		benefits: rows('benefits', ['financialYear', 'kind', 'type', 'amount', 'description'] as const)
	};
}

/**
 * Checks an option and the costs and benefits typed for it (source 'entered'). A year may hold
 * several rows (capital and revenue, or two benefits). The share mitigated is a whole or one-decimal
 * percentage, 0-100, held as basis points.
 */
export function parseOptionForm(
	values: OptionFormValues
): Parsed<Omit<CaseOption, 'id'>, OptionFormValues> {
	const errors: FieldErrors = {};
	if (!values.title) errors.title = 'Enter the name of the option';
	let mitigatedBp = 0;
	const m = /^(\d{1,3})(?:\.(\d))?%?$/.exec(values.mitigated || '0');
	if (!m || Number(m[1]) * 100 + Number(m[2] ?? 0) * 10 > 10_000)
		errors.mitigated = 'Enter the share of risk mitigated as a percentage from 0 to 100, like 40';
	else mitigatedBp = Number(m[1]) * 100 + Number(m[2] ?? 0) * 10;
	const isBlank = (r: Record<string, string>, keys: string[]) => keys.every((k) => !r[k]);
	const costRows = values.costs.filter(
		(r) => !isBlank({ ...r }, ['financialYear', 'amount', 'description'])
	);
	const benefitRows = values.benefits.filter(
		(r) => !isBlank({ ...r }, ['financialYear', 'amount', 'description'])
	);
	// With at most MAX_OPTION_ROWS rows of at most MAX_FLOW_PENCE, 60 years and a 200% uplift, every
	// present value and total of the economic case stays under 2^53 pence, so it is exact (appraisal.spec.ts).
	if (costRows.length > MAX_OPTION_ROWS)
		errors[rowField('costs', MAX_OPTION_ROWS, 'amount')] =
			`An option can have at most ${MAX_OPTION_ROWS} cost rows: add smaller costs of the same year together`;
	if (benefitRows.length > MAX_OPTION_ROWS)
		errors[rowField('benefits', MAX_OPTION_ROWS, 'amount')] =
			`An option can have at most ${MAX_OPTION_ROWS} benefit rows: add smaller benefits of the same year together`;
	const costAmounts = parseYearAmountRows(costRows, 'costs', errors, { uniqueYears: false });
	costRows.forEach((r, i) => {
		if (!isOneOf(SPEND_TYPES, r.spendType))
			errors[rowField('costs', i, 'spendType')] = 'Select capital or revenue';
		r.description = refuseUnsafeField(
			errors,
			rowField('costs', i, 'description'),
			r.description,
			'Description'
		);
	});
	const benefitAmounts = parseYearAmountRows(benefitRows, 'benefits', errors, {
		uniqueYears: false
	});
	benefitRows.forEach((r, i) => {
		checkBenefitKind(
			r.kind,
			r.type,
			rowField('benefits', i, 'kind'),
			rowField('benefits', i, 'type'),
			errors
		);
		r.description = refuseUnsafeField(
			errors,
			rowField('benefits', i, 'description'),
			r.description,
			'Description'
		);
	});
	refuseUnsafeText(
		errors,
		values,
		{ title: 'Name', description: 'Description', mitigated: 'Share of risk mitigated' },
		['description'],
		{ title: CASE_LIMITS.optionName, description: CASE_LIMITS.optionDescription }
	);
	for (const [i, r] of values.costs.entries()) refuseYearAmountRow(errors, 'costs', i, r);
	for (const [i, r] of values.benefits.entries()) refuseYearAmountRow(errors, 'benefits', i, r);
	if (Object.keys(errors).length > 0) return { ok: false, values, errors };
	return {
		ok: true,
		value: {
			title: values.title,
			description: values.description,
			mitigatedBp,
			costs: costRows.map((r, i) => ({
				...costAmounts[i]!,
				spendType: r.spendType as SpendType,
				description: r.description,
				source: 'entered' as const
			})),
			benefits: benefitRows.map((r, i) => ({
				...benefitAmounts[i]!,
				kind: r.kind as BenefitKind,
				type: r.type as BenefitType,
				description: r.description,
				source: 'entered' as const
			}))
		}
	};
}
