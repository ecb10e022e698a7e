import { describe, expect, it } from 'vitest';
import {
	cellText,
	continuityTable,
	fullyOperationalSummary,
	outageSystemsTable,
	parseRollupTableId,
	parseWholeLifeYears,
	planYears,
	rollupTableCsvHref,
	runCostSavedTable,
	PAGE_ROWS,
	ROLLUP_TABLE_IDS
} from '.';

describe('parseWholeLifeYears', () => {
	it.each([
		[null, { ok: true, years: 5, value: '5' }],
		['1', { ok: true, years: 1, value: '1' }],
		[' 30 ', { ok: true, years: 30, value: '30' }],
		['10', { ok: true, years: 10, value: '10' }]
	] as const)('reads %j', (input, expected) =>
		expect(parseWholeLifeYears(input)).toEqual(expected)
	);

	it.each([
		['', 'Enter the number of years, from 1 to 30'],
		['abc', 'Number of years must be a whole number from 1 to 30, like 5'],
		['0', 'Number of years must be a whole number from 1 to 30, like 5'],
		['31', 'Number of years must be a whole number from 1 to 30, like 5'],
		['2.5', 'Number of years must be a whole number from 1 to 30, like 5'],
		['-3', 'Number of years must be a whole number from 1 to 30, like 5'],
		['1e1', 'Number of years must be a whole number from 1 to 30, like 5']
	])('refuses %j, keeping what was typed', (input, error) => {
		expect(parseWholeLifeYears(input)).toEqual({ ok: false, value: input.trim(), error });
	});
});

describe('parseRollupTableId and rollupTableCsvHref', () => {
	it.each(ROLLUP_TABLE_IDS.map((id) => [id]))(
		'links %s to a CSV address that parses back to it',
		(id) => {
			const url = new URL(rollupTableCsvHref(id, 7), 'http://x');
			expect(parseRollupTableId(url.searchParams.get('table'))).toBe(id);
			expect(url.searchParams.get('years')).toBe(id === 'whole-life' ? '7' : null);
		}
	);
	it.each([null, '', 'Cost-by-workstream', 'systems'])('refuses %j', (text) =>
		expect(parseRollupTableId(text)).toBeNull()
	);
});

describe('planYears', () => {
	it.each([
		['no data: this year and the next two', [], '2026-12-02', ['2026/27', '2027/28', '2028/29']],
		['31 March is still the old year', [], '2027-03-31', ['2026/27', '2027/28', '2028/29']],
		['1 April starts the new one', [], '2027-04-01', ['2027/28', '2028/29', '2029/30']],
		[
			'an earlier cost year and a later one, no gaps',
			['2025/26', '2030/31'],
			'2026-12-02',
			['2025/26', '2026/27', '2027/28', '2028/29', '2029/30', '2030/31']
		]
	])('%s', (_what, found, today, expected) => expect(planYears(found, today)).toEqual(expected));
});

describe('cellText', () => {
	it.each([
		[{ money: 123456789 }, '£1,234,567.89'],
		[{ count: 2000 }, '2,000'],
		[{ date: '2027-01-31' }, '31 January 2027'],
		[{ date: null }, 'No date set'],
		[{ text: 'Total' }, 'Total']
	] as const)('shows %j as %s', (cell, expected) => expect(cellText(cell)).toBe(expected));
});

describe('runCostSavedTable', () => {
	const systems = [
		{
			systemId: 1,
			systemName: 'A',
			annualRunCostPence: 100,
			decommissionDate: '2027-01-31',
			savedByYear: [30]
		},
		{
			systemId: 2,
			systemName: 'B',
			annualRunCostPence: null,
			decommissionDate: '2027-02-28',
			savedByYear: [0]
		}
	];
	const byYear = [{ financialYear: '2026/27', savedPence: 30, runCostPence: 99_970 }];

	it('totals every system switched off, from the service, and uses its figure for each year', () => {
		const t = runCostSavedTable({
			currentRunCostPence: 1_000_00,
			byYear,
			systems,
			systemCount: 2,
			switchedOffRunCostPence: 100
		});
		expect(t.rows[1]![2]).toEqual({ text: 'Not recorded' });
		expect(t.totals).toEqual([{ text: 'Total' }, { text: '' }, { money: 100 }, { money: 30 }]);
		expect(t.more).toBeUndefined();
	});

	it('says how many systems a large portfolio leaves off the page, while the totals count them all', () => {
		const t = runCostSavedTable({
			currentRunCostPence: 1_000_00,
			byYear,
			systems: systems.slice(0, 1),
			systemCount: 40_000,
			switchedOffRunCostPence: 9_876_543
		});
		expect(t.rows).toHaveLength(1);
		expect(t.more).toBe(39_999);
		expect(t.totals![2]).toEqual({ money: 9_876_543 });
	});
});

