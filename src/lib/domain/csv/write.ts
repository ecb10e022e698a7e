/**
 * CSV for Excel users: UTF-8 with a BOM (so Excel shows '£'), CRLF line ends, and every cell that
 * a spreadsheet would run as a formula neutralised with a leading apostrophe.
 */
import Papa from 'papaparse';

/**
 * Cells starting with = + - @ tab CR LF or NUL are formulas to a spreadsheet. papaparse's own
 * `escapeFormulae: true` misses multi-line cells (see ../shared/PITFALLS.md), so we pass our own.
 */
export const FORMULA_START = /^[=+\-@\t\r\n\0]/;

export const BOM = '\uFEFF';

export type CsvCell = string | number | boolean | null | undefined;

/** Renders rows under a header row. Numbers are written as plain numbers, not neutralised. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
	const data = rows.map((row) => row.map((cell) => (cell == null ? '' : typeof cell === 'string' ? cell : String(cell))));
	// Numbers such as -5 are data, not formulas: mark which cells are numeric so they are left alone.
	const text = Papa.unparse(
		{ fields: [...header], data: data.map((row, r) => row.map((cell, c) => (typeof rows[r]![c] === 'number' ? cell : neutralise(cell)))) },
		{ newline: '\r\n', quotes: false, escapeFormulae: false }
	);
	return `${BOM}${text}\r\n`;
}

/** Prefixes a formula-like text cell with an apostrophe, which spreadsheets show but do not run. */
export function neutralise(cell: string): string {
	return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** A safe download file name: letters, digits, hyphens. */
export function csvFileName(stem: string, date: string): string {
	return `${stem.replace(/[^a-z0-9-]+/gi, '-').replace(/^-+|-+$/g, '').toLowerCase()}-${date}.csv`;
}
