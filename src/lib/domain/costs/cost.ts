/**
 * Cost lines and funding sources: the fixed vocabulary a council finance business partner uses
 * (capital or revenue, category, confidence) and the forms that record them. Amounts are typed in
 * pounds and held as integer pence.
 */
import { parseFinancialYear, type FinancialYear } from '../fiscal';
import { formatPence, MAX_AMOUNT_PENCE, parsePounds, penceToInput } from '../money';
import type { FieldErrors, Parsed } from '../systems/review';
import { isOneOf } from '../systems/system';
import { refuseUnsafeText, text } from '../forms/form-text';

export const COST_CATEGORIES = [
	'licence',
	'support_maintenance',
	'hosting',
	'implementation',
	'development',
	'data_migration',
	'decommissioning',
	'staff_backfill',
	'training',
	'contingency'
] as const;
export type CostCategory = (typeof COST_CATEGORIES)[number];
export const COST_CATEGORY_LABEL: Record<CostCategory, string> = {
	licence: 'Licence',
	support_maintenance: 'Support and maintenance',
	hosting: 'Hosting',
	implementation: 'Implementation',
	development: 'Development',
	data_migration: 'Data migration',
	decommissioning: 'Decommissioning',
	staff_backfill: 'Staff and backfill',
	training: 'Training',
	contingency: 'Contingency'
};

export const SPEND_TYPES = ['capital', 'revenue'] as const;
export type SpendType = (typeof SPEND_TYPES)[number];
export const SPEND_TYPE_LABEL: Record<SpendType, string> = {
	capital: 'Capital',
	revenue: 'Revenue'
};

export const CONFIDENCE = ['estimate', 'committed', 'actual'] as const;
export type Confidence = (typeof CONFIDENCE)[number];
export const CONFIDENCE_LABEL: Record<Confidence, string> = {
	estimate: 'Estimate',
	committed: 'Committed',
	actual: 'Actual'
};

/**
 * The spend type a category usually is, to preselect on the form. Building or buying an asset is
 * capital; running it, and training people to use it, is revenue.
 */
export const CATEGORY_USUAL_SPEND_TYPE: Record<CostCategory, SpendType> = {
	licence: 'revenue',
	support_maintenance: 'revenue',
	hosting: 'revenue',
	implementation: 'capital',
	development: 'capital',
	data_migration: 'capital',
	decommissioning: 'revenue',
	staff_backfill: 'revenue',
	training: 'revenue',
	contingency: 'capital'
};

/** Categories that accounting rules keep out of capital (IAS 38.67 for training; maintenance is never an enhancement). */
const NEVER_CAPITAL: readonly CostCategory[] = ['training', 'support_maintenance'];

/** The largest single line accepted: the one cap on every amount (money.ts MAX_AMOUNT_PENCE, £1,000,000,000). */
export const MAX_LINE_PENCE = MAX_AMOUNT_PENCE;

export interface CostLineInput {
	financialYear: FinancialYear;
	spendType: SpendType;
	category: CostCategory;
	amountPence: number;
	confidence: Confidence;
	fundingSourceId: number | null;
	description: string;
}

/** The longest description a cost line takes (its input carries it as maxlength). */
export const COST_LINE_DESCRIPTION_MAX = 1000;

export const COST_LINE_FIELDS = [
	'financialYear',
	'spendType',
	'category',
	'amount',
	'confidence',
	'fundingSourceId',
	'description'
] as const;
export type CostLineField = (typeof COST_LINE_FIELDS)[number];
export type CostLineFormValues = Record<CostLineField, string>;

export const EMPTY_COST_LINE_FORM: CostLineFormValues = Object.fromEntries(
	COST_LINE_FIELDS.map((f) => [f, ''])
) as CostLineFormValues;

export function readCostLineForm(form: FormData): CostLineFormValues {
	const values = { ...EMPTY_COST_LINE_FORM };
	for (const field of COST_LINE_FIELDS) values[field] = text(form, field);
	return values;
}

/** The form's text for a stored line, for the edit page. */
export function costLineToFormValues(line: CostLineInput): CostLineFormValues {
	return {
		financialYear: line.financialYear,
		spendType: line.spendType,
		category: line.category,
		amount: penceToInput(line.amountPence),
		confidence: line.confidence,
		fundingSourceId: line.fundingSourceId == null ? '' : String(line.fundingSourceId),
		description: line.description
	};
}

