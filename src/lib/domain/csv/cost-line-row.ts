/**
 * One row of a cost lines file read against the organisation: each cell checked with the forms' text
 * rule, the system, workstream, outcome and funding source found by name, capital/revenue, category
 * and confidence read in the council's own words, then the cost line form's own rules. The answer is
 * the change the row makes (none when the line is already exactly so) or every problem it has.
 */
import { COST_FIELD_HEADING, type CostField } from './cost-line-headings';
import { unneutralise, type RowProblem } from './rows';
import {
	COST_CATEGORIES,
	COST_CATEGORY_LABEL,
	parseCostLineForm,
	type CostLineInput,
	type SpendType,
	type CostCategory,
	type Confidence
} from '../costs/cost';
import { OUTCOMES, OUTCOME_LABEL, type Outcome } from '../systems/review';
import { textProblem, textProblemMessage } from '../forms/form-text';
import { resolveValue, type ValueMapping } from './value-mapping';
import type { ValueSet } from './value-words';
import { nameKey, type MissingKind } from './cost-import-findings';
import {
	sameLine,
	type CostImportContext,
	type CostImportSystem,
	type CostLineTargetPlan,
	type CostRowObserver,
	type ExistingCostLine,
	type PlannedCostChange
} from './cost-import-context';

const NO_VALUES: ValueMapping = new Map();

const FORM_FIELD: Record<string, CostField> = {
	financialYear: 'financialYear',
	spendType: 'spendType',
	category: 'category',
	amount: 'amount',
	confidence: 'confidence',
	fundingSourceId: 'fundingSource',
	description: 'description'
};

/**
 * Reads one row against the context: either the change it makes (null when the line is already
 * exactly so) or its problems, each naming the column as the file heads it.
 */
