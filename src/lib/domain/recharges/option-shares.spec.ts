import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { optionPartnerShares, serviceKey, type AllocationKey } from './index';

const partners = [
	{ id: 2, name: 'Westvale' },
	{ id: 1, name: 'Eastmoor' }
];
const key = (
	financialYear: string,
	weights: [number, number][],
	over: Partial<AllocationKey> = {}
): AllocationKey => ({
	id: 9,
	...serviceKey(
		financialYear,
		weights.map(([partnerOrganisationId, weight]) => ({
			partnerOrganisationId,
			weight,
			costCentreId: null
		}))
	),
	...over
});

describe('optionPartnerShares', () => {
	it('shares each year by its default key, says which key applied, and keeps an uncovered year unallocated', () => {
		const shares = optionPartnerShares(
			{
				id: 'opt-1',
				title: 'Replace',
				costs: [
					{ financialYear: '2026/27', amountPence: 100_00 },
					{ financialYear: '2026/27', amountPence: 1 },
					{ financialYear: '2027/28', amountPence: 30_00 }
				]
			},
			['2026/27', '2027/28'],
			new Map([
				[
					'2026/27',
					key(
						'2026/27',
						[
							[1, 120],
							[2, 80]
						],
						{
							kind: 'driver',
							measure: 'users',
							source: 'AD accounts',
							asAt: '2026-03-31'
						}
					)
				]
			]),
			partners
		);
		expect(shares.rows.map((r) => [r.name, r.cells, r.totalPence])).toEqual([
			['Eastmoor', [60_01, 0], 60_01],
			['Westvale', [40_00, 0], 40_00],
			['Unallocated shared-service overhead', [0, 30_00], 30_00]
		]);
		expect(shares.yearTotals).toEqual([100_01, 30_00]);
		expect(shares.totalPence).toBe(130_01);
		expect(shares.keysApplied).toEqual([
			{
				financialYear: '2026/27',
				words: 'Shared service default: users (AD accounts, as at 31 March 2026)'
			},
			{
				financialYear: '2027/28',
				words: 'No default key for this year: its cost is shown as unallocated'
			}
		]);
	});

	it('every year’s shares add up exactly to the year’s cost', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.record({
						y: fc.constantFrom('2026/27', '2027/28', '2030/31'),
						p: fc.nat(1_000_000_000)
					}),
					{
						maxLength: 12
					}
				),
				fc.nat(10_000),
				fc.nat(10_000),
				(costs, a, b) => {
					const keys = new Map(
						a + b > 0
							? [
									[
										'2026/27',
										key('2026/27', [
											[1, a],
											[2, b]
										])
									]
								]
							: []
					);
					const s = optionPartnerShares(
						{
							id: 'o',
							title: 'O',
							costs: costs.map((c) => ({ financialYear: c.y, amountPence: c.p }))
						},
						['2026/27', '2027/28'],
						keys,
						partners
					);
					s.years.forEach((_, i) =>
						expect(s.rows.reduce((sum, r) => sum + r.cells[i]!, 0)).toBe(s.yearTotals[i])
					);
					expect(s.totalPence).toBe(costs.reduce((sum, c) => sum + c.p, 0));
				}
			)
		);
	});
});
