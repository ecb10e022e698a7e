import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseBudgetForm, partnerShareRows, varianceWords } from './index';

describe('varianceWords', () => {
	it.each([
		[120_00, 100_00, 'Over budget by £20.00'],
		[100_00, 100_00, 'Exactly on budget'],
		[70_00, 100_00, 'Within budget, £30.00 to spare'],
		[1, 0, 'Over budget by £0.01'],
		[50_00, null, 'No budget recorded']
	])('share %i against budget %s: %s', (share, budget, words) =>
		expect(varianceWords(share, budget)).toBe(words)
	);
});

describe('partnerShareRows', () => {
	const partners = [
		{ id: 3, name: 'Westvale' },
		{ id: 1, name: 'Eastmoor' }
	];
	it('names every partner by name, sums capital and revenue, and puts overhead last', () => {
		const rows = partnerShareRows(
			partners,
			[
				{ partnerOrganisationId: 1, amountPence: 60_00 },
				{ partnerOrganisationId: 1, amountPence: 50_00 },
				{ partnerOrganisationId: null, amountPence: 7 }
			],
			[{ partnerOrganisationId: 1, amountPence: 100_00 }]
		);
		expect(
			rows.map((r) => [r.name, r.sharePence, r.budgetPence, r.variancePence, r.words])
		).toEqual([
			['Eastmoor', 110_00, 100_00, -10_00, 'Over budget by £10.00'],
			['Westvale', 0, null, null, 'No budget recorded'],
			[
				'Unallocated shared-service overhead',
				7,
				null,
				null,
				'Not charged to any partner: no key covers it'
			]
		]);
	});
	it('shares plus overhead always add up to what was given, to the penny', () => {
		fc.assert(
			fc.property(
				fc.array(fc.record({ partner: fc.constantFrom(1, 3, null), pence: fc.nat(10_000_000) })),
				(given) => {
					const rows = partnerShareRows(
						partners,
						given.map((g) => ({ partnerOrganisationId: g.partner, amountPence: g.pence })),
						[]
					);
					const total = given.reduce((s, g) => s + g.pence, 0);
					expect(rows.reduce((s, r) => s + r.sharePence, 0)).toBe(total);
				}
			)
		);
	});
});

describe('parseBudgetForm', () => {
	it('reads a partner, a year and pounds', () =>
		expect(
			parseBudgetForm({
				budgetPartner: '4',
				budgetYear: '2026/27',
				budgetAmount: '£12,500.50'
			})
		).toEqual({
			ok: true,
			value: { partnerOrganisationId: 4, financialYear: '2026/27', amountPence: 1_250_050 }
		}));
	it.each([
		[
			{ budgetPartner: '', budgetYear: '2026/27', budgetAmount: '1' },
			'budgetPartner',
			'Choose the partner'
		],
		[{ budgetPartner: '4', budgetYear: '2026', budgetAmount: '1' }, 'budgetYear', ''],
		[
			{ budgetPartner: '4', budgetYear: '2026/27', budgetAmount: '' },
			'budgetAmount',
			'Enter the partner’s budget'
		],
		[
			{ budgetPartner: '4', budgetYear: '2026/27', budgetAmount: '-5' },
			'budgetAmount',
			'cannot be negative'
		],
		[
			{ budgetPartner: '4', budgetYear: '2026/27', budgetAmount: '12.5k' },
			'budgetAmount',
			'shorthand'
		]
	])('refuses %j on %s', (values, field, words) => {
		const parsed = parseBudgetForm(values);
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) expect(parsed.errors[field]).toContain(words);
	});
});
