import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { splitByLargestRemainder } from './split';

describe('splitByLargestRemainder', () => {
	it.each([
		{ amount: 100, weights: [3333, 3333, 3334], shares: [33, 33, 34] },
		{ amount: 100, weights: [1, 1, 1], shares: [34, 33, 33] },
		{ amount: 1, weights: [1, 1], shares: [1, 0] },
		{ amount: 1, weights: [1, 3], shares: [0, 1] },
		{ amount: 0, weights: [5, 5], shares: [0, 0] },
		{ amount: 1001, weights: [0, 7, 0], shares: [0, 1001, 0] },
		{ amount: 10, weights: [2, 1], shares: [7, 3] }
	])('shares $amount by $weights as $shares', ({ amount, weights, shares }) => {
		expect(splitByLargestRemainder(amount, weights)).toEqual(shares);
	});

	it('refuses fractions of a penny, negative weights and a zero total', () => {
		expect(() => splitByLargestRemainder(1.5, [1])).toThrow(/whole pence/);
		expect(() => splitByLargestRemainder(10, [1, -1])).toThrow(/0 or more/);
		expect(() => splitByLargestRemainder(10, [0, 0])).toThrow(/more than 0/);
	});

	it('is exact where amount x weight passes 2^53', () => {
		const shares = splitByLargestRemainder(100_000_000_000, [100_000_000_000, 1]);
		expect(shares[0]! + shares[1]!).toBe(100_000_000_000);
		expect(shares[1]).toBe(1);
	});

	it('always adds up to the amount, each share within a penny of its exact value', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 100_000_000_000 }),
				fc.array(fc.integer({ min: 0, max: 100_000_000_000 }), { minLength: 1, maxLength: 12 }),
				(amount, raw) => {
					const weights = raw.some((w) => w > 0) ? raw : [...raw.slice(1), 1];
					const shares = splitByLargestRemainder(amount, weights);
					expect(shares.reduce((a, b) => a + b, 0)).toBe(amount);
					const total = weights.reduce((a, b) => a + BigInt(b), 0n);
					shares.forEach((s, i) => {
						const exactTimesTotal = BigInt(amount) * BigInt(weights[i]!);
						const diff = BigInt(s) * total - exactTimesTotal;
						expect(diff > -total && diff < total).toBe(true);
						if (weights[i] === 0) expect(s).toBe(0);
					});
				}
			)
		);
	});
});
