/**
 * The financial case of an option as one table, the same for the page, the printed case and the CSV:
 * a row per financial year (nominal, undiscounted) and an 'All years' row, with the funding counted
 * and the gap split into a shortfall and unused funding, so every amount is 0 or more. A year's
 * shortfall sums capital and revenue shortfalls apart: spare revenue funding never covers capital.
 */
import { sumPence } from '../rollups/rollup';
import type { FinancialCase } from './business-case-figures';

export interface FinancialTableRow {
	/** A financial year such as '2026/27', or 'All years' for the totals row. */
	financialYear: string;
	capitalPence: number;
	revenuePence: number;
	totalPence: number;
	fundingPence: number;
	shortfallPence: number;
	unusedPence: number;
}

export const ALL_YEARS = 'All years';

export function financialTable(financial: FinancialCase): FinancialTableRow[] {
	const rows = financial.years.map((y) => {
		const gaps = financial.funding.filter((g) => g.financialYear === y.financialYear);
		return {
			financialYear: y.financialYear,
			capitalPence: y.capitalPence,
			revenuePence: y.revenuePence,
			totalPence: y.totalPence,
			fundingPence: sumPence(gaps.map((g) => g.fundingPence)),
			shortfallPence: sumPence(gaps.filter((g) => g.gapPence > 0).map((g) => g.gapPence)),
			unusedPence: sumPence(gaps.filter((g) => g.gapPence < 0).map((g) => -g.gapPence))
		};
	});
	const total = (k: keyof Omit<FinancialTableRow, 'financialYear'>) =>
		sumPence(rows.map((r) => r[k]));
	return [
		...rows,
		{
			financialYear: ALL_YEARS,
			capitalPence: total('capitalPence'),
			revenuePence: total('revenuePence'),
			totalPence: total('totalPence'),
			fundingPence: total('fundingPence'),
			shortfallPence: total('shortfallPence'),
			unusedPence: total('unusedPence')
		}
	];
}
