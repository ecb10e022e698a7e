import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	dueAfter,
	disputeErrors,
	itemKey,
	periodRefusal,
	statementLines,
	statementTotals,
	type Billed,
	type ChargeItem,
	type StatementLine,
	type StatementPeriod
} from './statements';

const item = (over: Partial<ChargeItem>): ChargeItem => ({
	financialYear: '2026/27',
	costLineId: 1,
	description: 'Licences',
	systemName: null,
	costCentreId: null,
	costCentre: '',
	spendType: 'revenue',
	keyApplied: 'Service (fixed)',
	amountPence: 0,
	...over
});

/** What issuing `lines` adds to the charges so far, per item. */
function bill(billed: Map<string, Billed>, lines: readonly StatementLine[]) {
	for (const l of lines) {
		const key = itemKey(l);
		const was = billed.get(key)?.amountPence ?? 0;
		billed.set(key, { ...l, amountPence: was + l.amountPence });
	}
}

describe('dueAfter', () => {
	it.each([
		[1001, 0, 0],
		[1001, 1, 250],
		[1001, 2, 500],
		[1001, 3, 750],
		[1001, 4, 1001]
	])('%i pence after %i quarters is %i', (amount, quarters, due) =>
		expect(dueAfter(amount, quarters)).toBe(due)
	);
});

describe('periodRefusal', () => {
	it.each([
		[0, 0, null],
		[1, 0, null],
		[2, 1, null],
		[0, 1, 'is being stated by quarter: issue Q2 rather than the whole year'],
		[3, 1, 'Q2 2026/27 must be issued before Q3'],
		[1, 1, 'Q1 2026/27 has been stated already'],
		[1, 4, 'has been stated in full already']
	] as const)('quarter %i after %i stated', (quarter, stated, message) => {
		const refusal = periodRefusal('2026/27', quarter as StatementPeriod, stated);
		if (message == null) expect(refusal).toBeNull();
		else expect(refusal).toContain(message);
	});
});

describe('statementLines', () => {
	it('charges the period and itemises what changed in a year already stated', () => {
		const billed = [
			item({ costLineId: 1, amountPence: 10000 }),
			item({ costLineId: 2, amountPence: 500 })
		];
		const lines = statementLines({
			financialYear: '2027/28',
			quarter: 0,
			current: [
				item({ costLineId: 1, amountPence: 12000 }),
				item({ costLineId: 3, financialYear: '2027/28', amountPence: 700 })
			],
			billed,
			stated: new Map([['2026/27', 4]])
		});
		expect(lines.map((l) => [l.kind, l.costLineId, l.wasPence, l.nowPence, l.amountPence])).toEqual(
			[
				['charge', 3, null, null, 700],
				['adjustment', 1, 10000, 12000, 2000],
				['adjustment', 2, 500, 0, -500]
			]
		);
		expect(statementTotals(lines).totalPence).toBe(2200);
	});

	it('moves a charge between cost centres as two adjustments', () => {
		const lines = statementLines({
			financialYear: '2027/28',
			quarter: 1,
			current: [item({ costCentreId: 7, costCentre: 'B', amountPence: 900 })],
			billed: [item({ costCentreId: 6, costCentre: 'A', amountPence: 900 })],
			stated: new Map([['2026/27', 4]])
		});
		expect(statementTotals(lines).rows.map((r) => [r.costCentre, r.adjustmentsPence])).toEqual([
			['A', -900],
			['B', 900]
		]);
	});

	it('refuses an empty or over-long dispute reason', () => {
		expect(disputeErrors('  ').reason).toBe('Enter why the statement is disputed');
		expect(disputeErrors('x'.repeat(2001)).reason).toMatch(/2,000 characters or fewer/);
		expect(disputeErrors('Line 4 is ours')).toEqual({});
	});

	it('issued plus adjustments always equals the recharges now, for any changes and periods', () => {
		const state = fc.array(
			fc.record({
				costLineId: fc.integer({ min: 1, max: 6 }),
				costCentreId: fc.constantFrom(null, 1, 2),
				spendType: fc.constantFrom('capital' as const, 'revenue' as const),
				financialYear: fc.constantFrom('2026/27', '2027/28'),
				amountPence: fc.integer({ min: 0, max: 100_000_000_000 })
			}),
			{ maxLength: 8 }
		);
		const step = fc.record({
			current: state,
			period: fc.constantFrom<StatementPeriod>(0, 1, 2, 3, 4),
			year: fc.constantFrom('2026/27', '2027/28')
		});
		fc.assert(
			fc.property(fc.array(step, { minLength: 1, maxLength: 8 }), state, (steps, last) => {
				const billed = new Map<string, Billed>();
				const stated = new Map<string, number>();
				const issue = (current: ChargeItem[], year: string, quarter: StatementPeriod) => {
					if (periodRefusal(year, quarter, stated.get(year) ?? 0)) return;
					const unique = new Map(current.map((c) => [itemKey(c), c]));
					const lines = statementLines({
						financialYear: year,
						quarter,
						current: [...unique.values()],
						billed: [...billed.values()],
						stated
					});
					bill(billed, lines);
					stated.set(year, quarter === 0 ? 4 : quarter);
				};
				for (const s of steps) issue(s.current.map(item), s.year, s.period);
				// One more statement for a year no step states brings every stated year up to date.
				const now = [...new Map(last.map(item).map((c) => [itemKey(c), c])).values()];
				issue(now, '2028/29', 0);
				for (const c of now) {
					const quarters = stated.get(c.financialYear) ?? 0;
					expect(billed.get(itemKey(c))?.amountPence ?? 0).toBe(dueAfter(c.amountPence, quarters));
				}
				for (const [key, b] of billed) {
					const current = now.find((c) => itemKey(c) === key);
					if (!current) expect(b.amountPence).toBe(0);
				}
			}),
			{ numRuns: 300 }
		);
	});
});
