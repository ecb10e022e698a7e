/**
 * The `/rollups` tables as CSV: the same model the page renders, one row per table row and the totals
 * row last, money in pounds and pence ('1234.56') and dates as ISO, so a spreadsheet reads them as
 * numbers and dates while the figures stay those on the page.
 */
import { toCsv, type CsvCell } from './write';
import { penceToInput } from '../money';
import type { Cell, RollupTableModel } from '../rollups/rollup-tables';

/** A column's CSV heading: its group and label together ('2026/27 Capital'), the page's two heading rows in one. */
export function csvHeading(column: { label: string; group?: string }): string {
	return column.group ? `${column.group} ${column.label}` : column.label;
}

/**
 * A cell's CSV value. Every amount on these tables is 0 or more (a funding gap is split into a
 * shortfall and unused funding), so penceToInput never writes a leading minus that the formula guard
 * would turn into text; a negative amount is refused rather than silently quoted.
 */
export function csvCell(cell: Cell): CsvCell {
	if ('money' in cell) {
		if (cell.money < 0) throw new RangeError(`a roll-up amount is negative: ${cell.money}`);
		return penceToInput(cell.money);
	}
	if ('count' in cell) return cell.count;
	if ('date' in cell) return cell.date ?? '';
	return cell.text;
}

export function rollupTableCsv(table: RollupTableModel): string {
	const rows = table.totals ? [...table.rows, table.totals] : table.rows;
	return toCsv(
		table.columns.map(csvHeading),
		rows.map((row) => row.map(csvCell))
	);
}
