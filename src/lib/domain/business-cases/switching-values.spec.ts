import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	bestValueSentence,
	breakEvenSentence,
	formatShare,
	type SwitchingOption
} from './switching-values';

const option = (optionId: string, pvCosts: number, pvBenefits: number): SwitchingOption => ({
	optionId,
	title: `Option ${optionId}`,
	economic: { pvCosts, pvBenefits, npsvPence: pvBenefits - pvCosts }
});

describe('switching values in words', () => {
	it.each([
		[
			option('a', 800_00, 1_000_00),
			'Option a: its costs could rise by 25%, or its benefits fall by 20%, before it costs more than it returns.'
		],
		[
			option('b', 1_000_00, 900_00),
			'Option b: on these figures it already costs more than it returns (net present social value \u2212\u2060£100.00).'
		],
		[
			option('c', 0, 500_00),
			'Option c: it has no costs; its benefits could fall by 100% before it returns nothing.'
		],
		[
			option('d', 0, 0),
			'Option d: no costs or benefits are entered, so it has no switching values.'
		]
	])('says how far an option can move before it stops paying for itself', (o, sentence) => {
		expect(breakEvenSentence(o)).toBe(sentence);
	});

	it('says how far the preferred option can move before the next best gives more value', () => {
		const options = [
			option('do-minimum', 100_00, 0),
			option('a', 800_00, 1_000_00),
			option('b', 500_00, 600_00)
		];
		// a: NPSV £200; next best b: NPSV £100; margin £100 = 12.5% of a's costs, 10% of its benefits.
		expect(bestValueSentence(options, 'a')).toBe(
			'The preferred option, Option a: its costs could rise by 12.5%, or its benefits fall by 10% before it stops giving the best value (Option b would then give more).'
		);
		expect(bestValueSentence(options, 'b')).toBe(
			'On these figures the preferred option, Option b, gives £100.00 less value than Option a: the choice rests on things the figures do not count.'
		);
		expect(bestValueSentence(options, null)).toBeNull();
		expect(bestValueSentence([option('a', 1, 2)], 'a')).toBeNull();
	});

	it('gives a share that, applied to the costs, brings the preferred option level with the next best', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 10_000_000 }),
				fc.integer({ min: 0, max: 10_000_000 }),
				fc.integer({ min: 0, max: 10_000_000 }),
				(costs, benefits, other) => {
					const a = option('a', costs, benefits);
					const b = option('b', 0, other);
					const sentence = bestValueSentence([a, b], 'a')!;
					const margin = a.economic.npsvPence - b.economic.npsvPence;
					if (margin <= 0) expect(sentence).toMatch(/rests on things the figures do not count/);
					else expect(sentence).toContain(`costs could rise by ${formatShare(margin / costs)}`);
				}
			)
		);
	});
});
