/**
 * A table as an Excel sheet, before any library sees it: each column says what its cells are, so
 * money becomes a number in pounds with a £ format, a date a real date cell, a count a whole
 * number, and words stay text (text that looks like a formula is still text: a cell written as a
 * string is never calculated, so it needs no apostrophe as a CSV cell does).
 */
import type { Cell } from '../rollups/rollup-tables';

export type ColumnKind = 'text' | 'money' | 'count' | 'date';

export interface SheetColumn {
	heading: string;
	kind: ColumnKind;
}

/** The same cells the roll-up tables use: money in integer pence, a count, an ISO date, or words. Null is an empty cell. */
export type SheetCell = Cell | null;

export interface SheetTable {
	/** The sheet's tab name (sheetName() makes any text fit Excel's rules). */
	name: string;
	columns: SheetColumn[];
	rows: readonly (readonly SheetCell[])[];
}

/** Excel's formats for each kind: pounds with pence and a minus sign for negatives, UK dates, whole numbers with separators. */
export const NUMBER_FORMAT: Record<Exclude<ColumnKind, 'text'>, string> = {
	money: '"£"#,##0.00;-"£"#,##0.00',
	date: 'dd/mm/yyyy',
	count: '#,##0'
};

/** A tab name Excel accepts: at most 31 characters, none of : \ / ? * [ ], not blank, not starting or ending with an apostrophe. */
export function sheetName(text: string): string {
	const cleaned = text
		.replace(/[:\\/?*[\]]/g, ' ')
		.replace(/^'+|'+$/g, '')
		.trim()
		.slice(0, 31)
		.trim();
	return cleaned === '' ? 'Sheet1' : cleaned;
}

/** A column's width in characters: its heading or its longest value in the first rows, within bounds, so no heading is cut and no column is a page wide. */
export function columnWidth(
	column: SheetColumn,
	rows: SheetTable['rows'],
	index: number,
	sample = 500
): number {
	const fixed = { money: 16, date: 12, count: 10 } as const;
	let longest = column.heading.length;
	if (column.kind === 'text') {
		for (let i = 0; i < Math.min(rows.length, sample); i++) {
			const cell = rows[i]![index];
			if (cell && 'text' in cell) longest = Math.max(longest, cell.text.length);
		}
	} else {
		longest = Math.max(longest, fixed[column.kind]);
	}
	return Math.min(60, Math.max(8, longest + 2));
}

/** The number format a cell is shown with: each cell's own, so a table mixing money and counts in a column (a totals row) shows each rightly. */
export function cellFormat(cell: SheetCell): string | undefined {
	if (cell == null || 'text' in cell) return undefined;
	return 'money' in cell
		? NUMBER_FORMAT.money
		: 'count' in cell
			? NUMBER_FORMAT.count
			: NUMBER_FORMAT.date;
}

/** The kind of a column from its cells: the first that is not words or empty decides (a roll-up's first column is always words). */
export function columnKind(rows: SheetTable['rows'], index: number): ColumnKind {
	for (const row of rows) {
		const cell = row[index];
		if (cell == null || 'text' in cell) continue;
		return 'money' in cell ? 'money' : 'count' in cell ? 'count' : 'date';
	}
	return 'text';
}

/** The value Excel stores for a cell, or why it cannot: money in pounds, a date as a UTC midnight (its serial), words as themselves. */
export function cellValue(cell: SheetCell): string | number | Date | null {
	if (cell == null) return null;
	if ('money' in cell) {
		if (!Number.isSafeInteger(cell.money))
			throw new RangeError(`an amount is not whole pence: ${cell.money}`);
		return cell.money / 100;
	}
	if ('count' in cell) return cell.count;
	if ('date' in cell) return cell.date ? new Date(`${cell.date}T00:00:00Z`) : null;
	return cell.text;
}

/** The Excel download beside a CSV one: the same address and query, ending .xlsx. */
export function xlsxHref(csvHref: string): string {
	return csvHref.replace(/\.csv(?=\?|#|$)/, '.xlsx');
}
