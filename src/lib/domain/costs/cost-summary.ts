/**
 * The totals shown under a list of cost lines or funding sources: by financial year, capital and
 * revenue apart. Exact sums of the rows shown (rollup.ts sumPence), so every total is the sum of its
 * parts, or too large to show past 2^53 pence.
 */
import type { SpendType } from './cost';
import { sumPence } from '../rollups/rollup';

export interface YearTotal {
	financialYear: string;
	capitalPence: number;
	revenuePence: number;
	totalPence: number;
}

export interface Totals {
	/** One row per year that has an amount, in year order. */
	years: YearTotal[];
	/** The sum over all years. */
	all: Omit<YearTotal, 'financialYear'>;
}

/** Sums amounts by financial year and spend type. */
export function totalsByYear(
	rows: readonly { financialYear: string; spendType: SpendType; amountPence: number }[]
): Totals {
	const byYear = new Map<string, YearTotal>();
	const all = { capitalPence: 0, revenuePence: 0, totalPence: 0 };
	for (const row of rows) {
		let year = byYear.get(row.financialYear);
		if (!year)
			byYear.set(
				row.financialYear,
				(year = {
					financialYear: row.financialYear,
					capitalPence: 0,
					revenuePence: 0,
					totalPence: 0
				})
			);
		const key = row.spendType === 'capital' ? 'capitalPence' : 'revenuePence';
		year[key] = sumPence([year[key], row.amountPence]);
		year.totalPence = sumPence([year.totalPence, row.amountPence]);
		all[key] = sumPence([all[key], row.amountPence]);
		all.totalPence = sumPence([all.totalPence, row.amountPence]);
	}
	return {
		years: [...byYear.values()].sort((a, b) => (a.financialYear < b.financialYear ? -1 : 1)),
		all
	};
}

/** Every financial year named by any of the sources' allocations, in order: the funding table's columns. */
export function yearsOf(
	sources: readonly { allocations: readonly { financialYear: string }[] }[]
): string[] {
	return [...new Set(sources.flatMap((s) => s.allocations.map((a) => a.financialYear)))].sort();
}
