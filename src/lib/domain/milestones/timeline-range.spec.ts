import { describe, expect, it } from 'vitest';
import { timelineRange } from './timeline-range';

const today = '2026-10-01';

describe('timelineRange', () => {
	it.each<[string, string[], string, [string, number], [string, number], boolean]>([
		[
			'31 March and 1 April fall in different years',
			['2027-03-31', '2027-04-01'],
			today,
			['2026/27', 4],
			['2027/28', 1],
			false
		],
		[
			'exactly five years is drawn whole',
			['2026-04-01', '2031-03-31'],
			today,
			['2026/27', 1],
			['2030/31', 4],
			false
		],
		[
			'longer keeps the year before today in view',
			['2020-04-01', '2035-03-31'],
			'2026-10-01',
			['2025/26', 3],
			['2030/31', 2],
			true
		],
		[
			'and stops at the last date',
			['2020-04-01', '2027-03-31'],
			'2026-10-01',
			['2022/23', 1],
			['2026/27', 4],
			true
		],
		[
			'and starts at the first',
			['2026-04-01', '2035-03-31'],
			'2020-01-01',
			['2026/27', 1],
			['2030/31', 4],
			true
		]
	])('%s', (_n, dates, on, [fromYear, fromQ], [toYear, toQ], cut) => {
		expect(timelineRange(dates, on)).toEqual({
			from: { year: fromYear, quarter: fromQ },
			to: { year: toYear, quarter: toQ },
			cut
		});
	});
});
