/**
 * Which row of a reconciliation has its lines listed, and from where, as a query string: the lines
 * behind a row are read a page at a time on demand (a row can stand for 35,000 recharges), each page
 * starting after the last cost line of the one before.
 */
import { isFinancialYear } from '../fiscal';
import { SPEND_TYPES, type SpendType } from '../costs/cost';

/** One row of a reconciliation: a cost centre (null: none named), year and capital/revenue. */
export interface RowOf {
	costCentreId: number | null;
	financialYear: string;
	spendType: SpendType;
}

/** The row's lines chosen, and the cost line the page starts after (0: the first page). */
export interface RowLines {
	row: RowOf;
	after: number;
}

const WHOLE = /^\d{1,15}$/;

/** `centre=..&year=..&spend=..` (and `&after=..` past the first page), for a link. */
export function rowLinesQuery(row: RowOf, after = 0): string {
	const q = new URLSearchParams({
		centre: row.costCentreId == null ? 'none' : String(row.costCentreId),
		year: row.financialYear,
		spend: row.spendType
	});
	if (after > 0) q.set('after', String(after));
	return q.toString();
}

/** The row named by a query string, or null when none is named or any part is not one a row can have. */
export function readRowLines(params: URLSearchParams): RowLines | null {
	const centre = params.get('centre');
	const year = params.get('year');
	const spend = params.get('spend');
	const after = params.get('after') ?? '0';
	if (centre == null || year == null || spend == null) return null;
	if (!(centre === 'none' || WHOLE.test(centre)) || !isFinancialYear(year)) return null;
	if (!(SPEND_TYPES as readonly string[]).includes(spend) || !WHOLE.test(after)) return null;
	return {
		row: {
			costCentreId: centre === 'none' ? null : Number(centre),
			financialYear: year,
			spendType: spend as SpendType
		},
		after: Number(after)
	};
}

export const sameRow = (a: RowOf, b: RowOf): boolean =>
	a.costCentreId === b.costCentreId &&
	a.financialYear === b.financialYear &&
	a.spendType === b.spendType;
