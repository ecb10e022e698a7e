import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	allocateLine,
	allocateLines,
	KeyIndex,
	totalsByPartner,
	type RechargeLine
} from './allocate';
import type { AllocationKey, KeyScope } from './keys';

const line = (over: Partial<RechargeLine> = {}): RechargeLine => ({
	id: 1,
	financialYear: '2026/27',
	spendType: 'revenue',
	systemId: 10,
	workstreamId: 20,
	amountPence: 100_00,
	...over
});
let nextId = 1;
const key = (
	scope: KeyScope,
	scopeId: number,
	weights: number[],
	year = '2026/27'
): AllocationKey => ({
	id: nextId++,
	financialYear: year,
	scope,
	scopeId,
	kind: 'fixed',
	measure: '',
	source: '',
	asAt: null,
	shares: weights.map((weight, i) => ({
		partnerOrganisationId: i + 101,
		weight,
		costCentreId: null
	}))
});

describe('the most specific key wins', () => {
	const service = key('service', 0, [10000]);
	const workstream = key('workstream', 20, [5000, 5000]);
	const system = key('system', 10, [2500, 7500]);
	const own = key('cost_line', 1, [1000, 9000]);

	it.each([
		{ keys: [service, workstream, system, own], wins: own },
		{ keys: [service, workstream, system], wins: system },
		{ keys: [service, workstream], wins: workstream },
		{ keys: [service], wins: service }
	])('with $keys.length keys', ({ keys, wins }) => {
		expect(new KeyIndex(keys).keyFor(line())).toBe(wins);
	});

	it('only for the line’s own financial year, system and workstream', () => {
		const index = new KeyIndex([key('service', 0, [10000], '2025/26'), key('system', 99, [10000])]);
		expect(index.keyFor(line())).toBeUndefined();
		expect(index.keyFor(line({ systemId: null, workstreamId: null }))).toBeUndefined();
	});
});

describe('allocateLine', () => {
	it('keeps a line no key covers whole, as overhead', () => {
		expect(allocateLine(line({ amountPence: 12345 }), undefined)).toEqual([
			{
				costLineId: 1,
				partnerOrganisationId: null,
				financialYear: '2026/27',
				spendType: 'revenue',
				amountPence: 12345,
				keyId: null,
				costCentreId: null
			}
		]);
	});

	it('shares a thirds key to the penny', () => {
		const k = key('service', 0, [3333, 3333, 3334]);
		expect(allocateLine(line({ amountPence: 100 }), k).map((s) => s.amountPence)).toEqual([
			33, 33, 34
		]);
	});

	it('leaves out partners with a zero share', () => {
		const k = key('service', 0, [0, 10000]);
		expect(allocateLine(line(), k).map((s) => s.partnerOrganisationId)).toEqual([102]);
	});
});

const scopes: KeyScope[] = ['cost_line', 'system', 'workstream', 'service'];
const arbitraryKey = fc.record({
	scope: fc.constantFrom(...scopes),
	scopeId: fc.integer({ min: 1, max: 5 }),
	year: fc.constantFrom('2025/26', '2026/27'),
	weights: fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 10 })
});
const arbitraryLine = fc.record({
	id: fc.integer({ min: 1, max: 5 }),
	financialYear: fc.constantFrom('2025/26', '2026/27'),
	spendType: fc.constantFrom('capital' as const, 'revenue' as const),
	systemId: fc.option(fc.integer({ min: 1, max: 5 })),
	workstreamId: fc.option(fc.integer({ min: 1, max: 5 })),
	amountPence: fc.integer({ min: 0, max: 100_000_000_000 })
});

describe('for random lines and keys', () => {
	it('every line’s shares add up exactly to the line, and partners plus overhead to the service’s total', () => {
		fc.assert(
			fc.property(
				fc.array(arbitraryLine, { maxLength: 40 }),
				fc.array(arbitraryKey, { maxLength: 8 }),
				(lines, raw) => {
					const keys = raw.map((k, i) => ({
						...key(k.scope, k.scope === 'service' ? 0 : k.scopeId, k.weights, k.year),
						id: i + 1
					}));
					const numbered = lines.map((l, i) => ({ ...l, id: i + 1 }));
					const shares = allocateLines(numbered, keys);
					for (const l of numbered) {
						const mine = shares.filter((s) => s.costLineId === l.id);
						expect(mine.length).toBeGreaterThan(0);
						expect(mine.reduce((sum, s) => sum + s.amountPence, 0)).toBe(l.amountPence);
						expect(
							mine.every((s) => s.financialYear === l.financialYear && s.spendType === l.spendType)
						).toBe(true);
					}
					const serviceTotal = numbered.reduce((sum, l) => sum + BigInt(l.amountPence), 0n);
					const byPartner = totalsByPartner(shares).reduce(
						(sum, t) => sum + BigInt(t.amountPence),
						0n
					);
					expect(byPartner).toBe(serviceTotal);
				}
			)
		);
	});
});
