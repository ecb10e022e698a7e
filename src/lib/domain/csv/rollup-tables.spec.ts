import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { BOM } from './write';
import { csvCell, csvHeading, rollupTableCsv } from './rollup-tables';
import { costTable, fundingTable, outageSystemsTable, wholeLifeTable } from '../rollups';

function parseBack(text: string): string[][] {
	expect(text.startsWith(BOM)).toBe(true);
	return Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
}

describe('csvCell', () => {
	it.each([
		[{ money: 123456 }, '1234.56'],
		[{ money: 5 }, '0.05'],
		[{ money: 0 }, '0.00'],
		[{ count: 2000 }, 2000],
		[{ date: '2027-01-31' }, '2027-01-31'],
		[{ date: null }, ''],
		[{ text: 'Case Management', href: '/workstreams/1' }, 'Case Management']
	] as const)('writes %j as %j', (cell, expected) => {
		expect(csvCell(cell)).toBe(expected);
	});

	it('refuses a negative amount rather than let the formula guard quote it as text', () => {
		expect(() => csvCell({ money: -1 })).toThrow(RangeError);
	});
});

describe('csvHeading', () => {
	it.each([
		[{ label: 'Capital', group: '2026/27' }, '2026/27 Capital'],
		[{ label: 'Total' }, 'Total']
	])('heads %j as %s', (column, expected) => expect(csvHeading(column)).toBe(expected));
});

describe('rollupTableCsv', () => {
	it('writes a cost pivot with one column per year and spend type, the total column, and the totals row last', () => {
		const table = costTable('workstream', {
			columns: [
				{ financialYear: '2026/27', spendType: 'capital', totalPence: 150_000 },
				{ financialYear: '2026/27', spendType: 'revenue', totalPence: 2_001 }
			],
			rows: [
				{ key: 1, label: 'Case Management', cells: [100_000, 1], totalPence: 100_001 },
				{
					key: null,
					label: 'Not attributed to a workstream',
					cells: [50_000, 2_000],
					totalPence: 52_000
				}
			],
			grandTotalPence: 152_001
		});
		expect(parseBack(rollupTableCsv(table))).toEqual([
			['Workstream', '2026/27 Capital', '2026/27 Revenue', 'Total'],
			['Case Management', '1000.00', '0.01', '1000.01'],
			['Not attributed to a workstream', '500.00', '20.00', '520.00'],
			['Total', '1500.00', '20.01', '1520.01']
		]);
	});

	it('splits a funding gap into a shortfall and unused funding, both written as positive amounts', () => {
		const table = fundingTable('capital', [
			{
				financialYear: '2026/27',
				spendType: 'capital',
				costPence: 300,
				fundingPence: 100,
				gapPence: 200
			},
			{
				financialYear: '2026/27',
				spendType: 'revenue',
				costPence: 9,
				fundingPence: 9,
				gapPence: 0
			},
			{
				financialYear: '2027/28',
				spendType: 'capital',
				costPence: 100,
				fundingPence: 450,
				gapPence: -350
			}
		]);
		expect(parseBack(rollupTableCsv(table))).toEqual([
			['Financial year', 'Cost', 'Funding', 'Shortfall', 'Funding not yet used'],
			['2026/27', '3.00', '1.00', '2.00', '0.00'],
			['2027/28', '1.00', '4.50', '0.00', '3.50'],
			['Total', '4.00', '5.50', '2.00', '3.50']
		]);
	});

	it('neutralises a system name a spreadsheet would run, and keeps counts as numbers', () => {
		const table = outageSystemsTable({
			systems: [
				{
					id: 7,
					name: '=cmd()',
					concurrentUsers: 2000,
					outageMinutesPerYear: 90,
					effectiveCostPerUserHourPence: 1300,
					usesDefault: true,
					riskPence: 3_900_000
				}
			],
			systemCount: 1,
			byWorkstream: [],
			totalPence: 3_900_000
		});
		const [head, row, total] = parseBack(rollupTableCsv(table));
		expect(head).toEqual([
			'System',
			'Concurrent users',
			'Outage a year',
			'Cost per user-hour',
			'Rate from',
			'Annual risk'
		]);
		expect(row).toEqual(["'=cmd()", '2000', '1 hour 30 minutes', '13.00', 'Default', '39000.00']);
		expect(total).toEqual(['Total', '', '', '', '', '39000.00']);
	});

	it('writes the header alone for an empty table with no totals row', () => {
		expect(
			parseBack(rollupTableCsv(costTable('outcome', { columns: [], rows: [], grandTotalPence: 0 })))
		).toEqual([['Outcome', 'Total']]);
	});

	it('writes whole-life years and their total', () => {
		const table = wholeLifeTable({
			years: [{ financialYear: '2026/27', costPence: 100, runCostPence: 250, totalPence: 350 }],
			costPence: 100,
			runCostPence: 250,
			totalPence: 350
		});
		expect(parseBack(rollupTableCsv(table)).slice(1)).toEqual([
			['2026/27', '1.00', '2.50', '3.50'],
			['Total', '1.00', '2.50', '3.50']
		]);
	});
});
