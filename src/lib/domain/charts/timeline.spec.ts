import { describe, expect, it } from 'vitest';
import { layoutTimeline, type TimelineBar } from './timeline';

// One financial year in 400 pixels: 100 per quarter. Q1 has 91 days, Q2 and Q3 92, Q4 (2027) 90.
const year = {
	from: { year: '2026/27', quarter: 1 as const },
	to: { year: '2026/27', quarter: 4 as const },
	width: 400
};
const bar = (start: string, end: string, label = 'Phase', group = 'Social care'): TimelineBar => ({
	label,
	group,
	start,
	end,
	kind: 'implementation'
});

describe('layoutTimeline', () => {
	it('gives each quarter a column and each year a header', () => {
		const layout = layoutTimeline({
			...year,
			from: { year: '2026/27', quarter: 3 },
			to: { year: '2027/28', quarter: 2 },
			bars: []
		});
		expect(layout.columns.map((c) => [c.label, c.yearLabel, c.x, c.width])).toEqual([
			['Q3', '2026/27', 0, 100],
			['Q4', '2026/27', 100, 100],
			['Q1', '2027/28', 200, 100],
			['Q2', '2027/28', 300, 100]
		]);
		expect(layout.years).toEqual([
			{ year: '2026/27', x: 0, width: 200 },
			{ year: '2027/28', x: 200, width: 200 }
		]);
	});

	it('rounds column edges so the widths fill the chart exactly', () => {
		const layout = layoutTimeline({
			...year,
			to: { year: '2026/27', quarter: 3 },
			width: 10,
			bars: []
		});
		expect(layout.columns.map((c) => c.width)).toEqual([3, 4, 3]);
	});

	it.each<[string, string, string, number, number, boolean, boolean]>([
		['a whole quarter', '2026-04-01', '2026-06-30', 0, 100, false, false],
		['mid-May to the end of Q2', '2026-05-16', '2026-09-30', 49, 151, false, false], // 45/91 of 100 = 49.45
		['from before the range', '2026-01-01', '2026-04-30', 0, 33, true, false], // 30/91 of 100 = 32.97
		['past the range', '2027-01-01', '2027-12-31', 300, 100, false, true],
		['one day', '2026-04-01', '2026-04-01', 0, 1, false, false],
		['the last day of the range', '2027-03-31', '2027-03-31', 399, 1, false, false]
	])('places %s', (_n, start, end, x, width, before, after) => {
		const [placed] = layoutTimeline({ ...year, bars: [bar(start, end)] }).bars;
		expect(placed).toMatchObject({ x, width, continuesBefore: before, continuesAfter: after });
	});

	it('places a decommission marker on its day, on its system’s row', () => {
		const layout = layoutTimeline({
			...year,
			bars: [
				bar('2026-04-01', '2026-09-30', 'CareFirst'),
				bar('2026-04-01', '2026-06-30', 'Build', 'Finance')
			],
			markers: [
				{ label: 'CareFirst', group: 'Social care', date: '2027-02-15', kind: 'decommission' }, // 45 of Q4's 90 days
				{ label: 'Old ledger', group: 'Finance', date: '2026-10-01', kind: 'decommission' }
			],
			today: '2026-10-01'
		});
		expect(layout.markers.map((m) => [m.label, m.row, m.x])).toEqual([
			['CareFirst', 0, 350],
			['Old ledger', 2, 200]
		]);
		expect(layout.bars.map((b) => [b.label, b.row])).toEqual([
			['CareFirst', 0],
			['Build', 1]
		]);
		expect(layout.groups).toEqual([
			{ group: 'Social care', firstRow: 0, rowCount: 1 },
			{ group: 'Finance', firstRow: 1, rowCount: 2 }
		]);
		expect(layout.rowCount).toBe(3);
		expect(layout.todayX).toBe(200);
	});

	it('leaves out what it cannot draw, and says why', () => {
		const layout = layoutTimeline({
			...year,
			bars: [
				bar('2025-04-01', '2026-03-31', 'Old'),
				bar('2027-04-01', '2027-06-30', 'Later'),
				bar('2026-09-01', '2026-08-01', 'Backwards')
			],
			markers: [{ label: 'Gone', group: 'x', date: '2026-03-31', kind: 'decommission' }],
			today: '2030-01-01'
		});
		expect(layout.bars).toEqual([]);
		expect(layout.hidden.map((h) => [h.label, h.reason])).toEqual([
			['Old', 'before the range'],
			['Later', 'after the range'],
			['Backwards', 'ends before it starts'],
			['Gone', 'before the range']
		]);
		expect(layout.todayX).toBeNull();
	});

	it.each([
		[{ ...year, width: 3 }, /at least one per quarter/],
		[{ ...year, width: 400.5 }, /whole number/],
		[{ ...year, from: year.to, to: year.from }, /on or after/]
	])('refuses an impossible chart', (options, message) => {
		expect(() => layoutTimeline({ ...options, bars: [] })).toThrow(message);
	});
});
