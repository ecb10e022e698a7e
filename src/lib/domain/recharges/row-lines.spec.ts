import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readRowLines, rowLinesQuery, sameRow, type RowOf } from './row-lines';

const read = (q: string) => readRowLines(new URLSearchParams(q));

describe('the row whose lines are listed, in a query string', () => {
	it('reads back every row and page it writes', () => {
		fc.assert(
			fc.property(
				fc.option(fc.integer({ min: 1, max: 1e9 }), { nil: null }),
				fc.integer({ min: 2000, max: 2098 }),
				fc.constantFrom('capital', 'revenue' as const),
				fc.nat(),
				(centre, start, spend, after) => {
					const row: RowOf = {
						costCentreId: centre,
						financialYear: `${start}/${String((start + 1) % 100).padStart(2, '0')}`,
						spendType: spend
					};
					const back = read(rowLinesQuery(row, after));
					expect(back).not.toBeNull();
					expect(sameRow(back!.row, row)).toBe(true);
					expect(back!.after).toBe(after);
				}
			)
		);
	});

	it.each([
		['', 'nothing named'],
		['centre=1&year=2026/27', 'no capital or revenue'],
		['centre=x&year=2026/27&spend=revenue', 'a centre that is not an id'],
		['centre=1&year=2026/28&spend=revenue', 'not a financial year'],
		['centre=1&year=2026/27&spend=both', 'not capital or revenue'],
		['centre=1&year=2026/27&spend=revenue&after=-1', 'a negative start'],
		['centre=1&year=2026/27&spend=revenue&after=1e3', 'a start that is not whole digits']
	])('refuses %s (%s)', (q) => {
		expect(read(q)).toBeNull();
	});
});
