/**
 * Parsing the whole file: papaparse with typing off, then the checks papaparse leaves to us.
 * File-level problems (a limit broken, unterminated quotes, duplicate headings) refuse the file; a ragged row is a
 * row problem. Blank rows are ignored.
 */
import Papa from 'papaparse';
import type { Delimiter } from './delimiter';
import { normaliseHeading } from './mapping';
import type { RowProblem } from './rows';
import {
	guessLineEnding,
	headingProblem,
	scanCsv,
	unclosedQuote,
	type CsvLimits,
	type CsvShape
} from './limits';

/** How many rows with anything in them are looked at for a title above the heading row. */
export const TITLE_LOOKAHEAD = 10;

const filledCells = (cells: readonly string[]) => cells.filter((c) => c.trim() !== '').length;

/**
 * Which of a file's first records is its heading row; -1 when none has anything in it. A council's
 * spreadsheet often has a title above its headings ('Children's Services ICT inventory', 'As at
 * 14/11/2026'), and saved as CSV from Excel a merged title is one filled cell in an otherwise empty
 * row. So among the first ten rows with anything in them, the heading row is the first with two or
 * more filled cells and at least half as many as the fullest of those rows; the rows above it are a
 * title, left out. When none is (a one-column list), the first row with anything in it.
 */
export function headingRecordIndex(records: readonly (readonly string[])[]): number {
	const candidates: { at: number; filled: number }[] = [];
	for (let at = 0; at < records.length && candidates.length < TITLE_LOOKAHEAD; at++) {
		const filled = filledCells(records[at]!);
		if (filled > 0) candidates.push({ at, filled });
	}
	if (candidates.length === 0) return -1;
	const fullest = Math.max(...candidates.map((c) => c.filled));
	return (candidates.find((c) => c.filled >= 2 && c.filled * 2 >= fullest) ?? candidates[0]!).at;
}

/** The title rows above the heading row: each one's filled cells, joined, for the preview to quote. */
function titleAbove(records: readonly (readonly string[])[], headingAt: number): string[] {
	return records
		.slice(0, Math.max(0, headingAt))
		.filter((cells) => filledCells(cells) > 0)
		.map((cells) =>
			cells
				.map((c) => c.trim())
				.filter((c) => c !== '')
				.join(' ')
		);
}

export interface ParsedFile {
	headings: string[];
	/** The heading row's number in the file: 1, or below a title (headingRecordIndex). */
	headingRow: number;
	/** Data rows with their spreadsheet row numbers (the heading is row 1 unless a title is above it). */
	rows: { row: number; cells: string[] }[];
	ragged: RowProblem[];
}

export type ParseResult = { ok: true; file: ParsedFile } | { ok: false; reason: string };

/** Rows of one slice of a file, with the rows whose cell count does not match the headings. */
export interface RowSlice {
	rows: ParsedFile['rows'];
	ragged: { row: number; cells: string[]; problem: RowProblem }[];
}

export type SliceParseResult =
	| { ok: true; headings: string[]; headingRow: number; dataRows: number }
	| { ok: false; reason: string };

export interface SliceOptions {
	/** Characters per slice, before the slice is extended to the end of its row. */
	size?: number;
	/** Called between the scan's steps, so a caller can let other work run. */
	between?: () => Promise<void> | void;
	/** The scan already made (readCsvHead), with the same slice size; else the file is scanned first. */
	shape?: CsvShape;
	limits?: CsvLimits;
	/**
	 * Stop after the slice holding the first data row (`dataRows` then counts that slice's only):
	 * for a check of the whole file, whose scan has already found every limit broken and every quote
	 * problem, so the rows after it can refuse nothing more.
	 */
	untilFirstDataRow?: boolean;
}

/**
 * Parses the file a slice at a time (about `size` characters each, cut at the end of a row), handing
 * each slice's rows to `onSlice` before reading the next, so a 20 MB file never holds every cell in
 * memory at once, no slice's parsing holds the event loop for long, and the caller can let other
 * work run between slices. The file is scanned against the limits first (scanCsv), so no parsing
 * starts on a file that breaks one. The rows, row numbers and problems are exactly those of parsing
 * the whole text at once (parseCsvText) when the file is within the limits.
 */
