/**
 * How many rows have each kind of problem ('41 rows: Service area: There is no service area called …'),
 * so an officer sees what to fix in the file before reading row by row. A kind is the column and
 * the reason with the row's own value (its first quoted part) taken out.
 */
import type { RowProblem } from './rows';

export interface ProblemKind {
	column: string;
	/** The reason with the row's own value replaced by '…'. */
	reason: string;
	/** Distinct rows with this kind of problem. */
	rows: number;
}

/**
 * The row's own value is the first quoted part ('Nowhere', '12.5k', 'Children's Social Care'): it differs row by row, the kind
 * of problem does not. Later quoted parts are the allowed values ('Maintain only', ...) and stay. A
 * suggestion worked out from the row's value ends the reason in brackets, '(write 12500)' or '(if you
 * mean £1234.56, write 1234.56)', and is left out of the kind too.
 */
const kindOf = (reason: string) =>
	reason.replace(ROW_VALUE, '$1…').replace(/ \((?:write|if you mean) [^()]*\)$/, '');
/**
 * A quoted value: from a quote that opens it (at the start, or after a space, colon or bracket) to
 * the first quote that closes it (before a space, punctuation or the end), so an apostrophe inside
 * ('Children's Social Care') does not end it.
 */
const ROW_VALUE = /(^|[\s(:])'.*?'(?=[\s,.;:)]|$)/;

/** The kinds of problem, most rows first (then by column and reason, so the order is stable). */
export function summariseProblems(problems: readonly RowProblem[]): ProblemKind[] {
	const rowsOf = new Map<string, { column: string; reason: string; rows: Set<number> }>();
	for (const p of problems) {
		const reason = kindOf(p.reason);
		const key = `${p.column}\u0000${reason}`;
		let kind = rowsOf.get(key);
		if (!kind) rowsOf.set(key, (kind = { column: p.column, reason, rows: new Set() }));
		kind.rows.add(p.row);
	}
	return [...rowsOf.values()]
		.map(({ column, reason, rows }) => ({ column, reason, rows: rows.size }))
		.sort(
			(a, b) =>
				b.rows - a.rows || a.column.localeCompare(b.column) || a.reason.localeCompare(b.reason)
		);
}
