/**
 * The economic case of an options appraisal to HM Treasury Green Book standard: present values at
 * the social time preference rate, optimism bias uplifts, net present social value, benefit-cost
 * ratio and switching values. Money stays integer pence; rates are basis points (1% = 100 bp), so
 * a setting such as '3.5%' is exact. Rates and uplifts live in versioned settings that name their
 * source, because HM Treasury revises them.
 *
 * Rounding rule: each year's present value is rounded to the nearest penny (halves away from zero),
 * and every total is the sum of the rounded yearly figures, so an appraisal table adds up to the
 * penny as printed.
 */
import { roundHalfAwayFromZero } from '../money';
import { sumPence } from '../rollups/rollup';

/** A discount rate that applies from `fromYear` to `toYear` (inclusive), in basis points. */
export interface DiscountBand {
	fromYear: number;
	toYear: number;
	rateBp: number;
}

export interface OptimismBias {
	/** Upper and lower bounds for capital cost uplift, basis points (200% = 20,000). */
	capitalUpperBp: number;
	capitalLowerBp: number;
	/** Upper and lower bounds for works duration uplift, basis points. */
	durationUpperBp: number;
	durationLowerBp: number;
}

export interface AppraisalSettings {
	/** A name for this set of figures, recorded with every appraisal made with it. */
	version: string;
	/** Where the figures come from, so a reader can check them. */
	source: string;
	discountBands: DiscountBand[];
	optimismBias: OptimismBias;
}

/**
 * The Green Book (2022) figures: the social time preference rate of 3.5% for years 0-30, 3.0% for
 * 31-75, 2.5% for 76-125 (Annex A6, table 8), and the optimism bias bounds for equipment and
 * development projects, the category IT systems fall in (supplementary guidance, table 1).
 */
export const GREEN_BOOK_2022: AppraisalSettings = {
	version: 'Green Book 2022',
	source:
		'HM Treasury, The Green Book (2022), Annex A6 table 8; Supplementary Green Book guidance: optimism bias, equipment/development',
	discountBands: [
		{ fromYear: 0, toYear: 30, rateBp: 350 },
		{ fromYear: 31, toYear: 75, rateBp: 300 },
		{ fromYear: 76, toYear: 125, rateBp: 250 }
	],
	optimismBias: {
		capitalUpperBp: 20_000,
		capitalLowerBp: 1_000,
		durationUpperBp: 5_400,
		durationLowerBp: 1_000
	}
};

/**
 * The discount factor for year `year` (year 0 = the first year, undiscounted). A year in a later
 * band is discounted at that band's rate only for the years within it: D(31) = D(30) / 1.03.
 */
export function discountFactor(
	year: number,
	bands: readonly DiscountBand[] = GREEN_BOOK_2022.discountBands
): number {
	if (!Number.isInteger(year) || year < 0)
		throw new RangeError(`not a year of an appraisal: ${year}`);
	let factor = 1;
	for (let t = 1; t <= year; t++) {
		const band = bands.find((b) => t >= b.fromYear && t <= b.toYear);
		if (!band) throw new RangeError(`no discount rate for year ${t}`);
		factor /= 1 + band.rateBp / 10_000;
	}
	return factor;
}

/**
 * Rounds to a whole penny, halves away from zero (so -0.5p and 0.5p round alike): money.ts
 * roundHalfAwayFromZero, the one rule for every appraisal figure. Each flow is at most
 * MAX_AMOUNT_PENCE, so with the uplift (at most 200%) a figure is under 2^53 and exact.
 */
function roundPence(value: number): number {
	const rounded = roundHalfAwayFromZero(value);
	if (!Number.isSafeInteger(rounded)) throw new RangeError(`amount out of range: ${value}`);
	return rounded;
}

/** One year's present value: the amount discounted to year 0, rounded to the penny. */
export function presentValue(
	amountPence: number,
	year: number,
	bands?: readonly DiscountBand[]
): number {
	return roundPence(amountPence * discountFactor(year, bands));
}

