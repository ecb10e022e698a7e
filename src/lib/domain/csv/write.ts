/**
 * CSV for Excel users: UTF-8 with a BOM (so Excel shows '£'), CRLF line ends, and every cell that
 * a spreadsheet would run as a formula neutralised with a leading apostrophe.
 */
import Papa from 'papaparse';

/**
 * Cells starting with = + - @ tab CR LF or NUL are formulas to a spreadsheet. papaparse's own
 * `escapeFormulae: true` checks only a cell's first character, so we neutralise them ourselves.
 */
export const FORMULA_START = /^[=+\-@\t\r\n\0]/;

/**
 * A later line of a multi-line cell starting with = + - @ tab or NUL: some spreadsheets and CSV
 * tools split such a cell into rows on paste or import, and would then run that line.
 */
const LATER_FORMULA_LINE = /(\r\n|\r|\n)(?='*[=+\-@\t\0])/g;

/** Text that already starts "'=": guarded again, so reading back (unneutralise) removes exactly one apostrophe. */
const GUARDED_START = /^'+[=+\-@\t\r\n\0]/;

/** A negative amount such as '-12.50' is data, not a formula: a spreadsheet reads it as the number it is. */
const PLAIN_NEGATIVE_NUMBER = /^-\d+(\.\d+)?$/;

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
	const data = rows.map((row) =>
		row.map((cell) =>
			cell == null ? '' : typeof cell === 'number' ? String(cell) : neutralise(String(cell))
		)
	);
	return `${Papa.unparse(data, { newline: '\r\n', quotes: false, escapeFormulae: false })}\r\n`;
}

/**
 * Prefixes every formula-like line of a text cell (the first, and each after a line break) with an
 * apostrophe, which spreadsheets show but do not run (the OWASP advice for CSV injection). A cell that
 * is just a negative number is left as it is.
 */
export function neutralise(cell: string): string {
	if (PLAIN_NEGATIVE_NUMBER.test(cell)) return cell;
	const later = cell.replace(LATER_FORMULA_LINE, "$1'");
	return FORMULA_START.test(later) || GUARDED_START.test(later) ? `'${later}` : later;
}

/** A safe download file name: letters, digits, hyphens. */
export function csvFileName(stem: string, date: string): string {
	return `${stem
		.replace(/[^a-z0-9-]+/gi, '-')
		.replace(/^-+|-+$/g, '')
		.toLowerCase()}-${date}.csv`;
}
