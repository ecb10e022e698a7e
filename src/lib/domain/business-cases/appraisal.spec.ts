import { describe, expect, it } from 'vitest';
import { MAX_FLOW_PENCE, MAX_OPTION_ROWS } from './business-case-form';
import {
	applyUplift,
	discountFactor,
	economicCase,
	optimismUpliftBp,
	presentValue,
	presentValues,
	toRealPrices,
	GREEN_BOOK_2022
} from './appraisal';

describe('discounting at the Green Book rates', () => {
	it.each([
		// £1,000 in year 5 at 3.5%: 100,000 / 1.035^5 = 84,197.32p -> £841.97 (the issue's own check)
		[100_000, 5, 84_197],
		// year 0 is not discounted
		[100_000, 0, 100_000],
		// year 31 moves to 3.0%: 100,000 / (1.035^30 x 1.03) = 34,590.14p
		[100_000, 31, 34_590],
		// year 76 moves to 2.5%: 100,000 / (1.035^30 x 1.03^45 x 1.025) = 9,191.59p
		[100_000, 76, 9_192],
		// a cost (negative) rounds the same way as a benefit: -84,197.32 -> -84,197
		[-100_000, 5, -84_197]
	])('%ip in year %i is worth %ip today', (amount, year, expected) => {
		expect(presentValue(amount, year)).toBe(expected);
	});

	it('refuses a year with no rate and a year that is not a whole number', () => {
		expect(() => discountFactor(126)).toThrow(/no discount rate for year 126/);
		expect(() => discountFactor(1.5)).toThrow(RangeError);
	});

	it('totals the rounded yearly figures, so the table adds up as printed', () => {
		// 10,000 / 1.035 = 9,661.84 -> 9,662; 10,000 / 1.035^2 = 9,335.11 -> 9,335
		expect(presentValues([0, 10_000, 10_000])).toEqual({
			byYear: [0, 9_662, 9_335],
			totalPence: 18_997
		});
	});

	it('deflates nominal amounts to year-0 prices', () => {
		// 2% inflation: 10,200 in year 1 is 10,000 in year-0 prices; 10,404 in year 2 likewise
		expect(toRealPrices([10_000, 10_200, 10_404], 200)).toEqual([10_000, 10_000, 10_000]);
	});
});

describe('optimism bias', () => {
	it.each([
		// the check: 200% with 40% of risk mitigated is 200% x 60% = 120%
		[20_000, 1_000, 4_000, 12_000],
		// nothing mitigated: the upper bound
		[20_000, 1_000, 0, 20_000],
		// everything mitigated: no lower than the lower bound (10%)
		[20_000, 1_000, 10_000, 1_000],
		// works duration for equipment/development: 54% with half mitigated is 27%
		[5_400, 1_000, 5_000, 2_700]
	])('upper %ibp, lower %ibp, %ibp mitigated gives %ibp', (upper, lower, mitigated, expected) => {
		expect(optimismUpliftBp(upper, lower, mitigated)).toBe(expected);
	});

	it('refuses a share mitigated outside 0-100%', () => {
		expect(() => optimismUpliftBp(20_000, 1_000, 10_001)).toThrow(/between 0% and 100%/);
	});

	it('adds the uplift to the penny', () => {
		expect(applyUplift(1_000_000, 12_000)).toBe(2_200_000);
		// 333p x 120% = 399.6p -> 400p uplift
		expect(applyUplift(333, 12_000)).toBe(733);
	});

	it('records where its figures come from', () => {
		expect(GREEN_BOOK_2022.source).toMatch(/Green Book \(2022\)/);
		expect(GREEN_BOOK_2022.optimismBias).toEqual({
			capitalUpperBp: 20_000,
			capitalLowerBp: 1_000,
			durationUpperBp: 5_400,
			durationLowerBp: 1_000
		});
	});
});

describe('the economic case of an option', () => {
	it('works out PVs, NPSV, BCR and switching values by hand', () => {
		// Capital £1,000 in year 0, uplifted 120% (40% mitigated) to £2,200; running costs £100 in years 1 and 2;
		// benefits £600 in years 1 and 2.
		const result = economicCase(
			{ capitalCosts: [100_000], otherCosts: [0, 10_000, 10_000], benefits: [0, 60_000, 60_000] },
			{ mitigatedBp: 4_000 }
		);
		expect(result.upliftBp).toBe(12_000);
		expect(result.adjustedCapital).toEqual([220_000]);
		// costs: 220,000 + 9,662 + 9,335 = 238,997
		expect(result.pvCosts).toBe(238_997);
		// benefits: 60,000 / 1.035 = 57,971.01 -> 57,971; 60,000 / 1.035^2 = 56,010.64 -> 56,011
		expect(result.pvBenefits).toBe(113_982);
		expect(result.npsvPence).toBe(113_982 - 238_997);
		expect(result.bcr).toBeCloseTo(0.476918, 6);
		expect(result.switching.costsRise).toBeCloseTo(-125_015 / 238_997, 9);
		expect(result.switching.benefitsFall).toBeCloseTo(-125_015 / 113_982, 9);
	});

	it('has no BCR or switching values where there is nothing to divide by', () => {
		const result = economicCase(
			{ capitalCosts: [], otherCosts: [], benefits: [] },
			{ mitigatedBp: 0 }
		);
		expect(result).toMatchObject({
			pvCosts: 0,
			pvBenefits: 0,
			npsvPence: 0,
			bcr: null,
			switching: { benefitsFall: null, costsRise: null }
		});
	});
});

describe('at the caps, every figure of the economic case is exact', () => {
	it('200 rows of £1,000,000,000 a year for 60 years, capital uplifted 200%: present values and NPSV are whole pence under 2^53', () => {
		const year = 200 * MAX_FLOW_PENCE; // MAX_OPTION_ROWS rows at the cap
		const flows = {
			capitalCosts: Array(60).fill(year),
			otherCosts: Array(60).fill(year),
			benefits: Array(60).fill(year)
		};
		const result = economicCase(flows, { mitigatedBp: 0 });
		expect(MAX_OPTION_ROWS).toBe(200);
		expect(result.upliftBp).toBe(20_000);
		for (const figure of [
			result.pvCosts,
			result.pvBenefits,
			result.npsvPence,
			...result.adjustedCapital
		])
			expect(Number.isSafeInteger(figure)).toBe(true);
		// Undiscounted, the costs would be 60 x 4 x 200 x the cap: still under 2^53, so the discounted sum is too.
		expect(60 * 4 * year).toBeLessThan(Number.MAX_SAFE_INTEGER);
		expect(result.pvCosts).toBeGreaterThan(year * 4 * 20);
	});
});