/** Present values of a stream of amounts by year (index = year), and their total. */
export function presentValues(
	amountsByYear: readonly number[],
	bands?: readonly DiscountBand[]
): { byYear: number[]; totalPence: number } {
	const byYear = amountsByYear.map((amount, year) => presentValue(amount, year, bands));
	return { byYear, totalPence: sumPence(byYear) };
}

/**
 * The optimism bias uplift to apply, in basis points: the upper bound reduced by the share of risk
 * the project has mitigated (basis points of 10,000), never below the lower bound. 200% with 40%
 * mitigated is 200% x 60% = 120%.
 */
export function optimismUpliftBp(upperBp: number, lowerBp: number, mitigatedBp: number): number {
	if (mitigatedBp < 0 || mitigatedBp > 10_000)
		throw new RangeError('the share of risk mitigated must be between 0% and 100%');
	const reduced = Math.round((upperBp * (10_000 - mitigatedBp)) / 10_000);
	return Math.max(lowerBp, reduced);
}

/** A cost with its optimism bias uplift added, to the penny (halves away from zero). */
export function applyUplift(costPence: number, upliftBp: number): number {
	return costPence + roundPence((costPence * upliftBp) / 10_000);
}

/** Converts nominal amounts by year to real prices of year 0, deflating by a steady annual rate. */
export function toRealPrices(nominalByYear: readonly number[], inflationBp: number): number[] {
	return nominalByYear.map((amount, year) =>
		roundPence(amount / (1 + inflationBp / 10_000) ** year)
	);
}

export interface OptionFlows {
	/** Costs by year (index = year), real prices, pence, before optimism bias. */
	capitalCosts: readonly number[];
	otherCosts: readonly number[];
	benefits: readonly number[];
}

export interface EconomicCase {
	/** Capital costs with the optimism bias uplift applied, by year. */
	adjustedCapital: number[];
	pvCosts: number;
	pvBenefits: number;
	/** Net present social value: PV of benefits less PV of costs. */
	npsvPence: number;
	/** Benefit-cost ratio, or null when there is no cost to divide by. */
	bcr: number | null;
	/** How far benefits could fall, or costs rise, before NPSV reaches zero (a fraction: 0.25 = 25%); null when undefined. */
	switching: { benefitsFall: number | null; costsRise: number | null };
	upliftBp: number;
}

/** The economic case of one option: present values, NPSV, BCR and switching values. */
export function economicCase(
	flows: OptionFlows,
	options: { mitigatedBp: number; settings?: AppraisalSettings }
): EconomicCase {
	const settings = options.settings ?? GREEN_BOOK_2022;
	const bias = settings.optimismBias;
	const upliftBp = optimismUpliftBp(bias.capitalUpperBp, bias.capitalLowerBp, options.mitigatedBp);
	const adjustedCapital = flows.capitalCosts.map((c) => applyUplift(c, upliftBp));
	const years = Math.max(adjustedCapital.length, flows.otherCosts.length, flows.benefits.length);
	const costs = Array.from(
		{ length: years },
		(_, y) => (adjustedCapital[y] ?? 0) + (flows.otherCosts[y] ?? 0)
	);
	const benefits = Array.from({ length: years }, (_, y) => flows.benefits[y] ?? 0);
	const pvCosts = presentValues(costs, settings.discountBands).totalPence;
	const pvBenefits = presentValues(benefits, settings.discountBands).totalPence;
	const npsvPence = pvBenefits - pvCosts;
	return {
		adjustedCapital,
		pvCosts,
		pvBenefits,
		npsvPence,
		bcr: pvCosts === 0 ? null : pvBenefits / pvCosts,
		switching: {
			benefitsFall: pvBenefits === 0 ? null : npsvPence / pvBenefits,
			costsRise: pvCosts === 0 ? null : npsvPence / pvCosts
		},
		upliftBp
	};
}
