import { describe, expect, it } from 'vitest';
import { rowsByPartner } from './summary';

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
