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
	const seen = new Map<string, string>();
	for (const heading of headings) {
		const key = normaliseHeading(heading);
		if (!key) continue;
		const earlier = seen.get(key);
		if (earlier !== undefined) return { ok: false, reason: `Two columns have the same heading: '${earlier}' and '${heading}'. Rename one and upload again` };
		seen.set(key, heading);
	}
	if (rows.length === 0) return { ok: false, reason: 'The file has a heading row but no data rows' };
	const ragged: RowProblem[] = [];
	const good: ParsedFile['rows'] = [];
	for (const r of rows) {
		if (r.cells.length !== headings.length) {
			ragged.push({ row: r.row, column: '(whole row)', reason: `The row has ${r.cells.length} cells but the heading row has ${headings.length}` });
		} else {
			good.push(r);
		}
	}
	return { ok: true, file: { headings, rows: good, ragged } };
}
