/**
 * The pure reading and planning of a cost lines spreadsheet (the export, ./cost-line-export, edited,
 * or a council's own file; its headings are matched in ./cost-line-headings). Each row is checked
 * with the same rules as the cost line form (parseCostLineForm) and matched against the
 * organisation's systems, workstreams, outcomes and funding sources. Capital/revenue, category,
 * confidence and outcome are read in the council's own words (./value-words), then as the
 * organisation mapped its other words (./value-mapping).
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
import {
	resolveValue,
	UnknownValueTally,
	type UnknownValue,
	type ValueMapping
} from './value-mapping';
import type { ValueSet } from './value-words';
import {
	MissingNameTally,
	nameKey,
	type MissingKind,
	type MissingName
} from './cost-import-findings';

export {
	COST_FIELDS,
	COST_FIELD_HEADING,
	COST_LINE_CSV_HEADER,
	matchCostHeadings,
	type CostField,
	type CostHeadings
} from './cost-line-headings';
export { costLinesCsv, type CostLineCsvRow } from './cost-line-export';

const NO_VALUES: ValueMapping = new Map();

// ---- Planning an import ----------------------------------------------------------------------------

export interface CostImportSystem {
	id: number;
	name: string;
	externalRef: string | null;
	directorateId: number | null;
}

/** A live line as an import compares it. */
export interface ExistingCostLine extends CostLineInput {
	id: number;
	version: number;
	systemId: number | null;
	outcome: Outcome | null;
	workstreamId: number | null;
}

/** What the organisation holds, for matching; every name is keyed in nameKey form (./cost-import-findings). */
export interface CostImportContext {
	systemsByRef: ReadonlyMap<string, CostImportSystem>;
	systemsByName: ReadonlyMap<string, readonly CostImportSystem[]>;
	workstreams: ReadonlyMap<string, number>;
	fundingSources: ReadonlyMap<string, { id: number; name: string; spendType: SpendType }>;
	/** Each system's current review outcomes. */
	outcomesOf: ReadonlyMap<number, readonly Outcome[]>;
	/** Live lines the file refers to by Line reference. */
	lines: ReadonlyMap<number, ExistingCostLine>;
	/**
	 * The live lines of the systems and workstreams the file names: a row with no Line reference that
	 * is exactly one of these is taken to be it, so importing the same file twice adds nothing.
	 */
	candidates: readonly ExistingCostLine[];
	/** The organisation's answers for words not known out of the box (the preview's, or the saved ones). */
	values?: ValueMapping;
}

export interface CostLineTargetPlan {
	systemId: number | null;
	directorateId: number | null;
	outcome: Outcome | null;
	workstreamId: number | null;
}

export type PlannedCostChange =
	| { kind: 'create'; row: number; target: CostLineTargetPlan; input: CostLineInput }
	| {
			kind: 'update';
			row: number;
			id: number;
			version: number;
			target: CostLineTargetPlan;
			input: CostLineInput;
			before: ExistingCostLine;
	  };

export interface CostImportCounts {
	create: number;
	update: number;
	unchanged: number;
	rejected: number;
}

export interface CostImportPlan {
	changes: PlannedCostChange[];
	problems: RowProblem[];
	counts: CostImportCounts;
	/** Each distinct value not known out of the box, with the rows using it and how it was read. */
	values: UnknownValue[];
	/** Each name the organisation does not hold, once, with the rows using it. */
	missing: MissingName[];
}

/** Told, row by row, of the values not known out of the box and the names not found. */
export interface CostRowObserver {
	value(row: number, set: ValueSet, text: string, mapped: string | undefined): void;
	missing(row: number, kind: MissingKind, text: string): void;
}

/** The Line references in the file's rows, so the caller loads just those lines. */
export function lineReferences(
	rows: readonly { cells: readonly string[] }[],
	columns: readonly (CostField | null)[]
): number[] {
	const at = columns.indexOf('lineId');
	if (at < 0) return [];
	return [
		...new Set(
			rows.flatMap((r) =>
				/^\d{1,15}$/.test(r.cells[at]?.trim() ?? '') ? [Number(r.cells[at]!.trim())] : []
			)
		)
	];
}

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

