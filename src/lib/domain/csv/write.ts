/**
 * CSV for Excel users: UTF-8 with a BOM (so Excel shows '£'), CRLF line ends, and every cell that
 * a spreadsheet would run as a formula neutralised with a leading apostrophe.
 */
import Papa from 'papaparse';

/**
 * Cells starting with = + - @ tab CR LF or NUL are formulas to a spreadsheet. papaparse's own
 * `escapeFormulae: true` misses multi-line cells (`"=1+1\nnote"`), so we neutralise them ourselves.
 */
export const FORMULA_START = /^[=+\-@\t\r\n\0]/;

export const BOM = '\uFEFF';

export type CsvCell = string | number | boolean | null | undefined;

/** Renders rows under a header row. Numbers are written as plain numbers, not neutralised. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
	return `${BOM}${csvLines([header, ...rows])}`;
}

/**
 * Rows as CSV lines, each ending in CRLF, with no BOM and no header: a part of a longer file (a
 * download written in parts). Numbers are left as they are; text that looks like a formula is neutralised.
 */
export function csvLines(rows: readonly (readonly CsvCell[])[]): string {
	if (rows.length === 0) return '';
	// Numbers such as -5 are data, not formulas: mark which cells are numeric so they are left alone.
	const data = rows.map((row) => row.map((cell) => (cell == null ? '' : typeof cell === 'number' ? String(cell) : neutralise(String(cell)))));
	return `${Papa.unparse(data, { newline: '\r\n', quotes: false, escapeFormulae: false })}\r\n`;
}

/** Prefixes a formula-like text cell with an apostrophe, which spreadsheets show but do not run. */
export function neutralise(cell: string): string {
	return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** A safe download file name: letters, digits, hyphens. */
export function csvFileName(stem: string, date: string): string {
	return `${stem.replace(/[^a-z0-9-]+/gi, '-').replace(/^-+|-+$/g, '').toLowerCase()}-${date}.csv`;
}
