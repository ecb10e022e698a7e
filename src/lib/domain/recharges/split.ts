/**
 * Sharing a line's pence between partners by the largest-remainder (Hamilton) method: each partner
 * first gets its share rounded down, then the pennies left over go one each to the partners whose
 * shares lost the most to rounding. The shares always add up exactly to the amount, and no share is
 * ever more than a penny from its exact value. BigInt throughout: amount x weight can pass 2^53.
 */

/**
 * Splits `amountPence` (a whole number of pence, 0 or more) in proportion to `weights` (whole numbers,
 * 0 or more, at least one above 0). Returns one share per weight, in the same order. Ties for a
 * leftover penny go to the larger weight, then to the earlier position, so the split is repeatable.
 */
export function splitByLargestRemainder(amountPence: number, weights: readonly number[]): number[] {
	if (!Number.isSafeInteger(amountPence) || amountPence < 0)
		throw new RangeError(`Amount must be whole pence, 0 or more: ${amountPence}`);
	if (weights.some((w) => !Number.isSafeInteger(w) || w < 0))
		throw new RangeError(`Weights must be whole numbers, 0 or more: ${weights.join(', ')}`);
	const total = weights.reduce((sum, w) => sum + BigInt(w), 0n);
	if (total === 0n) throw new RangeError('Weights must total more than 0');
	const amount = BigInt(amountPence);
	const floors = weights.map((w) => (amount * BigInt(w)) / total);
	const remainders = weights.map((w) => (amount * BigInt(w)) % total);
	let left = amount - floors.reduce((sum, s) => sum + s, 0n);
	const order = weights
		.map((w, i) => i)
		.sort((a, b) => {
			const byRemainder = remainders[b]! - remainders[a]!;
			if (byRemainder !== 0n) return byRemainder > 0n ? 1 : -1;
			return weights[b]! - weights[a]! || a - b;
		});
	// `left` is below the number of weights with a remainder, so each gets at most one penny.
	for (const i of order) {
		if (left === 0n) break;
		if (remainders[i] === 0n) continue;
		floors[i]! += 1n;
		left -= 1n;
	}
	return floors.map(Number);
}
