/**
 * Cost lines as a spreadsheet: the export an officer can read, edit and import back, and the pure
 * reading and planning of such a file (its headings are matched in ./cost-line-headings). Each row is
 * checked with the same rules as the cost line form (parseCostLineForm) and matched against the
 * organisation's systems, workstreams, outcomes and funding sources.
 */
import { toCsv } from './write';
import { COST_FIELD_HEADING, COST_LINE_CSV_HEADER, type CostField } from './cost-line-headings';
import { unneutralise, type RowProblem } from './rows';
import { CONFIDENCE_LABEL, COST_CATEGORIES, COST_CATEGORY_LABEL, SPEND_TYPE_LABEL, parseCostLineForm, type CostLineInput, type SpendType } from '../cost';
import { OUTCOMES, OUTCOME_LABEL, type Outcome } from '../review';
import { penceToInput } from '../money';
import { textProblem, textProblemMessage } from '../form-text';
import { valueOf } from './value-words';

export { COST_FIELDS, COST_FIELD_HEADING, COST_LINE_CSV_HEADER, matchCostHeadings, type CostField, type CostHeadings } from './cost-line-headings';

// The council's words for capital/revenue, category, confidence and outcome are read in ./value-words.
const spendTypeOf = (text: string) => valueOf('spendType', text);
const categoryOf = (text: string) => valueOf('costCategory', text);
const confidenceOf = (text: string) => valueOf('confidence', text);
const outcomeOf = (text: string) => valueOf('outcome', text);

// ---- Export --------------------------------------------------------------------------------------

export interface CostLineCsvRow {
	id: number;
	systemExternalRef: string | null;
	systemName: string | null;
	workstreamName: string | null;
	outcome: Outcome | null;
	financialYear: string;
	spendType: SpendType;
	category: CostLineInput['category'];
	amountPence: number;
	confidence: CostLineInput['confidence'];
	fundingSourceName: string | null;
	description: string;
}

/** Words, not codes, and amounts in pounds with pence: the file imports back unchanged. */
export function costLinesCsv(rows: readonly CostLineCsvRow[]): string {
	return toCsv(
		COST_LINE_CSV_HEADER,
		rows.map((r) => [
			String(r.id),
			r.systemExternalRef,
			r.systemName,
			r.workstreamName,
			r.outcome ? OUTCOME_LABEL[r.outcome] : null,
			r.financialYear,
			SPEND_TYPE_LABEL[r.spendType],
			COST_CATEGORY_LABEL[r.category],
			penceToInput(r.amountPence),
			CONFIDENCE_LABEL[r.confidence],
			r.fundingSourceName,
			r.description
		])
	);
}

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

/** What the organisation holds, for matching; every key is lower case. */
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
}

export interface CostLineTargetPlan {
	systemId: number | null;
	directorateId: number | null;
	outcome: Outcome | null;
	workstreamId: number | null;
}

export type PlannedCostChange =
	| { kind: 'create'; row: number; target: CostLineTargetPlan; input: CostLineInput }
	| { kind: 'update'; row: number; id: number; version: number; target: CostLineTargetPlan; input: CostLineInput; before: ExistingCostLine };

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
}

/** The Line references in the file's rows, so the caller loads just those lines. */
export function lineReferences(rows: readonly { cells: readonly string[] }[], columns: readonly (CostField | null)[]): number[] {
	const at = columns.indexOf('lineId');
	if (at < 0) return [];
	return [...new Set(rows.flatMap((r) => (/^\d{1,15}$/.test(r.cells[at]?.trim() ?? '') ? [Number(r.cells[at]!.trim())] : [])))];
}

