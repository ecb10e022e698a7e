import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CSV_LIMITS, guessLineEnding, scanCsv, type CsvLimits } from './limits';
import { parseCsvInSlices, readCsvHead, type RowSlice } from './parse';
import { decodeCsvBytes } from './decode';

const cells = (n: number, width = 1) =>
	Array.from({ length: n }, (_, i) => `c${i}`.padEnd(width, 'x'));
const row = (values: string[]) => values.join(',');

/** Parses with the given limits, gathering every row; the refusal's reason otherwise. */
async function parseAll(text: string, limits: CsvLimits = CSV_LIMITS, size?: number) {
	const slices: RowSlice[] = [];
	const result = await parseCsvInSlices(text, ',', (s) => void slices.push(s), { limits, size });
	return { result, rows: slices.flatMap((s) => [...s.rows, ...s.ragged]) };
}

async function reasonFor(text: string): Promise<string> {
	const head = await readCsvHead(text, ',');
	if (head.ok) {
		const { result } = await parseAll(text);
		return result.ok ? 'accepted' : result.reason;
	}
	return head.reason;
}

describe('the limits on an uploaded CSV file', () => {
	const long = (n: number) => 'y'.repeat(n);
	it.each([
		['200 columns', `${row(cells(200))}\n${row(cells(200))}\n`, /^accepted$/],
		[
			'201 columns in the heading row',
			`${row(cells(201))}\nA\n`,
			/^Row 1 has more than 200 columns/
		],
		['1,000,000 columns', `${row(cells(1_000_000))}\nA\n`, /^Row 1 has more than 200 columns/],
		[
			'201 columns in a data row',
			`Name,Cost\nA,1\n${row(cells(201))}\n`,
			/^Row 3 has more than 200 columns/
		],
		['a heading of 200 characters', `Name,${long(200)}\nA,1\n`, /^accepted$/],
		[
			'a heading of 201 characters',
			`Name,${long(201)}\nA,1\n`,
			/^The heading of column 2 is 201 characters long: a heading can be at most 200/
		],
		['a cell of 32,767 characters', `Name,Notes\nA,${long(32_767)}\n`, /^accepted$/],
		['a quoted cell of 32,767 characters', `Name,Notes\nA,"${long(32_767)}"\n`, /^accepted$/],
		[
			'a cell of 32,768 characters',
			`Name,Notes\nA,1\nB,${long(32_768)}\n`,
			/^The cell in row 3, column 2 is longer than 32,767 characters/
		],
		[
			'a quoted cell of 32,768 characters',
			`Name,Notes\nA,"${long(32_768)}"\n`,
			/^The quoted cell starting in row 2, column 2 is longer than 32,767 characters/
		],
		[
			'a quote never closed, near the end',
			`Name,Notes\nA,1\nB,"unclosed\nC,3\n`,
			/^A quoted cell is never closed \(row 3\)/
		],
		[
			'a quote never closed, 19 MB before the end',
			`Name,Notes\nA,"${long(19_000_000)}\n`,
			/^The quoted cell starting in row 2, column 2 is longer than 32,767 characters.*check for a stray/
		],
		[
			'a quoted cell closed after 1 MB',
			`Name,Notes\nA,"${long(1 << 20)}"\nB,2\n`,
			/^The quoted cell starting in row 2, column 2 is longer/
		],
		[
			'one cell of 20 MB',
			`Name,Notes\nA,${long(20_000_000)}\n`,
			/^The cell in row 2, column 2 is longer than 32,767/
		],
		[
			'a row of 200,001 characters',
			`Name,A,B,C,D,E,F,G\nx,${Array(7).fill(long(28_571)).join(',')}\n`,
			/^Row 2 is longer than 200,000 characters/
		],
		['200,000 data rows', `Name\n${'a\n'.repeat(200_000)}`, /^accepted$/],
		[
			'200,001 data rows',
			`Name\n${'a\n'.repeat(200_001)}`,
			/^The file has more than 200,000 rows under its heading row/
		],
		['a stray quote in an unquoted cell', `Name,Size\nA,5" floppy\nB,"3.5"""\n`, /^accepted$/],
		[
			'a last row of 201 cells, the last empty after a final comma',
			`Name\n${'a,'.repeat(200)}`,
			/^Row 2 has more than 200 columns/
		]
	])('%s', async (_name, text, expected) => {
		expect(await reasonFor(text)).toMatch(expected);
	});

	it('reads every line ending papaparse does', async () => {
		for (const newline of ['\n', '\r\n', '\r']) {
			const text = ['Name,Notes', 'A,"two', 'lines"', 'B,2'].join(newline);
			expect(guessLineEnding(text)).toBe(newline);
			const { result, rows } = await parseAll(text, CSV_LIMITS, 4);
			expect(result.ok).toBe(true);
			expect(rows.map((r) => r.cells)).toEqual([
				['A', `two${newline}lines`],
				['B', '2']
			]);
		}
	});
});

const small: CsvLimits = { columns: 4, headingChars: 6, cellChars: 8, dataRows: 6, rowChars: 24 };
// Pieces of hostile files: quotes in every position, long runs, separators.
const piece = fc.constantFrom(
	'"',
	'""',
	',',
	'\n',
	'\r\n',
	'x',
	'xxxxxxxxx',
	' ',
	'"a,b"',
	'name',
	'c1',
	',,,,,'
);