/** Reads an amount field: required, whole pence, not negative, not absurd. `label` starts the messages. */
export function readAmount(text: string, label: string): { pence: number } | { error: string } {
	if (!text) return { error: `Enter the ${label.toLowerCase()}` };
	const money = parsePounds(text);
	if (!money.ok) return { error: `${label}: ${money.reason}` };
	if (money.pence < 0)
		return {
			error: `${label} cannot be negative; record a credit or refund as a saving, not as a negative cost`
		};
	if (money.pence > MAX_LINE_PENCE)
		return { error: `${label} must be ${formatPence(MAX_LINE_PENCE)} or less` };
	return { pence: money.pence };
}

/**
 * Checks a cost line. Negative amounts are refused: a credit, refund or cashable saving is recorded
 * as a saving, so that every cost total is a sum of costs and a netted figure never hides a gross
 * one. A nil line (£0) is allowed, to show a cost was considered and is covered elsewhere.
 * Training or maintenance marked capital is refused because it cannot be capitalised.
 */
export function parseCostLineForm(
	values: CostLineFormValues,
	context: { fundingSourceIds: ReadonlySet<number> }
): Parsed<CostLineInput, CostLineFormValues> {
	const errors: FieldErrors = {};
	let financialYear = '';
	const year = parseFinancialYear(values.financialYear);
	if (year.ok) financialYear = year.label;
	else
		errors.financialYear = values.financialYear
			? `Financial year: ${year.reason}`
			: 'Enter the financial year, like 2026/27';

	if (!isOneOf(SPEND_TYPES, values.spendType))
		errors.spendType = 'Select whether this is capital or revenue spending';
	if (!isOneOf(COST_CATEGORIES, values.category)) errors.category = 'Select the type of cost';
	else if (values.spendType === 'capital' && NEVER_CAPITAL.includes(values.category)) {
		errors.spendType = `${COST_CATEGORY_LABEL[values.category]} is revenue spending; it cannot be capitalised`;
	}
	if (!isOneOf(CONFIDENCE, values.confidence))
		errors.confidence = 'Select whether the amount is an estimate, committed or actual';

	let amountPence = 0;
	const amount = readAmount(values.amount, 'Amount');
	if ('error' in amount) errors.amount = amount.error;
	else amountPence = amount.pence;

	let fundingSourceId: number | null = null;
	if (values.fundingSourceId) {
		fundingSourceId = Number(values.fundingSourceId);
		if (!Number.isInteger(fundingSourceId) || !context.fundingSourceIds.has(fundingSourceId)) {
			errors.fundingSourceId = 'Select a funding source from the list';
		}
	}
	refuseUnsafeText(
		errors,
		values,
		{ description: 'Description', financialYear: 'Financial year', amount: 'Amount' },
		['description'],
		{ description: COST_LINE_DESCRIPTION_MAX }
	);
	if (Object.keys(errors).length > 0) return { ok: false, values, errors };
	return {
		ok: true,
		value: {
			financialYear,
			spendType: values.spendType as SpendType,
			category: values.category as CostCategory,
			amountPence,
			confidence: values.confidence as Confidence,
			fundingSourceId,
			description: values.description
		}
	};
}

export const FUNDING_KINDS = [
	'departmental_capital',
	'pooled_capital',
	'revenue_budget',
	'grant',
	'reserves',
	'other'
] as const;
export type FundingKind = (typeof FUNDING_KINDS)[number];
export const FUNDING_KIND_LABEL: Record<FundingKind, string> = {
	departmental_capital: 'Departmental capital',
	pooled_capital: 'Pooled capital',
	revenue_budget: 'Revenue budget',
	grant: 'Grant',
	reserves: 'Reserves',
	other: 'Other'
};

/**
 * What each kind of funding pays for by default; null where it could be either and the officer
 * must say. A source funds one spend type so that the gap can be shown capital and revenue apart:
 * a grant paying for both is recorded as two sources.
 */
export const FUNDING_KIND_SPEND_TYPE: Record<FundingKind, SpendType | null> = {
	departmental_capital: 'capital',
	pooled_capital: 'capital',
	revenue_budget: 'revenue',
	grant: null,
	reserves: null,
	other: null
};
