import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPence } from '../money';
import {
	checkReconciles,
	fundingGap,
	partYearSavingPence,
	pivot,
	runCostSavedByYear,
	runCostSavedInYear,
	savingsByYear,
	sumPence,
	wholeLifeCost
} from '.';

type Line = { workstream: number | null; year: string; amountPence: number };
const lines: Line[] = [
	{ workstream: 2, year: '2027/28', amountPence: 250 },
	{ workstream: 1, year: '2026/27', amountPence: 100 },
	{ workstream: 1, year: '2026/27', amountPence: 5 },
	{ workstream: null, year: '2026/27', amountPence: 40 },
	{ workstream: 1, year: '2028/29', amountPence: 1 }
];

describe('pivot', () => {
	it('cross-tabulates, with every year of the plan shown and unplanned years kept', () => {
		const p = pivot(
			lines,
			(l) => l.workstream,
			(l) => l.year,
			{ columns: ['2026/27', '2027/28'] }
		);
		expect(p.columns).toEqual([
			{ key: '2026/27', total: 145 },
			{ key: '2027/28', total: 250 },
			{ key: '2028/29', total: 1 }
		]);
		expect(p.rows.map((r) => [r.key, [...r.cells.values()], r.total])).toEqual([
			[1, [105, 0, 1], 106],
			[2, [0, 250, 0], 250],
			[null, [40, 0, 0], 40]
		]);
		expect(p.grandTotal).toBe(396);
		expect(checkReconciles(p, 396)).toEqual([]);
	});

	it('shows a planned row or column even when empty', () => {
		const p = pivot(
			[],
			(l: Line) => l.workstream,
			(l) => l.year,
			{ rows: [7], columns: ['2026/27'] }
		);
		expect(p.rows).toEqual([{ key: 7, cells: new Map([['2026/27', 0]]), total: 0 }]);
		expect(p.grandTotal).toBe(0);
	});

	it('refuses a fraction of a penny rather than carrying it into a total', () => {
		expect(() =>
			pivot(
				[{ workstream: 1, year: '2026/27', amountPence: 1.5 }],
				(l) => l.workstream,
				(l) => l.year
			)
		).toThrow(RangeError);
	});

	it('makes a total too large to hold exactly too large to show, never a wrong figure or a throw', () => {
		const big = { workstream: 1, year: '2026/27', amountPence: Number.MAX_SAFE_INTEGER };
		const p = pivot(
			[big, { ...big, amountPence: 1 }, { ...big, workstream: 2, amountPence: 5 }],
			(l) => l.workstream,
			(l) => l.year
		);
		expect(p.rows[0]!.total).toBe(Infinity);
		expect(p.rows[1]!.total).toBe(5);
		expect(p.grandTotal).toBe(Infinity);
		expect(formatPence(p.grandTotal)).toBe('too large to show');
		expect(checkReconciles(p)).toEqual([]);
	});

	it('still refuses a fraction of a penny, which is a bug rather than a large total', () => {
		expect(() =>
			pivot(
				[{ workstream: 1, year: '2026/27', amountPence: 1.5 }],
				(l) => l.workstream,
				(l) => l.year
			)
		).toThrow(RangeError);
	});

	it('random rows always reconcile, and each cell equals a from-scratch sum', () => {
		const row = fc.record({
			workstream: fc.constantFrom(1, 2, 3, null),
			year: fc.constantFrom('2025/26', '2026/27', '2027/28'),
			amountPence: fc.integer({ min: -1_000_000_000, max: 1_000_000_000 })
		});
		fc.assert(
			fc.property(fc.array(row, { maxLength: 200 }), (rows) => {
				const p = pivot(
					rows,
					(r) => r.workstream,
					(r) => r.year
				);
				const fromScratch = rows.reduce((a, r) => a + r.amountPence, 0);
				expect(checkReconciles(p, fromScratch)).toEqual([]);
				for (const r of p.rows) {
					for (const [col, cell] of r.cells) {
						expect(cell).toBe(
							rows
								.filter((x) => x.workstream === r.key && x.year === col)
								.reduce((a, x) => a + x.amountPence, 0)
						);
					}
				}
			})
		);
	});
});

