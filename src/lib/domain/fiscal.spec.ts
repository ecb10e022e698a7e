import { describe, expect, it } from 'vitest';
import {
	daysBetween,
	daysInFinancialYear,
	financialYearEnd,
	financialYearOf,
	financialYearStart,
	financialYearsBetween,
	isFinancialYear,
	parseFinancialYear,
	quarterEnd,
	quarterLabel,
	quarterOf,
	quarterStart,
	quartersBetween,
	shiftFinancialYear,
	type Quarter
} from './fiscal';

describe('financialYearOf', () => {
	it.each([
		['2027-03-31', '2026/27'],
		['2027-04-01', '2027/28'],
		['2026-04-01', '2026/27'],
		['2026-12-31', '2026/27'],
		['2027-01-01', '2026/27'],
		['2028-02-29', '2027/28'],
		['2099-04-01', '2099/00'],
		['2100-03-31', '2099/00'],
		['2000-01-15', '1999/00'],
		['2009-06-01', '2009/10']
	])('%s is in %s', (iso, label) => expect(financialYearOf(iso)).toBe(label));

	it.each(['2026-02-30', '31/03/2027', '', '2027-13-01'])(
		'refuses %j rather than guessing',
		(bad) => {
			expect(() => financialYearOf(bad)).toThrow(RangeError);
		}
	);
});

describe('start and end of a year', () => {
	it.each([
		['2026/27', '2026-04-01', '2027-03-31', 365],
		['2027/28', '2027-04-01', '2028-03-31', 366],
		['2099/00', '2099-04-01', '2100-03-31', 365],
		['2023/24', '2023-04-01', '2024-03-31', 366]
	])('%s runs %s to %s (%i days)', (label, start, end, days) => {
		expect(financialYearStart(label)).toBe(start);
		expect(financialYearEnd(label)).toBe(end);
		expect(daysInFinancialYear(label)).toBe(days);
	});

	it.each(['2026/28', '2026-27', '2026', 'FY2026/27', '26/27'])(
		'refuses the non-canonical label %j',
		(bad) => {
			expect(isFinancialYear(bad)).toBe(false);
			expect(() => financialYearStart(bad)).toThrow(RangeError);
		}
	);
});

describe('daysBetween', () => {
	it.each([
		['2026-03-28', '2026-03-30', 2],
		['2026-10-24', '2026-10-26', 2],
		['2028-02-28', '2028-03-01', 2],
		['2027-02-28', '2027-03-01', 1],
		['2027-04-01', '2027-03-31', -1],
		['2026-04-01', '2026-04-01', 0]
	])('%s to %s is %i days, across clock changes and leap days', (from, to, days) => {
		expect(daysBetween(from, to)).toBe(days);
	});
});

describe('parseFinancialYear', () => {
	it.each([
		['2026/27', '2026/27'],
		['2026-27', '2026/27'],
		['2026/2027', '2026/27'],
		['FY2026/27', '2026/27'],
		['fy 2026-27', '2026/27'],
		[' 2026/27 ', '2026/27'],
		['2026 – 27', '2026/27'],
		['2099/00', '2099/00'],
		['2099/2100', '2099/00'],
		['26/27', '2026/27'],
		['FY26/27', '2026/27'],
		['fy 26-27', '2026/27'],
		['2026 to 2027', '2026/27'],
		['2026—27', '2026/27']
	])('reads %j as %s', (text, label) =>
		expect(parseFinancialYear(text)).toEqual({ ok: true, label })
	);

	it.each([
		['', /Enter a financial year/],
		['2026/28', /runs from April to the next March, like 2026\/27/],
		['2026/2028', /like 2026\/27/],
		['2099/01', /like 2099\/00/],
		['2026', /could be 2025\/26 or 2026\/27/],
		['FY2026', /could be 2025\/26 or 2026\/27/],
		['FY26', /could be 2025\/26 or 2026\/27/],
		['27', /could be 2026\/27 or 2027\/28/],
		['26/28', /runs from April to the next March, like 2026\/27/],
		['27/26', /like 2027\/28/],
		['26/2027', /is not a financial year/],
		['2026/27/28', /is not a financial year/],
		['01/04/2026', /is not a financial year/],
		['next year', /is not a financial year/]
	])('refuses %j with a reason', (text, reason) => {
		const result = parseFinancialYear(text);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.reason).toMatch(reason);
	});
});

