import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { BOM } from './write';
import {
	parseRollupTable,
	reviewTotalsCsv,
	rollupCsv,
	rollupCsvHref,
	type RollupRow
} from './rollups';

function parseBack(text: string): string[][] {
	expect(text.startsWith(BOM)).toBe(true);
	expect(text.endsWith('\r\n')).toBe(true);
	return Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
}

const COUNT_HEADER = [
	'Systems',
	'Reviewed',
	'Not yet reviewed',
	'Maintain only',
	'Development required',
	'Decommission',
	'Replace with the new main system',
	'More than one outcome'
];

const social: RollupRow = {
	name: 'Adult Social Care',
	systems: 12,
	reviewed: 9,
	multiple: 2,
	outcomes: { maintain: 3, develop: 4, decommission: 1, replace: 3 }
};
const formula: RollupRow = {
	name: '=HYPERLINK("http://evil")',
	systems: 1,
	reviewed: 0,
	multiple: 0,
	outcomes: { maintain: 0, develop: 0, decommission: 0, replace: 0 }
};
const none: RollupRow = {
	name: 'No directorate recorded',
	systems: 5,
	reviewed: 5,
	multiple: 0,
	outcomes: { maintain: 5, develop: 0, decommission: 0, replace: 0 }
};

describe('parseRollupTable', () => {
	it.each([
		[null, 'totals'],
		['', 'totals'],
		['directorate', 'directorate'],
		['service-area', 'service-area'],
		['workstream', 'workstream'],
		['serviceArea', null],
		['Directorate', null],
		['systems', null]
	] as const)('reads by=%j as %j', (by, expected) => {
		expect(parseRollupTable(by)).toBe(expected);
	});
});

describe('rollupCsvHref', () => {
	it.each([
		['totals', '/summary.csv'],
		['directorate', '/summary.csv?by=directorate'],
		['service-area', '/summary.csv?by=service-area'],
		['workstream', '/summary.csv?by=workstream']
	] as const)('links %s to %s, which parses back to the same table', (table, href) => {
		expect(rollupCsvHref(table)).toBe(href);
		expect(parseRollupTable(new URL(href, 'http://x').searchParams.get('by'))).toBe(table);
	});
});

describe('rollupCsv', () => {
	it.each([
		[
			'a group with every figure',
			[social],
			[['Adult Social Care', '12', '9', '3', '3', '4', '1', '3', '2']]
		],
		[
			'a name a spreadsheet would run, neutralised',
			[formula],
			[[`'=HYPERLINK("http://evil")`, '1', '0', '1', '0', '0', '0', '0', '0']]
		],
		[
			'rows kept in the page order, the none-recorded row last',
			[social, none],
			[
				['Adult Social Care', '12', '9', '3', '3', '4', '1', '3', '2'],
				['No directorate recorded', '5', '5', '0', '5', '0', '0', '0', '0']
			]
		],
		['no rows: the header alone', [], []]
	] as const)('writes %s', (_what, rows, expected) => {
		const [header, ...body] = parseBack(rollupCsv('Directorate', rows));
		expect(header).toEqual(['Directorate', ...COUNT_HEADER]);
		expect(body).toEqual(expected);
	});
});

describe('reviewTotalsCsv', () => {
	it('lists each headline figure as the page does, outcomes that add up to more than reviewed included', () => {
		const text = reviewTotalsCsv({
			systems: 79,
			reviewed: 30,
			multiple: 6,
			outcomes: { maintain: 9, develop: 12, decommission: 3, replace: 12 },
			outcomeTotal: 36
		});
		expect(parseBack(text)).toEqual([
			['Figure', 'Count'],
			['Systems', '79'],
			['Reviewed', '30'],
			['Not yet reviewed', '49'],
			['Maintain only', '9'],
			['Development required', '12'],
			['Decommission', '3'],
			['Replace with the new main system', '12'],
			['More than one outcome', '6'],
			['Outcomes recorded in all', '36']
		]);
	});
});
