/**
 * The exempt annex as CSV: spend to date by system with its supplier, capital and revenue apart,
 * money as pounds a spreadsheet reads as numbers (penceToInput: '1234.56').
 */
import type { ExemptAnnex } from '../reports/report-content';
import { SPEND_TYPE_LABEL } from '../costs/cost';
import { penceToInput } from '../money';
import type { CsvCell } from './write';

export const ANNEX_HEADER = [
	'System or workstream',
	'Supplier',
	'Spend type',
	'Budget to date (£)',
	'Spent to date (£)',
	'Remaining (£)'
] as const;

/** Pounds as text ('1234.50'); an overspend as a number, since toCsv would neutralise a text cell starting '-'. */
const pounds = (pence: number): CsvCell =>
	pence < 0 ? Number(penceToInput(pence)) : penceToInput(pence);

/** One row per system (or workstream) and spend type, as the annex lists them. */
export function annexRows(annex: ExemptAnnex): CsvCell[][] {
	return annex.spendBySystem.map((r) => [
		r.label,
		r.supplier,
		SPEND_TYPE_LABEL[r.spendType],
		pounds(r.budgetPence),
		pounds(r.actualPence),
		pounds(r.remainingPence)
	]);
}