describe('checkReconciles', () => {
	it('finds a tampered cell, row total and grand total', () => {
		const p = pivot(
			lines,
			(l) => l.workstream,
			(l) => l.year
		);
		p.rows[0]!.cells.set('2026/27', 106);
		const found = checkReconciles(p, 397);
		expect(found.map((d) => [d.where, d.key, d.shownPence, d.sumPence])).toEqual([
			['row', 1, 106, 107],
			['column', '2026/27', 145, 146],
			['grand total', null, 396, 397]
		]);
	});

	it('finds a grand total that disagrees with its rows and columns', () => {
		const p = pivot(
			lines,
			(l) => l.workstream,
			(l) => l.year
		);
		p.grandTotal += 1;
		expect(checkReconciles(p).map((d) => d.explanation)).toEqual([
			'grand total (none) shows 397 pence but the row totals add up to 396',
			'grand total (none) shows 397 pence but the column totals add up to 396'
		]);
	});
});

describe('run cost saved', () => {
	// £36,500 a year over 2026/27's 365 days is £100 (10,000 pence) a day.
	const ledger = { annualRunCostPence: 3_650_000, decommissionDate: '2026-09-30' };

	it.each<[string, string, number]>([
		['2026-09-30', '2025/26', 0],
		['2026-09-30', '2026/27', 1_820_000], // 1 October - 31 March: 31+30+31+31+28+31 = 182 days
		['2026-09-30', '2027/28', 3_650_000],
		['2027-03-31', '2026/27', 0], // in service to the last day of the year
		['2027-03-31', '2027/28', 3_650_000],
		['2026-04-01', '2026/27', 3_640_000] // 364 of 365 days
	])('switched off after %s saves, in %s, %i pence', (date, year, saved) => {
		expect(runCostSavedInYear({ ...ledger, decommissionDate: date }, year)).toBe(saved);
	});

	it.each<[number, string, string, number]>([
		[1000, '2026-09-30', '2026/27', 498], // 1000 x 182/365 = 498.63: rounded down, never up
		[3, '2027-09-30', '2027/28', 1], // 3 x 183/366 = 1.5: exactly half a penny, rounded down
		[1, '2027-09-30', '2027/28', 0], // 0.5 likewise
		[5, '2027-09-30', '2027/28', 2], // 2.5
		[100_000, '2027-09-30', '2027/28', 50_000], // leap year: 183 of 366 days exactly
		[365, '2026-09-30', '2026/27', 182], // exact: no rounding
		[364, '2026-09-30', '2026/27', 181], // 181.50137: just over a half, still down
		[366, '2026-09-30', '2026/27', 182], // 182.49863: just under a half
		[100_000_000_000, '2028-02-28', '2027/28', 8_743_169_398], // the cap: 32 of 366 days (29 February saved) = 8,743,169,398.91
		[100_000_000_000, '2028-02-29', '2027/28', 8_469_945_355] // off after 29 February: 31 of 366 days = 8,469,945,355.19
	])('%i pence a year, off after %s, saves in %s %i pence', (annual, date, year, saved) => {
		expect(runCostSavedInYear({ annualRunCostPence: annual, decommissionDate: date }, year)).toBe(
			saved
		);
	});

	it('rounds every part-year saving down: never more than the exact share, and less by under a penny', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 100_000_000_000 }),
				fc.integer({ min: 365, max: 366 }),
				fc.nat(366),
				(annual, days, n) => {
					const saved = n % (days + 1);
					const pence = partYearSavingPence(annual, saved, days);
					const exact = BigInt(annual) * BigInt(saved); // the saving x days, exactly
					expect(BigInt(pence) * BigInt(days) <= exact).toBe(true);
					expect(BigInt(pence + 1) * BigInt(days) > exact).toBe(true);
				}
			)
		);
	});

	it('saves nothing for a system with no date or no cost', () => {
		expect(
			runCostSavedInYear({ annualRunCostPence: 1000, decommissionDate: null }, '2030/31')
		).toBe(0);
		expect(
			runCostSavedInYear({ annualRunCostPence: null, decommissionDate: '2026-04-01' }, '2030/31')
		).toBe(0);
	});

	it('adds up per system for each year', () => {
		const systems = [
			ledger,
			{ annualRunCostPence: 1000, decommissionDate: '2026-09-30' },
			{ annualRunCostPence: 5000, decommissionDate: null }
		];
		expect(runCostSavedByYear(systems, ['2025/26', '2026/27', '2027/28'])).toEqual([
			{ financialYear: '2025/26', savedPence: 0 },
			{ financialYear: '2026/27', savedPence: 1_820_498 },
			{ financialYear: '2027/28', savedPence: 3_651_000 }
		]);
	});
});