const FORM_FIELD: Record<string, CostField> = { financialYear: 'financialYear', spendType: 'spendType', category: 'category', amount: 'amount', confidence: 'confidence', fundingSourceId: 'fundingSource', description: 'description' };

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
	sameAsExisting: (target: CostLineTargetPlan, input: CostLineInput) => ExistingCostLine | undefined = () => undefined
): { ok: true; change: PlannedCostChange | null } | { ok: false; problems: RowProblem[] } {
	// A cell that fails the text rule is reported as such and then read as blank, so the row's other problems are reported too.
	const badText = new Set<CostField>();
	const value = (field: CostField) => {
		const i = columns.indexOf(field);
		return i < 0 || badText.has(field) ? '' : unneutralise((cells[i] ?? '').trim());
	};
	const heading = (field: CostField) => headings[columns.indexOf(field)] || COST_FIELD_HEADING[field];
	const problems: RowProblem[] = [];
	let name = '';
	const problem = (field: CostField, reason: string) => problems.push(name ? { row, column: heading(field), reason, name } : { row, column: heading(field), reason });
	// Every cell passes the forms' text rule first, so a hidden character is named as such, not as a failed lookup.
	columns.forEach((field, i) => {
		const bad = field && textProblem(cells[i] ?? '', field === 'description' ? 'multiline' : 'line');
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
		if (!existing) problem('lineId', `No current cost line has the reference '${ref}'; leave it blank to add a new line`);
	}

	let system: CostImportSystem | null = null;
	const systemRef = value('systemRef');
	const systemName = value('systemName');
	if (systemRef) {
		system = context.systemsByRef.get(systemRef.toLowerCase()) ?? null;
		if (!system) problem('systemRef', `No system has the external reference '${systemRef}'`);
	} else if (systemName) {
		const named = context.systemsByName.get(systemName.toLowerCase()) ?? [];
		if (named.length === 1) system = named[0]!;
		else if (named.length === 0) problem('systemName', `No system is named '${systemName}'`);
		else problem('systemName', `${named.length} systems are named '${systemName}'; give the system's external reference`);
	}
	const systemGiven = Boolean(systemRef || systemName);

	let workstreamId: number | null = null;
	const workstreamName = value('workstream');
	if (workstreamName) {
		const id = context.workstreams.get(workstreamName.toLowerCase());
		if (id == null) problem('workstream', `No workstream is named '${workstreamName}'`);
		else workstreamId = id;
	} else if (!systemGiven) {
		if (badText.size === 0) problem(columns.includes('systemName') ? 'systemName' : columns.includes('systemRef') ? 'systemRef' : 'workstream', 'Give the system or the workstream the cost is for');
	}

	let outcome: Outcome | null = null;
	const outcomeText = value('outcome');
	if (outcomeText) {
		const code = outcomeOf(outcomeText);
		if (!code) problem('outcome', `'${outcomeText}' is not an outcome: use ${OUTCOMES.map((o) => `'${OUTCOME_LABEL[o]}'`).join(', ')}, or leave it blank`);
		else if (!systemGiven) problem('outcome', 'Only a system’s cost can be for one of its outcomes');
		else if (system && !(context.outcomesOf.get(system.id) ?? []).includes(code) && !(existing?.systemId === system.id && existing.outcome === code)) {
			problem('outcome', `${system.name} has no current '${OUTCOME_LABEL[code]}' outcome`);
		} else outcome = code;
	}

	const spendText = value('spendType');
	const categoryText = value('category');
	const confidenceText = value('confidence');
	const spendType = spendTypeOf(spendText);
	const category = categoryOf(categoryText);
	const confidence = confidenceOf(confidenceText);
	if (spendText && !spendType) problem('spendType', `'${spendText}' is not 'Capital' or 'Revenue'`);
	if (categoryText && !category) problem('category', `'${categoryText}' is not a category: use ${COST_CATEGORIES.map((c) => `'${COST_CATEGORY_LABEL[c]}'`).join(', ')}`);
	if (confidenceText && !confidence) problem('confidence', `'${confidenceText}' is not 'Estimate', 'Committed' or 'Actual'`);

	let fundingSourceId = '';
	const fundingName = value('fundingSource');
	if (fundingName) {
		const source = context.fundingSources.get(fundingName.toLowerCase());
		if (!source) problem('fundingSource', `No funding source is named '${fundingName}'`);
		else if (source.spendType === 'capital' && spendType === 'revenue') problem('fundingSource', `${source.name} is capital funding; it cannot pay for revenue costs`);
		else fundingSourceId = String(source.id);
	}

	// The form's own rules: year, amount (whole pence, not negative, not absurd), capital categories, description.
	const parsed = parseCostLineForm(
		{ financialYear: value('financialYear'), spendType: spendType ?? '', category: category ?? '', amount: value('amount'), confidence: confidence ?? '', fundingSourceId, description: value('description') },
		{ fundingSourceIds: new Set(fundingSourceId ? [Number(fundingSourceId)] : []) }
	);
	if (!parsed.ok) {
		for (const [field, reason] of Object.entries(parsed.errors)) {
			const column = FORM_FIELD[field]!;
			if (badText.has(column)) continue;
			// A word not understood is already reported with what was typed.
			if ((column === 'spendType' && spendText && !spendType) || (column === 'category' && categoryText && !category) || (column === 'confidence' && confidenceText && !confidence)) continue;
			problem(column, reason);
		}
	}
	if (problems.length > 0 || !parsed.ok) return { ok: false, problems };

	const target: CostLineTargetPlan = system
		? { systemId: system.id, directorateId: system.directorateId, outcome, workstreamId }
		: { systemId: null, directorateId: null, outcome: null, workstreamId };
	const input = parsed.value;
	if (!existing) return sameAsExisting(target, input) ? { ok: true, change: null } : { ok: true, change: { kind: 'create', row, target, input } };
	if (sameLine(existing, target, input)) return { ok: true, change: null };
	return { ok: true, change: { kind: 'update', row, id: existing.id, version: existing.version, target, input, before: existing } };
}

const signature = (target: Omit<CostLineTargetPlan, 'directorateId'>, input: CostLineInput) =>
	JSON.stringify([target.systemId, target.outcome, target.workstreamId, input.financialYear, input.spendType, input.category, input.amountPence, input.confidence, input.fundingSourceId, input.description]);

function sameLine(line: ExistingCostLine, target: CostLineTargetPlan, input: CostLineInput): boolean {
	return (
		line.systemId === target.systemId && line.outcome === target.outcome && line.workstreamId === target.workstreamId &&
		line.financialYear === input.financialYear && line.spendType === input.spendType && line.category === input.category &&
		line.amountPence === input.amountPence && line.confidence === input.confidence && line.fundingSourceId === input.fundingSourceId &&
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
export async function planCostImport(rows: readonly { row: number; cells: readonly string[] }[], columns: readonly (CostField | null)[], headings: readonly string[], context: CostImportContext, earlierProblems: readonly RowProblem[] = [], between: () => Promise<void> | void = () => {}): Promise<CostImportPlan> {
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
	const takeSame = (target: CostLineTargetPlan, input: CostLineInput) => unreferenced.get(signature(target, input))?.shift();
	for (const [i, { row, cells }] of rows.entries()) {
		if (i % 1000 === 999) await between(); // a file's rows are planned a thousand (a few milliseconds) at a time
		const ref = refAt < 0 ? '' : (cells[refAt] ?? '').trim();
		if (ref && seenRefs.has(ref)) {
			problems.push({ row, column: headings[refAt] || COST_FIELD_HEADING.lineId, reason: `Line reference '${ref}' is already on row ${seenRefs.get(ref)}` });
			rejectedRows.add(row);
			continue;
		}
		if (ref) seenRefs.set(ref, row);
		const result = planCostRow(row, cells, columns, headings, context, takeSame);
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
	return { changes, problems, counts };
}
