/**
 * The figures of a business case: each option's economic case (appraisal.ts, in real prices,
 * discounted) and its financial case (nominal, undiscounted, capital and revenue by financial year,
 * against the funding). Money is integer pence throughout; the economic case's rounding is
 * appraisal.ts's (each year's present value to the penny, totals summed from the rounded years).
 */
import { economicCase, type AppraisalSettings, type EconomicCase } from './appraisal';
import { shiftFinancialYear, startYearOf, type FinancialYear } from '../fiscal';
import { fundingGap, sumPence, type FundingGapRow, type SpendRow } from '../rollups/rollup';
import {
	DO_MINIMUM_ID,
	type AppraisalPeriod,
	type BusinessCaseContent,
	type CaseOption,
	type CaseRisk
} from './business-case';
import { riskRating, riskScore, type RiskRating } from '../risk/score';

/** Every financial year of the appraisal period, year 0 first. */
export function appraisalYears(period: AppraisalPeriod): FinancialYear[] {
	return Array.from({ length: period.years }, (_, i) => shiftFinancialYear(period.firstYear, i));
}

export interface OptionFlowsByYear {
	years: FinancialYear[];
	capitalCosts: number[];
	otherCosts: number[];
	benefits: number[];
	/** Flows dated outside the appraisal period: shown beside the table, never silently dropped. */
	outside: { costsPence: number; benefitsPence: number };
}

/**
 * An option's costs and benefits laid out by year of the appraisal period (index 0 = first year).
 * Capital costs carry the optimism bias uplift in the economic case; revenue costs do not (the
 * Green Book applies the capital-cost uplift to capital expenditure).
 */
export function optionFlowsByYear(option: CaseOption, period: AppraisalPeriod): OptionFlowsByYear {
	const years = appraisalYears(period);
	const first = startYearOf(period.firstYear);
	const zero = () => years.map(() => 0);
	const flows = { capitalCosts: zero(), otherCosts: zero(), benefits: zero() };
	const outside = { costsPence: 0, benefitsPence: 0 };
	const indexOf = (fy: FinancialYear) => {
		const i = startYearOf(fy) - first;
		return i >= 0 && i < years.length ? i : -1;
	};
	for (const c of option.costs) {
		const i = indexOf(c.financialYear);
		const row = c.spendType === 'capital' ? flows.capitalCosts : flows.otherCosts;
		if (i < 0) outside.costsPence = sumPence([outside.costsPence, c.amountPence]);
		else row[i] = sumPence([row[i]!, c.amountPence]);
	}
	for (const b of option.benefits) {
		const i = indexOf(b.financialYear);
		if (i < 0) outside.benefitsPence = sumPence([outside.benefitsPence, b.amountPence]);
		else flows.benefits[i] = sumPence([flows.benefits[i]!, b.amountPence]);
	}
	return { years, ...flows, outside };
}

export interface OptionAppraisal {
	optionId: string;
	title: string;
	flows: OptionFlowsByYear;
	economic: EconomicCase;
	/** This option's NPSV less do minimum's: what choosing it adds (positive) or costs, in present value. */
	npsvAgainstDoMinimumPence: number;
}

/**
 * The economic case of every option, with the settings named. Amounts entered for an option are
 * taken as real prices of the first year (the officer deflates any inflated quote before entering
 * it, or the cost model holds it at today's prices); cashable and non-cashable benefits both count,
 * as the Green Book values social benefits whether or not they release cash.
 */
export function appraiseOptions(
	content: BusinessCaseContent,
	settings: AppraisalSettings
): OptionAppraisal[] {
	const appraised = content.options.map((option) => {
		const flows = optionFlowsByYear(option, content.appraisalPeriod);
		return {
			optionId: option.id,
			title: option.title,
			flows,
			economic: economicCase(flows, { mitigatedBp: option.mitigatedBp, settings })
		};
	});
	const baseline = appraised.find((a) => a.optionId === DO_MINIMUM_ID)?.economic.npsvPence ?? 0;
	return appraised.map((a) => ({
		...a,
		npsvAgainstDoMinimumPence: a.economic.npsvPence - baseline
	}));
}

export interface FinancialCase {
	years: {
		financialYear: FinancialYear;
		capitalPence: number;
		revenuePence: number;
		totalPence: number;
	}[];
	capitalPence: number;
	revenuePence: number;
	totalPence: number;
	/** Funding against cost by year, capital and revenue apart (rollup.ts fundingGap). */
	funding: FundingGapRow[];
	/** Sum of the shortfalls only: funding spare in one year or spend type does not cover another. */
	shortfallPence: { capital: number; revenue: number; total: number };
}

/**
 * The financial case of an option: nominal and undiscounted (what the budget will actually pay),
 * capital and revenue by financial year, a funding statement and the gap. The years run over the
 * appraisal period plus any year the costs or funding fall in, so no amount is left out.
 */
export function financialCase(
	costs: readonly SpendRow[],
	funding: readonly SpendRow[],
	years: readonly FinancialYear[]
): FinancialCase {
	const gap = fundingGap(costs, funding, years);
	const allYears = [...new Set(gap.map((g) => g.financialYear))];
	const cell = (fy: FinancialYear, spendType: SpendRow['spendType']) =>
		gap.find((g) => g.financialYear === fy && g.spendType === spendType)?.costPence ?? 0;
	const rows = allYears.map((financialYear) => {
		const capitalPence = cell(financialYear, 'capital');
		const revenuePence = cell(financialYear, 'revenue');
		return {
			financialYear,
			capitalPence,
			revenuePence,
			totalPence: sumPence([capitalPence, revenuePence])
		};
	});
	const shortfall = (spendType: SpendRow['spendType']) =>
		sumPence(gap.filter((g) => g.spendType === spendType && g.gapPence > 0).map((g) => g.gapPence));
	const capital = shortfall('capital');
	const revenue = shortfall('revenue');
	return {
		years: rows,
		capitalPence: sumPence(rows.map((r) => r.capitalPence)),
		revenuePence: sumPence(rows.map((r) => r.revenuePence)),
		totalPence: sumPence(rows.map((r) => r.totalPence)),
		funding: gap,
		shortfallPence: { capital, revenue, total: sumPence([capital, revenue]) }
	};
}

export interface ScoredRisk extends CaseRisk {
	inherentScore: number;
	inherentRating: RiskRating;
	residualScore: number;
	residualRating: RiskRating;
}

/** The register with its scores and ratings, highest residual score first (ties in register order). */
export function scoreRisks(risks: readonly CaseRisk[]): ScoredRisk[] {
	return risks
		.map((r, i) => {
			const inherentScore = riskScore(r.inherent);
			const residualScore = riskScore(r.residual);
			return {
				risk: {
					...r,
					inherentScore,
					inherentRating: riskRating(inherentScore),
					residualScore,
					residualRating: riskRating(residualScore)
				},
				i
			};
		})
		.sort((a, b) => b.risk.residualScore - a.risk.residualScore || a.i - b.i)
		.map((x) => x.risk);
}

/** The 5 x 5 matrix: counts of risks at each likelihood (rows, 5 first) and impact (columns, 1 first). */
export function riskMatrix(risks: readonly CaseRisk[], which: 'inherent' | 'residual'): number[][] {
	const matrix = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
	for (const r of risks) matrix[5 - r[which].likelihood]![r[which].impact - 1]! += 1;
	return matrix;
}
