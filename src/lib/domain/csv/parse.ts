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

export type SliceParseResult =
	{ ok: true; headings: string[]; dataRows: number } | { ok: false; reason: string };

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
	return { ok: true, headings, dataRows };
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

/**
 * The heading row (the first row with anything in it among the first 100), read from the first
 * slice only, so the column mapping can be decided before the rows are read. Null when none is found.
 */
export function readHeadings(text: string, delimiter: Delimiter, shape: CsvShape): string[] | null {
	const first = text.slice(0, shape.bounds[1]);
	const result = Papa.parse<string[]>(first, {
		delimiter,
		newline: shape.newline,
		dynamicTyping: false,
		skipEmptyLines: false,
		preview: 100
	});
	const header = result.data.find((cells) => cells.some((c) => c.trim() !== ''));
	return header ? header.map((h) => h.trim()) : null;
}

export type CsvHead =
	{ ok: true; shape: CsvShape; headings: string[] } | { ok: false; reason: string };

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
	const headings = readHeadings(text, delimiter, scanned.shape);
	if (!headings) return { ok: false, reason: 'The file has no heading row' };
	const problem = headingProblem(headings, options.limits);
	return problem ? { ok: false, reason: problem } : { ok: true, shape: scanned.shape, headings };
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
	const all = result.data.map((cells, i) => ({ row: i + 1, cells }));
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
	return { ok: true, file: { headings, rows: good, ragged } };
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
