import { describe, expect, it } from 'vitest';
import { totalsByYear, yearsOf } from './cost-summary';

describe('totalsByYear', () => {
	it('sums by year and spend type, and the totals reconcile to the penny', () => {
		const rows = [
			{ financialYear: '2027/28', spendType: 'capital' as const, amountPence: 1 },
			{ financialYear: '2026/27', spendType: 'revenue' as const, amountPence: 1_000_001 },
			{ financialYear: '2026/27', spendType: 'capital' as const, amountPence: 250_000 },
			{ financialYear: '2026/27', spendType: 'revenue' as const, amountPence: 99 }
		];
		const totals = totalsByYear(rows);
		expect(totals.years).toEqual([
			{
				financialYear: '2026/27',
				capitalPence: 250_000,
				revenuePence: 1_000_100,
				totalPence: 1_250_100
			},
			{ financialYear: '2027/28', capitalPence: 1, revenuePence: 0, totalPence: 1 }
		]);
		expect(totals.all).toEqual({
			capitalPence: 250_001,
			revenuePence: 1_000_100,
			totalPence: 1_250_101
		});
		expect(totals.years.reduce((s, y) => s + y.totalPence, 0)).toBe(
			rows.reduce((s, r) => s + r.amountPence, 0)
		);
	});

	it('is empty for no rows', () => {
		expect(totalsByYear([])).toEqual({
			years: [],
			all: { capitalPence: 0, revenuePence: 0, totalPence: 0 }
		});
	});
});

describe('yearsOf', () => {
	it('lists each year once, in order', () => {
		expect(
			yearsOf([
				{ allocations: [{ financialYear: '2027/28' }] },
				{ allocations: [{ financialYear: '2026/27' }, { financialYear: '2027/28' }] }
			])
		).toEqual(['2026/27', '2027/28']);
	});
});
