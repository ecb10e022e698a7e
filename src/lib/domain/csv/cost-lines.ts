/**
 * The pure reading and planning of a cost lines spreadsheet (the export, ./cost-line-export, edited,
 * or a council's own file; its headings are matched in ./cost-line-headings). Each row is checked
 * with the same rules as the cost line form (parseCostLineForm) and matched against the
 * organisation's systems, workstreams, outcomes and funding sources. Capital/revenue, category,
 * confidence and outcome are read in the council's own words (./value-words), then as the
 * organisation mapped its other words (./value-mapping). One row is read in ./cost-line-row; what a
 * plan is made of is in ./cost-import-context; this module plans a whole file.
 */
export {
	COST_FIELDS,
	COST_FIELD_HEADING,
	COST_LINE_CSV_HEADER,
	matchCostHeadings,
	type CostField,
	type CostHeadings
} from './cost-line-headings';
export { costLinesCsv, type CostLineCsvRow } from './cost-line-export';
export { planCostRow } from './cost-line-row';
export type {
	CostImportContext,
	CostImportCounts,
	CostImportPlan,
	CostImportSystem,
	CostLineTargetPlan,
	CostRowObserver,
	ExistingCostLine,
	PlannedCostChange
} from './cost-import-context';

import { COST_FIELD_HEADING, type CostField } from './cost-line-headings';
import type { RowProblem } from './rows';
import type { CostLineInput } from '../costs/cost';
import { UnknownValueTally } from './value-mapping';
import { MissingNameTally } from './cost-import-findings';
import { planCostRow } from './cost-line-row';
import { isTotalsRow, totalsRowReason } from './totals-row';
import {
	signature,
	type CostImportContext,
	type CostImportCounts,
	type CostImportPlan,
	type CostLineTargetPlan,
	type CostRowObserver,
	type ExistingCostLine,
	type PlannedCostChange
} from './cost-import-context';

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

/**
 * Plans a whole file's rows: a rejected row is listed and skipped, the others still planned. A Line
 * reference given twice is refused on its second row, so one line never takes two values in one import.
 * A row without a reference that is exactly a current line (of the same system or workstream, not
 * referenced elsewhere in the file) counts as unchanged: importing the same file twice adds nothing.
 * `between` is called every thousand rows, so a caller can let other work run.
 */
export async function planCostImport(
	rows: readonly { row: number; cells: readonly string[]; headings?: readonly string[] }[],
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
	// A file of amounts by year makes several lines of one row (./cost-layout): they are imported together or not at all.
	const unchangedRows: number[] = [];
	const said = new Set<string>();
	const nameAt = columns.indexOf('systemName');
	for (const [i, { row, cells, headings: own }] of rows.entries()) {
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
		if (nameAt >= 0 && isTotalsRow(cells[nameAt] ?? '')) {
			if (!rejectedRows.has(row))
				problems.push({ row, column: headings[nameAt]!, reason: totalsRowReason('cost line') });
			rejectedRows.add(row);
			continue;
		}
		const result = planCostRow(row, cells, columns, own ?? headings, context, takeSame, observer);
		if (!result.ok) {
			// The lines of one row of years may share a problem (an unknown system): it is said once.
			for (const p of result.problems) {
				const key = `${p.row}\u0000${p.column}\u0000${p.reason}`;
				if (said.has(key)) continue;
				said.add(key);
				problems.push(p);
			}
			rejectedRows.add(row);
		} else if (!result.change) unchangedRows.push(row);
		else changes.push(result.change);
	}
	const kept = changes.filter((c) => !rejectedRows.has(c.row));
	for (const c of kept) counts[c.kind]++;
	counts.unchanged = unchangedRows.filter((row) => !rejectedRows.has(row)).length;
	counts.rejected = rejectedRows.size;
	problems.sort((a, b) => a.row - b.row);
	return { changes: kept, problems, counts, values: values.list(), missing: missing.list() };
}