const signature = (target: Omit<CostLineTargetPlan, 'directorateId'>, input: CostLineInput) =>
	JSON.stringify([
		target.systemId,
		target.outcome,
		target.workstreamId,
		input.financialYear,
		input.spendType,
		input.category,
		input.amountPence,
		input.confidence,
		input.fundingSourceId,
		input.description
	]);

function sameLine(
	line: ExistingCostLine,
	target: CostLineTargetPlan,
	input: CostLineInput
): boolean {
	return (
		line.systemId === target.systemId &&
		line.outcome === target.outcome &&
		line.workstreamId === target.workstreamId &&
		line.financialYear === input.financialYear &&
		line.spendType === input.spendType &&
		line.category === input.category &&
		line.amountPence === input.amountPence &&
		line.confidence === input.confidence &&
		line.fundingSourceId === input.fundingSourceId &&
		line.description === input.description
	);
}

/**
 * Plans a whole file's rows: a rejected row is listed and skipped, the others still planned. A Line
 * reference given twice is refused on its second row, so one line never takes two values in one import.
 * A row without a reference that is exactly a current line (of the same system or workstream, not
 * referenced elsewhere in the file) counts as unchanged: importing the same file twice adds nothing.
 * `between` is called every thousand rows, so a caller can let other work run.
 */
export async function planCostImport(
	rows: readonly { row: number; cells: readonly string[] }[],
	columns: readonly (CostField | null)[],
	headings: readonly string[],
	context: CostImportContext,
	earlierProblems: readonly RowProblem[] = [],
	between: () => Promise<void> | void = () => {}
): Promise<CostImportPlan> {
	const problems: RowProblem[] = [...earlierProblems];
	const rejectedRows = new Set(earlierProblems.map((p) => p.row));
	const changes: PlannedCostChange[] = [];
	const counts: CostImportCounts = { create: 0, update: 0, unchanged: 0, rejected: 0 };
	const seenRefs = new Map<string, number>();
	const refAt = columns.indexOf('lineId');
	// Lines not referenced by the file, by what they hold: each row without a reference may take one.
	const referenced = new Set(lineReferences(rows, columns));
	const unreferenced = new Map<string, ExistingCostLine[]>();
	for (const line of [...context.candidates].sort((a, b) => a.id - b.id)) {
		if (referenced.has(line.id)) continue;
		const key = signature(line, line);
		unreferenced.set(key, [...(unreferenced.get(key) ?? []), line]);
	}
	const takeSame = (target: CostLineTargetPlan, input: CostLineInput) =>
		unreferenced.get(signature(target, input))?.shift();
	const values = new UnknownValueTally();
	const missing = new MissingNameTally();
	const observer: CostRowObserver = {
		value: (r, set, text, mapped) => values.see(r, set, text, mapped),
		missing: (r, kind, text) => missing.see(r, kind, text)
	};
	for (const [i, { row, cells }] of rows.entries()) {
		if (i % 1000 === 999) await between(); // a file's rows are planned a thousand (a few milliseconds) at a time
		const ref = refAt < 0 ? '' : (cells[refAt] ?? '').trim();
		if (ref && seenRefs.has(ref)) {
			problems.push({
				row,
				column: headings[refAt] || COST_FIELD_HEADING.lineId,
				reason: `Line reference '${ref}' is already on row ${seenRefs.get(ref)}`
			});
			rejectedRows.add(row);
			continue;
		}
		if (ref) seenRefs.set(ref, row);
		const result = planCostRow(row, cells, columns, headings, context, takeSame, observer);
		if (!result.ok) {
			problems.push(...result.problems);
			rejectedRows.add(row);
		} else if (!result.change) counts.unchanged++;
		else {
			changes.push(result.change);
			counts[result.change.kind]++;
		}
	}
	counts.rejected = rejectedRows.size;
	problems.sort((a, b) => a.row - b.row);
	return { changes, problems, counts, values: values.list(), missing: missing.list() };
}
