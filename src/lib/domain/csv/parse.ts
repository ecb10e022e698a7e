/**
 * Parsing the whole file: papaparse with typing off, then the checks papaparse leaves to us.
 * File-level problems (unterminated quotes, duplicate headings) refuse the file; a ragged row is a
 * row problem. Blank rows are ignored.
 */
import Papa from 'papaparse';
import type { Delimiter } from './delimiter';
import { normaliseHeading } from './mapping';
import type { RowProblem } from './rows';

export interface ParsedFile {
	headings: string[];
	/** Data rows with their spreadsheet row numbers (the heading is row 1). */
	rows: { row: number; cells: string[] }[];
	ragged: RowProblem[];
}

export type ParseResult = { ok: true; file: ParsedFile } | { ok: false; reason: string };

/** Rows of one slice of a file, with the rows whose cell count does not match the headings. */
export interface RowSlice {
	rows: ParsedFile['rows'];
	ragged: { row: number; cells: string[]; problem: RowProblem }[];
}

export type SliceParseResult = { ok: true; headings: string[]; dataRows: number } | { ok: false; reason: string };

/** papaparse's own guess at the line ending (it looks at the first 1 MB), made once so every slice splits lines alike. */
type LineEnding = '\n' | '\r' | '\r\n';
function lineEnding(text: string): LineEnding {
	return Papa.parse(text.slice(0, 1 << 20), { preview: 1 }).meta.linebreak as LineEnding;
}

/**
 * Where the slice starting at `start` should end: just after the first line ending at or beyond
 * `start + size` that is outside double quotes (counted from `start`, where no quote is open).
 * A quote inside an unquoted cell can fool the count; the caller detects that and re-reads.
 * Files whose lines end in a bare CR are not sliced.
 */
export function sliceEnd(text: string, start: number, size: number, newline: string): number {
	if (text.length - start <= size || (newline !== '\n' && newline !== '\r\n')) return text.length;
	let quoted = false;
	let quote = text.indexOf('"', start);
	let from = start + size;
	for (;;) {
		const found = text.indexOf(newline, from);
		if (found === -1) return text.length;
		while (quote !== -1 && quote < found) {
			quoted = !quoted;
			quote = text.indexOf('"', quote + 1);
		}
		if (!quoted) return found + newline.length;
		from = found + newline.length;
	}
}

/**
 * Parses the file a slice at a time (about `size` characters each), handing each slice's rows to
 * `onSlice` before reading the next, so a 20 MB file never holds every cell in memory at once and
 * the caller can let other work run between slices. The rows, row numbers and problems are exactly
 * those of parsing the whole text at once (parseCsvText).
 */
export async function parseCsvInSlices(text: string, delimiter: Delimiter, onSlice: (slice: RowSlice) => Promise<void> | void, size = 1 << 18): Promise<SliceParseResult> {
	const newline = lineEnding(text);
	let headings: string[] | null = null;
	let headingProblem: string | null = null;
	let record = 0;
	let dataRows = 0;
	let start = 0;
	let sliceSize = size;
	while (start < text.length) {
		const end = sliceEnd(text, start, sliceSize, newline);
		const last = end === text.length;
		// A cut slice ends in the line ending that parsing the whole text would not turn into a record.
		const piece = text.slice(start, last ? end : end - newline.length);
		// papaparse reads '' as no records, where the whole text has a blank one.
		const result: Pick<Papa.ParseResult<string[]>, 'data' | 'errors'> = piece === '' ? { data: [['']], errors: [] } : Papa.parse<string[]>(piece, { delimiter, newline, dynamicTyping: false, skipEmptyLines: false });
		const quoteError = result.errors.find((e) => e.type === 'Quotes');
		if (quoteError && !last) {
			sliceSize = Infinity; // a stray quote fooled the cut: read the rest in one piece
			continue;
		}
		if (quoteError) return { ok: false, reason: `A quoted cell is never closed (row ${record + (quoteError.row ?? 0) + 1}): check for a stray " character` };
		const slice: RowSlice = { rows: [], ragged: [] };
		for (const cells of result.data) {
			record++;
			if (!cells.some((c) => c.trim() !== '')) continue;
			if (!headings) {
				headings = cells.map((h) => h.trim());
				// Reported after the whole file is read, so an unclosed quote is reported first, as parseCsvText does.
				headingProblem = duplicateHeading(headings);
				continue;
			}
			if (headingProblem) continue;
			dataRows++;
			if (cells.length !== headings.length) slice.ragged.push({ row: record, cells, problem: raggedProblem(record, cells.length, headings.length) });
			else slice.rows.push({ row: record, cells });
		}
		if (!headingProblem) await onSlice(slice);
		start = end;
	}
	if (headingProblem) return { ok: false, reason: headingProblem };
	if (!headings) return { ok: false, reason: 'The file has no heading row' };
	if (dataRows === 0) return { ok: false, reason: 'The file has a heading row but no data rows' };
	return { ok: true, headings, dataRows };
}