describe('scanCsv and parseCsvInSlices against random hostile files', () => {
	it('never hand on a row, cell or heading past a limit, whatever the file', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(piece, { maxLength: 60 }),
				fc.integer({ min: 1, max: 30 }),
				async (pieces, size) => {
					const text = pieces.join('');
					const { result, rows } = await parseAll(text, small, size);
					if (!result.ok) return;
					expect(result.headings.length).toBeLessThanOrEqual(small.columns);
					for (const h of result.headings) expect(h.length).toBeLessThanOrEqual(small.headingChars);
					expect(rows.length).toBeLessThanOrEqual(small.dataRows);
					for (const r of rows) {
						expect(r.cells.length).toBeLessThanOrEqual(small.columns);
						for (const c of r.cells) expect(c.length).toBeLessThanOrEqual(small.cellChars);
					}
				}
			),
			{ numRuns: 2000 }
		);
	});

	it('cuts every slice at a row end within the slice size plus one row, and lets other work run during a long scan', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(piece, { maxLength: 60 }),
				fc.integer({ min: 1, max: 30 }),
				async (pieces, size) => {
					const text = pieces.join('');
					const scanned = await scanCsv(text, ',', guessLineEnding(text), {
						sliceChars: size,
						limits: small
					});
					if (!scanned.ok) return;
					const { bounds } = scanned.shape;
					expect(bounds[0]).toBe(0);
					expect(bounds.at(-1)).toBe(text.length);
					for (let i = 0; i + 1 < bounds.length; i++)
						expect(bounds[i + 1]! - bounds[i]!).toBeLessThanOrEqual(size + small.rowChars + 2);
				}
			),
			{ numRuns: 1000 }
		);
		let turns = 0;
		const scanned = await scanCsv(`Name,Cost\n${'a,1\n'.repeat(100_000)}`, ',', '\n', {
			between: () => void turns++
		});
		expect(scanned.ok).toBe(true);
		expect(turns).toBeGreaterThan(10);
	});

	it('accepts any well-formed file within the limits', async () => {
		const cell = fc
			.stringMatching(/^[a-z ,"\n]{0,6}$/)
			.map((c) => (/[,"\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c));
		const table = fc.integer({ min: 1, max: 3 }).chain((width) =>
			fc.tuple(
				fc.uniqueArray(fc.stringMatching(/^[a-z]{1,6}$/), { minLength: width, maxLength: width }),
				fc.array(fc.array(cell, { minLength: width, maxLength: width }), {
					minLength: 1,
					maxLength: 5
				})
			)
		);
		await fc.assert(
			fc.asyncProperty(table, async ([headings, data]) => {
				const body = data.map((r, i) => [`r${i}`, ...r.slice(1)]); // a first cell with text in it: no row is blank
				const text = [headings, ...body].map(row).join('\n');
				const { result, rows } = await parseAll(text, { ...small, cellChars: 14, rowChars: 60 }, 5); // escaped quotes double a cell's length
				expect(result).toMatchObject({ ok: true });
				expect(rows).toHaveLength(body.length);
			}),
			{ numRuns: 300 }
		);
	}, 60_000);

	it('refuses wide, long and unclosed files at the real limits, whatever their size', async () => {
		const hostile = fc.oneof(
			fc.integer({ min: 201, max: 20_000 }).map((n) => `${row(cells(n))}\nA\n`),
			fc.integer({ min: 32_768, max: 400_000 }).map((n) => `Name,Notes\nA,${'z'.repeat(n)}\n`),
			fc
				.tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 40_000, max: 2_000_000 }))
				.map(([at, n]) => `Name,Notes\n${'a,1\n'.repeat(at)}b,"${'q'.repeat(n)}\nc,2\n`)
		);
		await fc.assert(
			fc.asyncProperty(hostile, async (text) => {
				expect(await reasonFor(text)).toMatch(
					/more than 200 columns|longer than 32,767 characters/
				);
			}),
			{ numRuns: 25 }
		);
	});
});

describe('decodeCsvBytes in chunks', () => {
	it('keeps a character split across the 1 MB chunk boundary, in UTF-8 and Windows-1252', async () => {
		const prefix = 'a'.repeat((1 << 20) - 1);
		const utf8 = new TextEncoder().encode(`${prefix}€,£\n`);
		expect(await decodeCsvBytes(utf8)).toEqual({
			ok: true,
			text: `${prefix}€,£\n`,
			encoding: 'utf-8'
		});
		const cp1252 = Uint8Array.from([...new TextEncoder().encode(prefix), 0x80, 0x2c, 0xa3, 0x0a]);
		expect(await decodeCsvBytes(cp1252)).toEqual({
			ok: true,
			text: `${prefix}€,£\n`,
			encoding: 'windows-1252'
		});
	});

	it('refuses a NUL byte anywhere, not only at the start', async () => {
		const bytes = new TextEncoder().encode(`Name\n${'a\n'.repeat(600_000)}`);
		bytes[bytes.length - 2] = 0;
		expect(await decodeCsvBytes(bytes)).toMatchObject({
			ok: false,
			reason: expect.stringMatching(/binary/)
		});
	});
});