describe('moving between years', () => {
	it.each([
		['2026/27', 1, '2027/28'],
		['2026/27', -1, '2025/26'],
		['2098/99', 1, '2099/00'],
		['2099/00', 1, '2100/01'],
		['2026/27', 0, '2026/27']
	])('%s shifted by %i is %s', (label, n, expected) =>
		expect(shiftFinancialYear(label, n)).toBe(expected)
	);

	it('lists years inclusively, across a century', () => {
		expect(financialYearsBetween('2098/99', '2100/01')).toEqual(['2098/99', '2099/00', '2100/01']);
		expect(financialYearsBetween('2026/27', '2026/27')).toEqual(['2026/27']);
		expect(financialYearsBetween('2027/28', '2026/27')).toEqual([]);
	});
});

describe('quarters', () => {
	it.each<[string, Quarter]>([
		['2026-04-01', { year: '2026/27', quarter: 1 }],
		['2026-06-30', { year: '2026/27', quarter: 1 }],
		['2026-07-01', { year: '2026/27', quarter: 2 }],
		['2026-09-30', { year: '2026/27', quarter: 2 }],
		['2026-10-01', { year: '2026/27', quarter: 3 }],
		['2026-12-31', { year: '2026/27', quarter: 3 }],
		['2027-01-01', { year: '2026/27', quarter: 4 }],
		['2027-03-31', { year: '2026/27', quarter: 4 }],
		['2027-04-01', { year: '2027/28', quarter: 1 }],
		['2028-02-29', { year: '2027/28', quarter: 4 }]
	])('%s is in %o', (iso, q) => expect(quarterOf(iso)).toEqual(q));

	it.each<[Quarter, string, string, string]>([
		[{ year: '2026/27', quarter: 1 }, 'Q1 2026/27', '2026-04-01', '2026-06-30'],
		[{ year: '2026/27', quarter: 2 }, 'Q2 2026/27', '2026-07-01', '2026-09-30'],
		[{ year: '2026/27', quarter: 3 }, 'Q3 2026/27', '2026-10-01', '2026-12-31'],
		[{ year: '2026/27', quarter: 4 }, 'Q4 2026/27', '2027-01-01', '2027-03-31'],
		[{ year: '2027/28', quarter: 4 }, 'Q4 2027/28', '2028-01-01', '2028-03-31'],
		[{ year: '2099/00', quarter: 4 }, 'Q4 2099/00', '2100-01-01', '2100-03-31']
	])('%o is %s, %s to %s', (q, label, start, end) => {
		expect(quarterLabel(q)).toBe(label);
		expect(quarterStart(q)).toBe(start);
		expect(quarterEnd(q)).toBe(end);
	});

	it('lists quarters inclusively across a year end', () => {
		expect(
			quartersBetween({ year: '2026/27', quarter: 3 }, { year: '2027/28', quarter: 2 }).map(
				quarterLabel
			)
		).toEqual(['Q3 2026/27', 'Q4 2026/27', 'Q1 2027/28', 'Q2 2027/28']);
		expect(
			quartersBetween({ year: '2027/28', quarter: 1 }, { year: '2026/27', quarter: 4 })
		).toEqual([]);
	});

	it('refuses a quarter that does not exist', () => {
		expect(() =>
			quartersBetween({ year: '2026/27', quarter: 5 as 1 }, { year: '2026/27', quarter: 1 })
		).toThrow(RangeError);
	});

	it('every day of a leap financial year lands in the quarter whose bounds contain it', () => {
		let day = '2027-04-01';
		for (let i = 0; i < 366; i++) {
			const q = quarterOf(day);
			expect(q.year).toBe('2027/28');
			expect(quarterStart(q) <= day && day <= quarterEnd(q)).toBe(true);
			const next = new Date(`${day}T00:00:00Z`);
			next.setUTCDate(next.getUTCDate() + 1);
			day = next.toISOString().slice(0, 10);
		}
		expect(day).toBe('2028-04-01');
	});
});
