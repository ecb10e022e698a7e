/**
 * Run cost saved as systems are switched off, and whole-life cost over a period: integer pence, each
 * figure rounded once by its rule (the part-year saving: rounded down, so a saving is never overstated).
 */
import {
	daysBetween,
	daysInFinancialYear,
	financialYearEnd,
	financialYearOf,
	shiftFinancialYear,
	startYearOf,
	type FinancialYear
} from '../fiscal';
import { checkedPence, divideRoundingDown } from '../money';
import { sumPence } from './rollup';

const checkPence = checkedPence;

export interface RunCostSystem {
	annualRunCostPence: number | null;
	/** The last day the system is in service; its run cost stops from the next day. */
	decommissionDate: string | null;
}

/**
 * The run cost one system no longer costs in a financial year. Before its decommission year, none;
 * after it, the whole annual cost. In that year, the annual cost times the days after the
 * decommission date (it still runs 1 April to that date, inclusive) over the days in that year (365,
 * or 366 with a 29 February), ROUNDED DOWN to the penny (money.ts divideRoundingDown), so a saving is
 * never overstated, not even by the half penny. So a system switched off on 31 March saves nothing
 * that year and all of the next. SQL re-states this rule in `system_switch_off.saved_in_year_pence`
 * (migration 0012); an integration test compares the two on random portfolios.
 */
export function runCostSavedInYear(system: RunCostSystem, year: FinancialYear): number {
	const annual = system.annualRunCostPence;
	if (!annual || !system.decommissionDate) return 0;
	const decommissionYear = financialYearOf(system.decommissionDate);
	const order = startYearOf(year) - startYearOf(decommissionYear);
	if (order < 0) return 0;
	if (order > 0) return checkPence(annual, 'The annual run cost');
	return partYearSavingPence(
		annual,
		daysBetween(system.decommissionDate, financialYearEnd(year)),
		daysInFinancialYear(year)
	);
}

/** The part-year saving rule on its own: annual x daysSaved / daysInYear, rounded down to the penny. */
export function partYearSavingPence(
	annualPence: number,
	daysSaved: number,
	daysInYear: number
): number {
	if (!Number.isSafeInteger(annualPence) || annualPence < 0)
		throw new RangeError(`an annual run cost must be whole pence, 0 or more: ${annualPence}`);
	return Number(divideRoundingDown(BigInt(annualPence) * BigInt(daysSaved), BigInt(daysInYear)));
}

/**
 * The run cost saved in each of `years` across the systems: the sum of each system's own saving
 * (rounded as in runCostSavedInYear), so a per-system breakdown adds up to the year's figure.
 */
export function runCostSavedByYear(
	systems: readonly RunCostSystem[],
	years: readonly FinancialYear[]
): { financialYear: FinancialYear; savedPence: number }[] {
	const starts = years.map(startYearOf);
	const totals = years.map(() => 0);
	for (const system of systems) {
		const saved = savingsByYear(system, years, starts);
		for (let i = 0; i < years.length; i++) totals[i] = checkPence(totals[i]! + saved[i]!);
	}
	return years.map((financialYear, i) => ({
		financialYear,
		savedPence: checkPence(totals[i]!, `The run cost saved in ${financialYear}`)
	}));
}

/**
 * One system's saving in each of `years`, as runCostSavedInYear gives it, reading its decommission
 * date once rather than once a year (a portfolio of 100,000 systems is 100,000 reads, not 700,000).
 */
export function savingsByYear(
	system: RunCostSystem,
	years: readonly FinancialYear[],
	starts: readonly number[] = years.map(startYearOf)
): number[] {
	const annual = system.annualRunCostPence;
	if (!annual || !system.decommissionDate) return years.map(() => 0);
	const from = startYearOf(financialYearOf(system.decommissionDate));
	return years.map((year, i) => {
		const order = starts[i]! - from;
		if (order < 0) return 0;
		return order > 0 ? checkPence(annual, 'The annual run cost') : runCostSavedInYear(system, year);
	});
}

export interface WholeLifeCost {
	years: {
		financialYear: FinancialYear;
		costPence: number;
		runCostPence: number;
		totalPence: number;
	}[];
	costPence: number;
	runCostPence: number;
	totalPence: number;
	/** Costs in `costByYear` that fall outside the period: shown beside the total, never lost. */
	outsidePence: number;
}

/**
 * Whole-life cost over `years` financial years from `fromYear`: the one-off and project costs
 * recorded for each year plus a run cost, either the same every year or given per year (a year not
 * in the map runs at 0). Undiscounted: discounting belongs to the appraisal.
 */
export function wholeLifeCost(
	costByYear: ReadonlyMap<FinancialYear, number>,
	runCost: number | ReadonlyMap<FinancialYear, number>,
	fromYear: FinancialYear,
	years: number
): WholeLifeCost {
	if (!Number.isInteger(years) || years < 1 || years > 100)
		throw new RangeError(`a whole-life period is 1 to 100 years: ${years}`);
	const rows = Array.from({ length: years }, (_, i) => {
		const financialYear = shiftFinancialYear(fromYear, i);
		const costPence = checkPence(costByYear.get(financialYear) ?? 0, 'A cost');
		const runCostPence = checkPence(
			typeof runCost === 'number' ? runCost : (runCost.get(financialYear) ?? 0),
			'A run cost'
		);
		return {
			financialYear,
			costPence,
			runCostPence,
			totalPence: sumPence([costPence, runCostPence])
		};
	});
	const inside = new Set(rows.map((r) => r.financialYear));
	return {
		years: rows,
		costPence: sumPence(rows.map((r) => r.costPence)),
		runCostPence: sumPence(rows.map((r) => r.runCostPence)),
		totalPence: sumPence(rows.map((r) => r.totalPence)),
		outsidePence: sumPence([...costByYear].filter(([y]) => !inside.has(y)).map(([, p]) => p))
	};
}
