import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { BOM, csvFileName, neutralise, toCsv } from './write';

function parseBack(text: string): string[][] {
	return Papa.parse<string[]>(text.replace(BOM, ''), { skipEmptyLines: true }).data;
}

describe('toCsv', () => {
	it('starts with a BOM and uses CRLF, so Excel reads £ and rows correctly', () => {
		const text = toCsv(['Name', 'Cost'], [['Café £ system', 1250000]]);
		expect(text.startsWith(BOM)).toBe(true);
		expect(text).toContain('\r\n');
		expect(parseBack(text)).toEqual([['Name', 'Cost'], ['Café £ system', '1250000']]);
	});

	it.each([
		['=1+1', "'=1+1"],
		['+44 20 7946 0000', "'+44 20 7946 0000"],
		['-2', "'-2"],
		['@SUM(A1)', "'@SUM(A1)"],
		['\tcmd', "'\tcmd"],
		['\rcmd', "'\rcmd"],
		['\n=1+1', "'\n=1+1"],
		['=1+1\nnote', "'=1+1\nnote"],
		['\0x', "'\0x"],
		['Plain text', 'Plain text'],
		['a=b', 'a=b']
	])('neutralises %j as %j, multi-line cells included', (cell, expected) => {
		expect(neutralise(cell)).toBe(expected);
		expect(parseBack(toCsv(['v'], [[cell]]))[1]).toEqual([expected]);
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
		expect(csvFileName('Audit trail / Northshire', '2026-11-21')).toBe('audit-trail-northshire-2026-11-21.csv');
	});
});
