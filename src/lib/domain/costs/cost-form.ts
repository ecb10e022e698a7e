/**
 * The cost line and funding source edit pages: what a line is for (outcome, workstream), the order
 * and labels of the fields, the hidden copy of what the form was opened with, and what someone else
 * changed meanwhile. The line's own fields are parsed by ./cost.ts, a funding source's by ./funding-form.ts.
 */
import { readCostLineForm, type CostLineFormValues } from './cost';
import {
	allocationField,
	readFundingAllocationForm,
	type FundingAllocationFormValues,
	type FundingSourceFormValues
} from './funding-form';
import { penceToInput } from '../money';
import { OUTCOMES, OUTCOME_LABEL, type FieldErrors, type Outcome } from '../systems/review';
import { isOneOf } from '../systems/system';
import { refuseUnsafeText, text } from '../forms/form-text';

/** The cost line form: the line's fields and what it is for, as typed. */
export type LineFormValues = CostLineFormValues & { outcome: string; workstreamId: string };

/** Field order on the form, so the error summary lists problems in the order the fields appear. */
export const LINE_FORM_ORDER = [
	'financialYear',
	'spendType',
	'category',
	'outcome',
	'workstreamId',
	'confidence',
	'fundingSourceId',
	'amount',
	'description'
] as const;
export type LineFormField = (typeof LINE_FORM_ORDER)[number];

export const LINE_FIELD_LABEL: Record<LineFormField, string> = {
	financialYear: 'Financial year',
	spendType: 'Capital or revenue',
	category: 'Type of cost',
	outcome: 'Outcome',
	workstreamId: 'Workstream',
	confidence: 'Confidence',
	fundingSourceId: 'Funding source',
	amount: 'Amount',
	description: 'Description'
};

export const EMPTY_LINE_FORM: LineFormValues = Object.fromEntries(
	LINE_FORM_ORDER.map((f) => [f, ''])
) as LineFormValues;

export function readLineForm(form: FormData): LineFormValues {
	return {
		...readCostLineForm(form),
		outcome: text(form, 'outcome'),
		workstreamId: text(form, 'workstreamId')
	};
}

/** The form's text for a stored line (amounts as typed in pounds). */
export function lineToFormValues(
	line: CostLineFormValues,
	target: { outcome: string | null; workstreamId: number | null }
): LineFormValues {
	return {
		...line,
		outcome: target.outcome ?? '',
		workstreamId: target.workstreamId == null ? '' : String(target.workstreamId)
	};
}

export type ParsedTarget =
	| { ok: true; outcome: Outcome | null; workstreamId: number | null }
	| { ok: false; errors: FieldErrors };

/**
 * Checks what a system's line is for: blank outcome and workstream mean none. The outcome must be
 * one of the system's current outcomes (or the one the line already had, which a later review may
 * have superseded); the workstream one of the organisation's.
 */
export function parseLineTarget(
	values: Pick<LineFormValues, 'outcome' | 'workstreamId'>,
	context: { outcomes: readonly string[]; workstreamIds: ReadonlySet<number> }
): ParsedTarget {
	const errors: FieldErrors = {};
	let outcome: Outcome | null = null;
	if (values.outcome) {
		if (!isOneOf(OUTCOMES, values.outcome) || !context.outcomes.includes(values.outcome))
			errors.outcome = 'Select one of the system’s current outcomes, or none';
		else outcome = values.outcome;
	}
	let workstreamId: number | null = null;
	if (values.workstreamId) {
		workstreamId = Number(values.workstreamId);
		if (!Number.isSafeInteger(workstreamId) || !context.workstreamIds.has(workstreamId))
			errors.workstreamId = 'Select a workstream from the list';
	}
	return Object.keys(errors).length > 0
		? { ok: false, errors }
		: { ok: true, outcome, workstreamId };
}

export const outcomeLabel = (value: string): string =>
	isOneOf(OUTCOMES, value) ? OUTCOME_LABEL[value] : value;

export { describeChanges, readOriginalValues, type ChangeRow } from '../forms/form-conflict';

// ---- Funding sources -------------------------------------------------------------------------

/** A funding source form as typed, with its free-text notes (which ./cost.ts does not check). */
export type SourceFormValues = FundingSourceFormValues & { notes: string };

/** Spare empty allocation rows always shown, so more years can be added without JavaScript. */
export const SPARE_ALLOCATION_ROWS = 3;

export const SOURCE_FIELDS = ['name', 'kind', 'spendType', 'notes', 'allocations'] as const;
export type SourceField = (typeof SOURCE_FIELDS)[number];
export const SOURCE_FIELD_LABEL: Record<SourceField, string> = {
	name: 'Name',
	kind: 'Kind of funding',
	spendType: 'Capital or revenue',
	notes: 'Notes',
	allocations: 'Amounts by financial year'
};

export function readSourceForm(form: FormData): SourceFormValues {
	const read = (name: string) => text(form, name);
	return {
		name: read('name'),
		kind: read('kind'),
		spendType: read('spendType'),
		notes: read('notes'),
		allocations: readFundingAllocationForm(form)
	};
}

/** The longest notes a funding source takes. */
export const NOTES_MAX = 2000;

/** The notes' own check (cutting notes over the limit in `values`, as shown again); the rest is parseFundingSourceForm's. */
export function notesError(values: { notes: string }): FieldErrors {
	const errors: FieldErrors = {};
	refuseUnsafeText(errors, values, { notes: 'Notes' }, ['notes'], { notes: NOTES_MAX });
	return errors;
}

/** The filled allocation rows followed by the spare empty ones. */
export function withSpareRows(
	rows: readonly FundingAllocationFormValues[]
): FundingAllocationFormValues[] {
	const filled = rows.filter((r) => r.financialYear || r.amount);
	return [
		...filled,
		...Array.from({ length: SPARE_ALLOCATION_ROWS }, () => ({ financialYear: '', amount: '' }))
	];
}

/** Error summary order for the funding form: the fields, then each allocation row's year and amount. */
export function sourceFormOrder(rows: number): string[] {
	const order: string[] = ['name', 'kind', 'spendType', 'notes'];
	for (let i = 0; i < rows; i++)
		order.push(allocationField(i, 'financialYear'), allocationField(i, 'amount'));
	return order;
}

/** A source's form values flattened to comparable text (allocations as '2026/27 1000.00; ...'), for a conflict. */
export function sourceComparable(values: SourceFormValues): Record<SourceField, string> {
	const allocations = values.allocations
		.filter((a) => a.financialYear || a.amount)
		.map((a) => `${a.financialYear} ${a.amount}`)
		.join('; ');
	return {
		name: values.name,
		kind: values.kind,
		spendType: values.spendType,
		notes: values.notes,
		allocations
	};
}

/** The form's text for a stored source and its allocations. */
export function sourceToFormValues(source: {
	name: string;
	kind: string;
	spendType: string;
	notes: string;
	allocations: readonly { financialYear: string; amountPence: number }[];
}): SourceFormValues {
	return {
		name: source.name,
		kind: source.kind,
		spendType: source.spendType,
		notes: source.notes,
		allocations: source.allocations.map((a) => ({
			financialYear: a.financialYear,
			amount: penceToInput(a.amountPence)
		}))
	};
}

export const EMPTY_SOURCE_FORM: SourceFormValues = {
	name: '',
	kind: '',
	spendType: '',
	notes: '',
	allocations: []
};