export function planCostRow(
	row: number,
	cells: readonly string[],
	columns: readonly (CostField | null)[],
	headings: readonly string[],
	context: CostImportContext,
	sameAsExisting: (
		target: CostLineTargetPlan,
		input: CostLineInput
	) => ExistingCostLine | undefined = () => undefined,
	observer?: CostRowObserver
): { ok: true; change: PlannedCostChange | null } | { ok: false; problems: RowProblem[] } {
	// A cell that fails the text rule is reported as such and then read as blank, so the row's other problems are reported too.
	const badText = new Set<CostField>();
	const value = (field: CostField) => {
		const i = columns.indexOf(field);
		return i < 0 || badText.has(field) ? '' : unneutralise((cells[i] ?? '').trim());
	};
	const heading = (field: CostField) =>
		headings[columns.indexOf(field)] || COST_FIELD_HEADING[field];
	const problems: RowProblem[] = [];
	let name = '';
	const problem = (field: CostField, reason: string) =>
		problems.push(
			name ? { row, column: heading(field), reason, name } : { row, column: heading(field), reason }
		);
	// Every cell passes the forms' text rule first, so a hidden character is named as such, not as a failed lookup.
	columns.forEach((field, i) => {
		const bad =
			field && textProblem(cells[i] ?? '', field === 'description' ? 'multiline' : 'line');
		if (field && bad) {
			badText.add(field);
			problem(field, textProblemMessage(heading(field), bad));
		}
	});
	// The system the line is for, beside the row number wherever the row's problems are listed.
	name = (value('systemName') || value('systemRef')).slice(0, 200);
	for (const p of problems) if (name) p.name = name;

	let existing: ExistingCostLine | undefined;
	const ref = value('lineId');
	if (ref) {
		existing = /^\d{1,15}$/.test(ref) ? context.lines.get(Number(ref)) : undefined;
		if (!existing)
			problem(
				'lineId',
				`No current cost line has the reference '${ref}'; leave it blank to add a new line`
			);
	}

	// A word known out of the box, else as the organisation mapped it ('' is blank), else null (not understood).
	const read = (set: ValueSet, text: string) =>
		text
			? resolveValue(
					set,
					text,
					context.values ?? NO_VALUES,
					observer && ((s, t, m) => observer.value(row, s, t, m))
				)
			: '';
	const notFound = (kind: MissingKind, text: string) => observer?.missing(row, kind, text);

	let system: CostImportSystem | null = null;
	const systemRef = value('systemRef');
	const systemName = value('systemName');
	if (systemRef) {
		system = context.systemsByRef.get(nameKey(systemRef)) ?? null;
		if (!system) problem('systemRef', `No system has the external reference '${systemRef}'`);
		if (!system) notFound('systemRef', systemRef);
	} else if (systemName) {
		const named = context.systemsByName.get(nameKey(systemName)) ?? [];
		if (named.length === 1) system = named[0]!;
		else if (named.length === 0) {
			problem(
				'systemName',
				`No system is named '${systemName}'; cost lines are added only to systems already in the catalogue`
			);
			notFound('system', systemName);
		} else
			problem(
				'systemName',
				`${named.length} systems are named '${systemName}'; give the system's external reference`
			);
	}
	const systemGiven = Boolean(systemRef || systemName);

	let workstreamId: number | null = null;
	const workstreamName = value('workstream');
	if (workstreamName) {
		const id = context.workstreams.get(nameKey(workstreamName));
		if (id == null) {
			problem('workstream', `No workstream is named '${workstreamName}'`);
			notFound('workstream', workstreamName);
		} else workstreamId = id;
	} else if (!systemGiven) {
		if (badText.size === 0)
			problem(
				columns.includes('systemName')
					? 'systemName'
					: columns.includes('systemRef')
						? 'systemRef'
						: 'workstream',
				'Give the system or the workstream the cost is for'
			);
	}

	let outcome: Outcome | null = null;
	const outcomeText = value('outcome');
	if (outcomeText) {
		const code = read('outcome', outcomeText) as Outcome | '' | null;
		if (code === '') outcome = null;
		else if (!code)
			problem(
				'outcome',
				`'${outcomeText}' is not an outcome: use ${OUTCOMES.map((o) => `'${OUTCOME_LABEL[o]}'`).join(', ')}, or leave it blank`
			);
		else if (!systemGiven)
			problem('outcome', 'Only a system’s cost can be for one of its outcomes');
		else if (
			system &&
			!(context.outcomesOf.get(system.id) ?? []).includes(code) &&
			!(existing?.systemId === system.id && existing.outcome === code)
		) {
			problem('outcome', `${system.name} has no current '${OUTCOME_LABEL[code]}' outcome`);
		} else outcome = code;
	}

	const spendText = value('spendType');
	const categoryText = value('category');
	const confidenceText = value('confidence');
	// null: not understood (reported with what was typed); '': blank, left to the form's own 'choose' message.
	const spendType = read('spendType', spendText) as SpendType | '' | null;
	const category = read('costCategory', categoryText) as CostCategory | '' | null;
	const confidence = read('confidence', confidenceText) as Confidence | '' | null;
	if (spendType === null) problem('spendType', `'${spendText}' is not 'Capital' or 'Revenue'`);
	if (category === null)
		problem(
			'category',
			`'${categoryText}' is not a category: use ${COST_CATEGORIES.map((c) => `'${COST_CATEGORY_LABEL[c]}'`).join(', ')}`
		);
	if (confidence === null)
		problem('confidence', `'${confidenceText}' is not 'Estimate', 'Committed' or 'Actual'`);

	let fundingSourceId = '';
	const fundingName = value('fundingSource');
	if (fundingName) {
		const source = context.fundingSources.get(nameKey(fundingName));
		if (!source) {
			problem('fundingSource', `No funding source is named '${fundingName}'`);
			notFound('fundingSource', fundingName);
		} else if (source.spendType === 'capital' && spendType === 'revenue')
			problem(
				'fundingSource',
				`${source.name} is capital funding; it cannot pay for revenue costs`
			);
		else fundingSourceId = String(source.id);
	}

	// The form's own rules: year, amount (whole pence, not negative, not absurd), capital categories, description.
	const parsed = parseCostLineForm(
		{
			financialYear: value('financialYear'),
			spendType: spendType ?? '',
			category: category ?? '',
			amount: value('amount'),
			confidence: confidence ?? '',
			fundingSourceId,
			description: value('description')
		},
		{ fundingSourceIds: new Set(fundingSourceId ? [Number(fundingSourceId)] : []) }
	);
	if (!parsed.ok) {
		for (const [field, reason] of Object.entries(parsed.errors)) {
			const column = FORM_FIELD[field]!;
			if (badText.has(column)) continue;
			// A word not understood is already reported with what was typed.
			if (
				(column === 'spendType' && spendType === null) ||
				(column === 'category' && category === null) ||
				(column === 'confidence' && confidence === null)
			)
				continue;
			problem(column, reason);
		}
	}
	if (problems.length > 0 || !parsed.ok) return { ok: false, problems };

	const target: CostLineTargetPlan = system
		? { systemId: system.id, directorateId: system.directorateId, outcome, workstreamId }
		: { systemId: null, directorateId: null, outcome: null, workstreamId };
	const input = parsed.value;
	if (!existing)
		return sameAsExisting(target, input)
			? { ok: true, change: null }
			: { ok: true, change: { kind: 'create', row, target, input } };
	if (sameLine(existing, target, input)) return { ok: true, change: null };
	return {
		ok: true,
		change: {
			kind: 'update',
			row,
			id: existing.id,
			version: existing.version,
			target,
			input,
			before: existing
		}
	};
}
