/**
 * The bounds every uploaded CSV file is held to, on every import route (systems and cost lines),
 * and the scan that checks them before any parsing starts. Each limit is far above what a council's
 * spreadsheet holds, and each stops work that would otherwise grow with a hostile file: one field
 * selector per column on the preview, one string per cell, one slice of parsing per row.
 */
import { formatCount } from '../money';

export const CSV_LIMITS = {
	/** Columns in any row: a council inventory has 15-40. */
	columns: 200,
	/** Characters in one heading. */
	headingChars: 200,
	/** Characters in one cell: Excel's own limit (32,767). */
	cellChars: 32_767,
	/** Rows under the heading row, blank rows included. */
	dataRows: 200_000,
	/** Characters in one row, line breaks inside quoted cells included. */
	rowChars: 200_000
} as const;

export type CsvLimits = { [K in keyof typeof CSV_LIMITS]: number };

/** papaparse's three line endings. */
export type LineEnding = '\n' | '\r' | '\r\n';

/**
 * The file's structure as the scan found it: where each slice starts, every slice ending at the end
 * of a row (never inside a quoted cell), so each can be parsed alone with the result of parsing
 * the whole text. `bounds` ends with the text's length.
 */
export interface CsvShape {
	newline: LineEnding;
	bounds: number[];
}

export type ScanResult = { ok: true; shape: CsvShape } | { ok: false; reason: string };

export interface ScanOptions {
	/** Characters per slice, before the slice is extended to the end of its row. */
	sliceChars?: number;
	limits?: CsvLimits;
	/** Called every so often, so a caller can let other work run. */
	between?: () => Promise<void> | void;
}

const n = (value: number) => formatCount(value);
const QUOTE = 34;
/** Fields scanned between calls to `between`: a millisecond or two of work. */
const FIELDS_PER_TURN = 1 << 13;
/** Fields in one slice at most, whatever its length: papaparse's cost grows with fields, not characters. */
const FIELDS_PER_SLICE = 1 << 14;

export const unclosedQuote = (row: number) =>
	`A quoted cell is never closed (row ${row}): check for a stray " character`;

/** The heading row's own limit (its columns are checked by the scan); null when within it. */
export function headingProblem(
	headings: readonly string[],
	limits: CsvLimits = CSV_LIMITS
): string | null {
	const at = headings.findIndex((h) => h.length > limits.headingChars);
	if (at < 0) return null;
	return `The heading of column ${at + 1} is ${n(headings[at]!.length)} characters long: a heading can be at most ${n(limits.headingChars)} characters. Shorten it and upload again`;
}

/** Whitespace papaparse allows between a closing quote and the delimiter or line ending (String.prototype.trim's set). */
function spacesBetween(text: string, from: number, to: number): number {
	if (to <= from) return 0;
	for (let i = from; i < to; i++) if (text[i]!.trim() !== '') return 0;
	return to - from;
}

/**
 * Reads the file's structure the way papaparse will read it (a field is quoted only when it starts
 * with a quote; it ends at a quote followed, after any spaces, by the delimiter or the line ending),
 * checking every limit as it goes and stopping at the first one broken, with its row and column. It
 * keeps no cells: it only finds where fields and rows end, mostly with indexOf, so it costs a small
 * fraction of parsing, and lets other work run every few thousand fields. A quote problem papaparse
 * would report (never closed, or closed and followed by more text) is refused here, at its row.
 */
const tooManyColumns = (row: number, limits: CsvLimits) =>
	`Row ${n(row)} has more than ${n(limits.columns)} columns: a file can have at most ${n(limits.columns)}. Remove the extra columns and upload again`;