export async function parseCsvInSlices(
	text: string,
	delimiter: Delimiter,
	onSlice: (slice: RowSlice) => Promise<void> | void,
	options: SliceOptions = {}
): Promise<SliceParseResult> {
	const scanned = options.shape
		? { ok: true as const, shape: options.shape }
		: await scanCsv(text, delimiter, guessLineEnding(text), {
				sliceChars: options.size,
				between: options.between,
				limits: options.limits
			});
	if (!scanned.ok) return scanned;
	const { newline, bounds } = scanned.shape;
	// Records before the heading row (a title) are left out; the heading row is its own record number.
	const headingAt = headingRecordIndex(headRecords(text, delimiter, scanned.shape));
	let headings: string[] | null = null;
	let problemWithHeadings: string | null = null;
	let record = 0;
	let dataRows = 0;
	for (let i = 0; i + 1 < bounds.length; i++) {
		const last = i + 2 === bounds.length;
		const piece = text.slice(bounds[i], bounds[i + 1]);
		// papaparse reads '' as no records, where the whole text has a blank one.
		const result: Pick<Papa.ParseResult<string[]>, 'data' | 'errors'> = piece === ''
			? { data: [['']], errors: [] }
			: Papa.parse<string[]>(piece, {
					delimiter,
					newline,
					dynamicTyping: false,
					skipEmptyLines: false
				});
		// A cut slice ends in a line ending, which papaparse reads as one more, empty, record.
		if (!last) result.data.pop();
		const quoteError = result.errors.find((e) => e.type === 'Quotes');
		if (quoteError) return { ok: false, reason: unclosedQuote(record + (quoteError.row ?? 0) + 1) };
		const slice: RowSlice = { rows: [], ragged: [] };
		for (const cells of result.data) {
			record++;
			if (!cells.some((c) => c.trim() !== '')) continue;
			if (record <= headingAt) continue;
			if (!headings) {
				headings = cells.map((h) => h.trim());
				problemWithHeadings =
					headingProblem(headings, options.limits) ?? duplicateHeading(headings);
				if (problemWithHeadings) return { ok: false, reason: problemWithHeadings };
				continue;
			}
			dataRows++;
			if (cells.length !== headings.length)
				slice.ragged.push({
					row: record,
					cells,
					problem: raggedProblem(record, cells.length, headings.length)
				});
			else slice.rows.push({ row: record, cells });
		}
		await onSlice(slice);
		if (options.untilFirstDataRow && dataRows > 0) break;
	}
	if (!headings) return { ok: false, reason: 'The file has no heading row' };
	if (dataRows === 0) return { ok: false, reason: 'The file has a heading row but no data rows' };
	return { ok: true, headings, headingRow: headingAt + 1, dataRows };
}

const raggedProblem = (row: number, cells: number, headings: number): RowProblem => ({
	row,
	column: '(whole row)',
	reason: `The row has ${cells} cells but the heading row has ${headings}`
});

function duplicateHeading(headings: readonly string[]): string | null {
	const seen = new Map<string, string>();
	for (const heading of headings) {
		const key = normaliseHeading(heading);
		if (!key) continue;
		const earlier = seen.get(key);
		if (earlier !== undefined)
			return `Two columns have the same heading: '${earlier}' and '${heading}'. Rename one and upload again`;
		seen.set(key, heading);
	}
	return null;
}

/** The heading row and where it is: its number in the file, and the title rows above it (headingRecordIndex). */
export interface HeadingRow {
	headings: string[];
	row: number;
	above: string[];
}

/**
 * The heading row (headingRecordIndex, among the first 100 records), read from the start of the
 * file only, so the column mapping can be decided before the rows are read. Null when none is found.
 */
export function readHeadingRow(
	text: string,
	delimiter: Delimiter,
	shape: CsvShape
): HeadingRow | null {
	const records = headRecords(text, delimiter, shape);
	const at = headingRecordIndex(records);
	if (at === -1) return null;
	return {
		headings: records[at]!.map((h) => h.trim()),
		row: at + 1,
		above: titleAbove(records, at)
	};
}

/** Characters read for the heading row: whole slices up to this many (ten rows of a council's file fit many times over). */
const HEAD_CHARS = 64 * 1024;

/**
 * The file's first 100 records, parsed from whole slices of its start only: papaparse given the
 * whole text splits all of it even when asked for a few records.
 */
function headRecords(text: string, delimiter: Delimiter, shape: CsvShape): string[][] {
	const end = shape.bounds.find((b) => b >= HEAD_CHARS) ?? text.length;
	return Papa.parse<string[]>(text.slice(0, end), {
		delimiter,
		newline: shape.newline,
		dynamicTyping: false,
		skipEmptyLines: false,
		preview: 100
	}).data;
}

