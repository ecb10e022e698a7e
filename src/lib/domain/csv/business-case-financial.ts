/**
 * A business case version's financial tables as CSV: every option's financial case by financial
 * year, exactly the rows the page and the printed case show (business-case-financial-table.ts),
 * money in pounds and pence ('1234.56') so a spreadsheet reads numbers, never a leading minus.
 */
import { toCsv } from './write';
import { penceToInput } from '../money';
import { financialTable } from '../business-cases/business-case-financial-table';
import type { BusinessCaseSnapshot } from '../business-cases/business-case-snapshot';

export const FINANCIAL_CSV_HEADER = [
	'Option',
	'Financial year',
	'Capital (£)',
	'Revenue (£)',
	'Total cost (£)',
	'Funding counted (£)',
	'Shortfall (£)',
	'Unused funding (£)'
] as const;

export function financialCsv(snapshot: Pick<BusinessCaseSnapshot, 'financialCases'>): string {
	const rows = snapshot.financialCases.flatMap((fc) =>
		financialTable(fc.financial).map((r) => [
			fc.title,
			r.financialYear,
			...[
				r.capitalPence,
				r.revenuePence,
				r.totalPence,
				r.fundingPence,
				r.shortfallPence,
				r.unusedPence
			].map((p) => {
				if (p < 0) throw new RangeError(`a financial case amount is negative: ${p}`);
				return penceToInput(p);
			})
		])
	);
	return toCsv(FINANCIAL_CSV_HEADER, rows);
}