const raggedProblem = (row: number, cells: number, headings: number): RowProblem => ({ row, column: '(whole row)', reason: `The row has ${cells} cells but the heading row has ${headings}` });

function duplicateHeading(headings: readonly string[]): string | null {
	const seen = new Map<string, string>();
	for (const heading of headings) {
		const key = normaliseHeading(heading);
		if (!key) continue;
		const earlier = seen.get(key);
		if (earlier !== undefined) return `Two columns have the same heading: '${earlier}' and '${heading}'. Rename one and upload again`;
		seen.set(key, heading);
	}
	return null;
}

/**
 * The heading row (the first row with anything in it), read without parsing the rest of the file,
 * so the column mapping can be decided before the rows are read. Null when none is found early on.
 */
export function readHeadings(text: string, delimiter: Delimiter): string[] | null {
	const result = Papa.parse<string[]>(text, { delimiter, dynamicTyping: false, skipEmptyLines: false, preview: 100 });
	const header = result.data.find((cells) => cells.some((c) => c.trim() !== ''));
	return header ? header.map((h) => h.trim()) : null;
}

/** Parses the whole file at once (small files and tests; see parseCsvInSlices for large ones). */
export function parseCsvText(text: string, delimiter: Delimiter): ParseResult {
	const result = Papa.parse<string[]>(text, { delimiter, dynamicTyping: false, skipEmptyLines: false, newline: undefined });
	const quoteError = result.errors.find((e) => e.type === 'Quotes');
	if (quoteError) {
		return { ok: false, reason: `A quoted cell is never closed (row ${(quoteError.row ?? 0) + 1}): check for a stray " character` };
	}
	const all = result.data.map((cells, i) => ({ row: i + 1, cells }));
	const nonBlank = all.filter(({ cells }) => cells.some((c) => c.trim() !== ''));
	const [header, ...rows] = nonBlank;
	if (!header) return { ok: false, reason: 'The file has no heading row' };
	const headings = header.cells.map((h) => h.trim());
	const duplicate = duplicateHeading(headings);
	if (duplicate) return { ok: false, reason: duplicate };
	if (rows.length === 0) return { ok: false, reason: 'The file has a heading row but no data rows' };
	const ragged: RowProblem[] = [];
	const good: ParsedFile['rows'] = [];
	for (const r of rows) {
		if (r.cells.length !== headings.length) {
			ragged.push(raggedProblem(r.row, r.cells.length, headings.length));
		} else {
			good.push(r);
		}
	}
	return { ok: true, file: { headings, rows: good, ragged } };
}

export interface RejectedRow {
	row: number;
	/** Every problem of the row, 'Column: reason', joined with '; '. */
	reasons: string;
	/** The row's cells as they were in the file. */
	cells: string[];
}

/**
 * The rejected rows of a file as they were in it, each with its reasons, for the officer to fix and
 * upload again. Reads the file a slice at a time, keeping only the rows that have a problem.
 */
export async function rejectedRowsOf(text: string | null, delimiter: Delimiter, problems: readonly RowProblem[], between: () => Promise<void> | void = () => {}): Promise<RejectedRow[]> {
	const reasons = new Map<number, string[]>();
	for (const p of problems) reasons.set(p.row, [...(reasons.get(p.row) ?? []), `${p.column}: ${p.reason}`]);
	const cellsOf = new Map<number, string[]>();
	if (text !== null && reasons.size > 0) {
		await parseCsvInSlices(text, delimiter, async (slice) => {
			for (const r of [...slice.rows, ...slice.ragged]) if (reasons.has(r.row)) cellsOf.set(r.row, r.cells);
			await between();
		});
	}
	return [...reasons.entries()].map(([row, list]) => ({ row, reasons: list.join('; '), cells: cellsOf.get(row) ?? [] }));
}