/** The headings alone (readHeadingRow). */
export function readHeadings(text: string, delimiter: Delimiter, shape: CsvShape): string[] | null {
	return readHeadingRow(text, delimiter, shape)?.headings ?? null;
}

export type CsvHead =
	| {
			ok: true;
			shape: CsvShape;
			headings: string[];
			/** The heading row's number in the file, and the title above it (readHeadingRow). */
			headingRow: number;
			above: string[];
	  }
	| { ok: false; reason: string };

/**
 * Checks the whole file against the limits (scanCsv, no parsing) and reads its heading row: what an
 * upload must pass to be kept, and what a preview needs before it maps the columns. A file that
 * breaks a limit is refused here with the limit, row and column, whenever it was uploaded.
 */
export async function readCsvHead(
	text: string,
	delimiter: Delimiter,
	options: Omit<SliceOptions, 'shape'> = {}
): Promise<CsvHead> {
	const scanned = await scanCsv(text, delimiter, guessLineEnding(text), {
		sliceChars: options.size,
		between: options.between,
		limits: options.limits
	});
	if (!scanned.ok) return scanned;
	const found = readHeadingRow(text, delimiter, scanned.shape);
	if (!found) return { ok: false, reason: 'The file has no heading row' };
	const { headings, row, above } = found;
	const problem = headingProblem(headings, options.limits);
	return problem
		? { ok: false, reason: problem }
		: { ok: true, shape: scanned.shape, headings, headingRow: row, above };
}

/** Parses the whole file at once, unbounded: for tests, as the reference parseCsvInSlices must agree with. */
export function parseCsvText(text: string, delimiter: Delimiter): ParseResult {
	const result = Papa.parse<string[]>(text, {
		delimiter,
		dynamicTyping: false,
		skipEmptyLines: false,
		newline: undefined
	});
	const quoteError = result.errors.find((e) => e.type === 'Quotes');
	if (quoteError) {
		return { ok: false, reason: unclosedQuote((quoteError.row ?? 0) + 1) };
	}
	const headingAt = headingRecordIndex(result.data);
	const all = result.data.map((cells, i) => ({ row: i + 1, cells })).slice(Math.max(0, headingAt));
	const nonBlank = all.filter(({ cells }) => cells.some((c) => c.trim() !== ''));
	const [header, ...rows] = nonBlank;
	if (!header) return { ok: false, reason: 'The file has no heading row' };
	const headings = header.cells.map((h) => h.trim());
	const problem = headingProblem(headings) ?? duplicateHeading(headings);
	if (problem) return { ok: false, reason: problem };
	if (rows.length === 0)
		return { ok: false, reason: 'The file has a heading row but no data rows' };
	const ragged: RowProblem[] = [];
	const good: ParsedFile['rows'] = [];
	for (const r of rows) {
		if (r.cells.length !== headings.length) {
			ragged.push(raggedProblem(r.row, r.cells.length, headings.length));
		} else {
			good.push(r);
		}
	}
	return { ok: true, file: { headings, headingRow: header.row, rows: good, ragged } };
}

export interface RejectedRow {
	row: number;
	/** Every problem of the row, 'Column: reason', joined with '; '. */
	reasons: string;
	/** The row's system name, when its problems carry one. */
	name: string;
	/** The row's cells as they were in the file. */
	cells: string[];
}

/**
 * The rejected rows of a file as they were in it, each with its reasons, for the officer to fix and
 * upload again. Reads the file a slice at a time, keeping only the rows that have a problem.
 */
export async function rejectedRowsOf(
	text: string | null,
	delimiter: Delimiter,
	problems: readonly RowProblem[],
	between: () => Promise<void> | void = () => {}
): Promise<RejectedRow[]> {
	const reasons = new Map<number, string[]>();
	const names = new Map<number, string>();
	for (const p of problems) {
		reasons.set(p.row, [...(reasons.get(p.row) ?? []), `${p.column}: ${p.reason}`]);
		if (p.name && !names.has(p.row)) names.set(p.row, p.name);
	}
	const cellsOf = new Map<number, string[]>();
	if (text !== null && reasons.size > 0) {
		await parseCsvInSlices(
			text,
			delimiter,
			async (slice) => {
				for (const r of [...slice.rows, ...slice.ragged])
					if (reasons.has(r.row)) cellsOf.set(r.row, r.cells);
				await between();
			},
			{ between }
		);
	}
	return [...reasons.entries()].map(([row, list]) => ({
		row,
		reasons: list.join('; '),
		name: names.get(row) ?? '',
		cells: cellsOf.get(row) ?? []
	}));
}
