import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
import { unneutralise } from './rows';
import { BOM, csvFileName, neutralise, toCsv } from './write';

function parseBack(text: string): string[][] {
	return Papa.parse<string[]>(text.replace(BOM, ''), { skipEmptyLines: true, delimiter: ',' }).data;
}

describe('toCsv', () => {
	it('starts with a BOM and uses CRLF, so Excel reads £ and rows correctly', () => {
		const text = toCsv(['Name', 'Cost'], [['Café £ system', 1250000]]);
		expect(text.startsWith(BOM)).toBe(true);
		expect(text).toContain('\r\n');
		expect(parseBack(text)).toEqual([
			['Name', 'Cost'],
			['Café £ system', '1250000']
		]);
	});

	it.each([
		['=1+1', "'=1+1"],
		['+44 20 7946 0000', "'+44 20 7946 0000"],
		['-2', '-2'],
		['-12.50', '-12.50'],
		['-12.50x', "'-12.50x"],
		['-A1', "'-A1"],
		['@SUM(A1)', "'@SUM(A1)"],
		['\tcmd', "'\tcmd"],
		['\rcmd', "'\rcmd"],
		['\n=1+1', "'\n'=1+1"],
		['=1+1\nnote', "'=1+1\nnote"],
		['note\n=HYPERLINK("http://evil")', 'note\n\'=HYPERLINK("http://evil")'],
		['ok\r\n+1', "ok\r\n'+1"],
		['ok\r@x\n-y\n\tz', "ok\r'@x\n'-y\n'\tz"],
		['\0x', "'\0x"],
		['Plain text', 'Plain text'],
		['a=b', 'a=b'],
		["'=typed apostrophe", "''=typed apostrophe"],
		["'quoted", "'quoted"]
	])('neutralises %j as %j, multi-line cells included', (cell, expected) => {
		expect(neutralise(cell)).toBe(expected);
		expect(parseBack(toCsv(['v'], [[cell]]))[1]).toEqual([expected]);
	});

	const DANGER = ['=', '+', '-', '@', '\t', '\r', '\0', "'=", "''+"];
	const BREAKS = ['\n', '\r\n', '\r'];
	// Lines that start with a character a spreadsheet runs, joined by any kind of line break.
	const riskyCell = fc
		.array(
			fc.tuple(fc.constantFrom(...DANGER), fc.string({ maxLength: 8 }), fc.constantFrom(...BREAKS)),
			{ minLength: 1, maxLength: 5 }
		)
		.map((lines) =>
			lines.map(([start, rest, br], i) => `${i === 0 ? '' : br}${start}${rest}`).join('')
		);

	it('leaves no line of any written cell starting with a formula character (property)', () => {
		fc.assert(
			fc.property(fc.array(riskyCell, { minLength: 1, maxLength: 4 }), (cells) => {
				const written =
					parseBack(
						toCsv(
							cells.map((_, i) => `c${i}`),
							[cells]
						)
					)[1] ?? [];
				expect(written).toHaveLength(cells.length);
				for (const cell of written) {
					if (/^-\d+(\.\d+)?$/.test(cell)) continue; // a negative amount is data, kept as it is
					for (const line of cell.split(/\r\n|\r|\n/)) expect(line).not.toMatch(/^[=+\-@\t\0]/);
					expect(cell).not.toMatch(/^[=+\-@\t\r\n\0]/);
				}
			}),
			{ numRuns: 300 }
		);
	});

	it('reads back exactly what was written once the guard is undone (property)', () => {
		fc.assert(
			fc.property(riskyCell, (cell) => {
				const written = parseBack(toCsv(['v'], [[cell]]))[1]?.[0];
				expect(unneutralise(written ?? '')).toBe(cell);
			}),
			{ numRuns: 300 }
		);
	});

	it('leaves real numbers alone, negative ones included', () => {
		expect(parseBack(toCsv(['n'], [[-500]]))[1]).toEqual(['-500']);
	});

	it('quotes commas, quotes and line breaks so cells survive', () => {
		const cell = 'Line one, "quoted"\r\nline two';
		expect(parseBack(toCsv(['v'], [[cell]]))[1]).toEqual([cell]);
	});
});

describe('csvFileName', () => {
	it('makes a safe name', () => {
		expect(csvFileName('Audit trail / Northshire', '2026-11-21')).toBe(
			'audit-trail-northshire-2026-11-21.csv'
		);
	});
});