export async function scanCsv(
	text: string,
	delimiter: string,
	newline: LineEnding,
	options: ScanOptions = {}
): Promise<ScanResult> {
	const { sliceChars = 1 << 18, limits = CSV_LIMITS, between = () => {} } = options;
	const length = text.length;
	const bounds = [0];
	const refuse = (reason: string): ScanResult => ({ ok: false, reason });
	let pos = 0;
	let row = 1;
	let column = 1;
	let rowStart = 0;
	let fields = 0;
	let sliceStartField = 0;
	let nextDelim = text.indexOf(delimiter);
	let nextNewline = text.indexOf(newline);
	while (pos < length) {
		if (column > limits.columns) return refuse(tooManyColumns(row, limits));
		let end: number; // just after the field's last character (its closing quote, when quoted)
		let next: number; // where the next field starts
		let endsRow: boolean;
		const quoted = text.charCodeAt(pos) === QUOTE;
		if (quoted) {
			let q = pos;
			for (;;) {
				q = text.indexOf('"', q + 1);
				if ((q === -1 ? length : q) - pos - 1 > limits.cellChars) {
					// Found without reading past the limit: a long cell and a quote never closed look alike here.
					return refuse(
						`The quoted cell starting in row ${n(row)}, column ${n(column)} is longer than ${n(limits.cellChars)} characters, the most a cell can hold (Excel's own limit). If it should be shorter, check for a stray " character`
					);
				}
				if (q === -1) return refuse(unclosedQuote(row));
				if (q === length - 1) {
					[end, next, endsRow] = [length, length, true];
					break;
				}
				if (text.charCodeAt(q + 1) === QUOTE) {
					q++;
					continue;
				}
				if (nextDelim !== -1 && nextDelim < q + 1) nextDelim = text.indexOf(delimiter, q + 1);
				if (nextNewline !== -1 && nextNewline < q + 1) nextNewline = text.indexOf(newline, q + 1);
				const upTo = nextNewline === -1 ? nextDelim : Math.min(nextDelim, nextNewline);
				const spaces = spacesBetween(text, q + 1, upTo);
				if (text.startsWith(delimiter, q + 1 + spaces)) {
					[end, next, endsRow] = [q + 1, q + 1 + spaces + delimiter.length, false];
					break;
				}
				const spacesToNewline = spacesBetween(text, q + 1, nextNewline);
				if (text.startsWith(newline, q + 1 + spacesToNewline)) {
					[end, next, endsRow] = [q + 1, q + 1 + spacesToNewline + newline.length, true];
					break;
				}
				return refuse(unclosedQuote(row)); // papaparse's 'InvalidQuotes': the whole file is refused for it too
			}
		} else if (nextDelim !== -1 && (nextDelim < nextNewline || nextNewline === -1)) {
			[end, next, endsRow] = [nextDelim, nextDelim + delimiter.length, false];
		} else if (nextNewline !== -1) {
			[end, next, endsRow] = [nextNewline, nextNewline + newline.length, true];
		} else {
			[end, next, endsRow] = [length, length, true];
		}
		if (end - pos - (quoted ? 2 : 0) > limits.cellChars) {
			return refuse(
				`The cell in row ${n(row)}, column ${n(column)} is longer than ${n(limits.cellChars)} characters, the most a cell can hold (Excel's own limit)`
			);
		}
		if (end - rowStart > limits.rowChars)
			return refuse(
				`Row ${n(row)} is longer than ${n(limits.rowChars)} characters: a row can hold at most ${n(limits.rowChars)}`
			);
		pos = next;
		if (nextDelim !== -1 && nextDelim < pos) nextDelim = text.indexOf(delimiter, pos);
		if (endsRow) {
			if (nextNewline !== -1 && nextNewline < pos) nextNewline = text.indexOf(newline, pos);
			[row, column, rowStart] = [row + 1, 1, pos];
			if (pos < length && row > limits.dataRows + 1) {
				return refuse(
					`The file has more than ${n(limits.dataRows)} rows under its heading row (counting blank rows): split it into files of at most ${n(limits.dataRows)} rows`
				);
			}
			if (
				pos < length &&
				(pos - bounds[bounds.length - 1]! >= sliceChars ||
					fields - sliceStartField >= FIELDS_PER_SLICE)
			) {
				bounds.push(pos);
				sliceStartField = fields;
			}
		} else {
			column++;
		}
		if (++fields % FIELDS_PER_TURN === 0) await between();
	}
	// A file ending in a delimiter ends in one more, empty, cell (papaparse reads 'a,' as two cells).
	if (column > limits.columns) return refuse(tooManyColumns(row, limits));
	if (bounds[bounds.length - 1] !== length || length === 0) bounds.push(length);
	return { ok: true, shape: { newline, bounds } };
}

/**
 * The line ending papaparse would guess (its guessLineEndings): in the first 1 MB with quoted text
 * removed, '\n' when there is no '\r' or a '\n' comes first, else '\r\n' when at least half the
 * '\r' are followed by '\n', else '\r'. Done here so it costs no parsing of the first row.
 */
export function guessLineEnding(text: string): LineEnding {
	const head = text.slice(0, 1 << 20).replace(/"([^]*?)"/gm, '');
	const firstCr = head.indexOf('\r');
	const firstLf = head.indexOf('\n');
	if (firstCr === -1 || (firstLf !== -1 && firstLf < firstCr)) return '\n';
	let crs = 0;
	let crlfs = 0;
	for (let i = firstCr; i !== -1; i = head.indexOf('\r', i + 1)) {
		crs++;
		if (head.charCodeAt(i + 1) === 10) crlfs++;
	}
	return crlfs >= (crs + 1) / 2 ? '\r\n' : '\r';
}