describe('fullyOperationalSummary', () => {
	it.each([
		[
			'a slipped forecast',
			{
				date: '2028-12-15',
				plannedDate: '2028-09-29',
				slipDays: 77,
				milestone: { actualDate: null, forecastDate: '2028-12-15' }
			},
			'Forecast 15 December 2028, 77 days later than planned'
		],
		[
			'one day early',
			{
				date: '2028-09-28',
				plannedDate: '2028-09-29',
				slipDays: -1,
				milestone: { actualDate: null, forecastDate: '2028-09-28' }
			},
			'Forecast 28 September 2028, 1 day earlier than planned'
		],
		[
			'as planned, no forecast',
			{
				date: '2028-09-29',
				plannedDate: '2028-09-29',
				slipDays: 0,
				milestone: { actualDate: null, forecastDate: null }
			},
			'Planned 29 September 2028, as planned'
		],
		[
			'achieved',
			{
				date: '2028-10-01',
				plannedDate: '2028-09-29',
				slipDays: 2,
				milestone: { actualDate: '2028-10-01', forecastDate: null }
			},
			'Achieved 1 October 2028, 2 days later than planned'
		]
	])('%s', (_what, input, expected) => expect(fullyOperationalSummary(input)).toBe(expected));
});

describe('outageSystemsTable', () => {
	const rows = (n: number) =>
		Array.from({ length: n }, (_, i) => ({
			id: i + 1,
			name: `System ${i}`,
			concurrentUsers: 10,
			outageMinutesPerYear: 60,
			effectiveCostPerUserHourPence: 1300,
			usesDefault: true,
			riskPence: 13_000
		}));

	it('leaves a table of a council’s size whole', () => {
		const table = outageSystemsTable({
			systems: rows(3),
			systemCount: 3,
			byWorkstream: [],
			totalPence: 39_000
		});
		expect(table.rows).toHaveLength(3);
		expect(table.more).toBeUndefined();
	});

	it('shows the first systems of a large portfolio, says how many more the CSV holds, and totals them all', () => {
		const table = outageSystemsTable({
			systems: rows(PAGE_ROWS),
			systemCount: PAGE_ROWS + 7,
			byWorkstream: [],
			totalPence: (PAGE_ROWS + 7) * 13_000
		});
		expect(table.rows).toHaveLength(PAGE_ROWS);
		expect(table.more).toBe(7);
		expect(table.totals?.at(-1)).toEqual({ money: (PAGE_ROWS + 7) * 13_000 });
	});
});

describe('continuityTable', () => {
	it('lists every risk with its reason in words and its dates', () => {
		const table = continuityTable([
			{
				systemId: 4,
				systemName: 'Edge of Care Tracker',
				outcome: 'decommission',
				switchOff: '2027-03-31',
				workstreamId: 2,
				goLive: '2027-09-30',
				reason: 'switched off before go-live',
				explanation: 'Switched off six months early'
			},
			{
				systemId: 9,
				systemName: 'Audit Workbook',
				outcome: 'replace',
				switchOff: null,
				workstreamId: null,
				goLive: null,
				reason: 'no replacing workstream',
				explanation: 'Nothing replaces it'
			}
		]);
		expect(table.rows.map((r) => r.map(cellText))).toEqual([
			[
				'Edge of Care Tracker',
				'Decommission',
				'Switched off before its replacement goes live',
				'Switched off six months early',
				'31 March 2027',
				'30 September 2027'
			],
			[
				'Audit Workbook',
				'Replace',
				'Nothing is replacing it',
				'Nothing replaces it',
				expect.any(String),
				expect.any(String)
			]
		]);
		expect(table.rows[0]![0]).toEqual({ text: 'Edge of Care Tracker', href: '/systems/4' });
	});
});
