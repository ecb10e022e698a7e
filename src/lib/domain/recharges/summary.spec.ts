import { describe, expect, it } from 'vitest';
import { LINES_PER_PAGE, pageCount, pageNumber, rowsByPartner } from './summary';

describe('rowsByPartner', () => {
	it('puts capital and revenue on one row per partner, overhead last', () => {
		expect(
			rowsByPartner([
				{
					partnerOrganisationId: null,
					partnerName: 'Overhead',
					spendType: 'revenue',
					amountPence: 5
				},
				{ partnerOrganisationId: 2, partnerName: 'B', spendType: 'capital', amountPence: 10 },
				{ partnerOrganisationId: 2, partnerName: 'B', spendType: 'revenue', amountPence: 20 },
				{ partnerOrganisationId: 1, partnerName: 'A', spendType: 'revenue', amountPence: 7 }
			])
		).toEqual([
			{ id: 2, name: 'B', capital: 10, revenue: 20 },
			{ id: 1, name: 'A', capital: 0, revenue: 7 },
			{ id: null, name: 'Overhead', capital: 0, revenue: 5 }
		]);
	});
});

describe('pageNumber and pageCount', () => {
	it.each([
		['3', 3],
		[null, 1],
		['', 1],
		['0', 1],
		['-2', 1],
		['1.5', 1],
		['abc', 1],
		['1000000', 1]
	])('reads %s as page %i', (text, page) => {
		expect(pageNumber(text)).toBe(page);
	});
	it('counts whole pages of LINES_PER_PAGE, at least one', () => {
		expect(pageCount(0)).toBe(1);
		expect(pageCount(LINES_PER_PAGE)).toBe(1);
		expect(pageCount(LINES_PER_PAGE + 1)).toBe(2);
	});
});