describe('wholeLifeCost', () => {
	const costs = new Map([
		['2026/27', 500_000],
		['2027/28', 250_000],
		['2030/31', 99]
	]);

	it('adds a flat run cost to each year and keeps costs outside the period in view', () => {
		const result = wholeLifeCost(costs, 100_000, '2026/27', 3);
		expect(result).toEqual({
			years: [
				{
					financialYear: '2026/27',
					costPence: 500_000,
					runCostPence: 100_000,
					totalPence: 600_000
				},
				{
					financialYear: '2027/28',
					costPence: 250_000,
					runCostPence: 100_000,
					totalPence: 350_000
				},
				{ financialYear: '2028/29', costPence: 0, runCostPence: 100_000, totalPence: 100_000 }
			],
			costPence: 750_000,
			runCostPence: 300_000,
			totalPence: 1_050_000,
			outsidePence: 99
		});
	});

	it('takes a run cost per year when given one', () => {
		const result = wholeLifeCost(new Map(), new Map([['2027/28', 7]]), '2026/27', 2);
		expect(result.years.map((y) => y.runCostPence)).toEqual([0, 7]);
		expect(result.totalPence).toBe(7);
	});

	it.each([0, 1.5, 101])('refuses a period of %s years', (years) =>
		expect(() => wholeLifeCost(costs, 0, '2026/27', years)).toThrow(RangeError)
	);
});

describe('fundingGap', () => {
	it('compares cost and funding by year, capital and revenue apart', () => {
		const costs = [
			{ financialYear: '2026/27', spendType: 'capital' as const, amountPence: 900 },
			{ financialYear: '2026/27', spendType: 'capital' as const, amountPence: 100 },
			{ financialYear: '2026/27', spendType: 'revenue' as const, amountPence: 300 },
			{ financialYear: '2028/29', spendType: 'revenue' as const, amountPence: 5 }
		];
		const funding = [
			{ financialYear: '2026/27', spendType: 'capital' as const, amountPence: 1200 },
			{ financialYear: '2027/28', spendType: 'revenue' as const, amountPence: 50 }
		];
		expect(fundingGap(costs, funding, ['2026/27', '2027/28'])).toEqual([
			{
				financialYear: '2026/27',
				spendType: 'capital',
				costPence: 1000,
				fundingPence: 1200,
				gapPence: -200
			},
			{
				financialYear: '2026/27',
				spendType: 'revenue',
				costPence: 300,
				fundingPence: 0,
				gapPence: 300
			},
			{
				financialYear: '2027/28',
				spendType: 'capital',
				costPence: 0,
				fundingPence: 0,
				gapPence: 0
			},
			{
				financialYear: '2027/28',
				spendType: 'revenue',
				costPence: 0,
				fundingPence: 50,
				gapPence: -50
			},
			{
				financialYear: '2028/29',
				spendType: 'capital',
				costPence: 0,
				fundingPence: 0,
				gapPence: 0
			},
			{ financialYear: '2028/29', spendType: 'revenue', costPence: 5, fundingPence: 0, gapPence: 5 }
		]);
	});
});

describe('sumPence', () => {
	it('adds whole pence and refuses anything else', () => {
		expect(sumPence([1, 2, -3, 10])).toBe(10);
		expect(() => sumPence([0.1, 0.2])).toThrow(RangeError);
	});
});

describe('savingsByYear', () => {
	it('gives each year what runCostSavedInYear gives, and runCostSavedByYear their sums', () => {
		const years = ['2025/26', '2026/27', '2027/28', '2028/29'];
		const day = fc
			.integer({ min: 0, max: 4 * 366 })
			.map((n) => new Date(Date.UTC(2025, 3, 1) + n * 86_400_000).toISOString().slice(0, 10));
		const system = fc.record({
			annualRunCostPence: fc.option(fc.integer({ min: 0, max: 10_000_000 })),
			decommissionDate: fc.option(day)
		});
		fc.assert(
			fc.property(fc.array(system, { maxLength: 20 }), (systems) => {
				const each = systems.map((s) => savingsByYear(s, years));
				each.forEach((saved, i) =>
					expect(saved).toEqual(years.map((y) => runCostSavedInYear(systems[i]!, y)))
				);
				expect(runCostSavedByYear(systems, years).map((y) => y.savedPence)).toEqual(
					years.map((_, j) => each.reduce((sum, saved) => sum + saved[j]!, 0))
				);
			})
		);
	});
});
