/**
 * The roll-ups of the plan: today's run cost and what switching systems off saves year by year, the
 * whole-life cost over a period, and where 'fully operational' stands. Re-exported by ./rollups.
 */
import { db } from '../db/database';
import { inTurns } from '../db/bulk';
import * as rollups from '../repos/rollups';
import * as runCost from '../repos/run-cost';
import * as milestones from '../repos/milestones';
import * as workstreams from '../repos/workstreams';
import { shiftFinancialYear, startYearOf, type FinancialYear } from '$lib/domain/fiscal';
import {
	savingsByYear,
	subtractPence,
	sumPence,
	wholeLifeCost,
	type WholeLifeCost
} from '$lib/domain/rollups';
import { fullyOperational, latestBy, type FullyOperational } from '$lib/domain/milestones';
export interface RunCostRollup {
	currentRunCostPence: number;
	runningSystems: number;
	runningSystemsWithoutCost: number;
	byYear: { financialYear: FinancialYear; savedPence: number; runCostPence: number }[];
	/** The systems whose saving is counted (soonest switch-off first; at most the number asked for), with what each saves. */
	systems: {
		systemId: number;
		systemName: string;
		annualRunCostPence: number | null;
		decommissionDate: string;
		savedByYear: number[];
	}[];
	/** How many systems are being switched off in all, and their annual run cost together. */
	systemCount: number;
	switchedOffRunCostPence: number;
}

/**
 * Today's run cost of the running systems and what is saved in each of `years` as systems are
 * switched off, summed in SQL by the year of switch-off (repos/run-cost.ts); `systems` lists at
 * most `options.systems` of them (all when not given), each with its own savings.
 */
export async function runCostRollup(
	organisationId: number,
	years: FinancialYear[],
	options: { systems?: number; savings?: runCost.SavingsByStartYear[] } = {}
): Promise<RunCostRollup> {
	const [current, groups, systems] = await inTurns(
		() => rollups.currentRunCost(db(), organisationId),
		() =>
			options.savings
				? Promise.resolve(options.savings)
				: runCost.savingsBySwitchOffYear(db(), organisationId),
		() => runCost.switchedOffSystems(db(), organisationId, options.systems ?? -1)
	);
	const byYear = years.map((financialYear) => {
		const start = startYearOf(financialYear);
		// Systems switched off in earlier years save their whole cost; those switched off this year, their part of it.
		const savedPence = sumPence(
			groups.map((g) =>
				g.startYear < start ? g.fullPence : g.startYear === start ? g.partialPence : 0
			)
		);
		return {
			financialYear,
			savedPence,
			runCostPence: subtractPence(current.runCostPence, savedPence)
		};
	});
	return {
		currentRunCostPence: current.runCostPence,
		runningSystems: current.systems,
		runningSystemsWithoutCost: current.withoutCost,
		byYear,
		systems: systems.map((s) => ({ ...s, savedByYear: savingsByYear(s, years) })),
		systemCount: groups.reduce((n, g) => n + g.systems, 0),
		switchedOffRunCostPence: sumPence(groups.map((g) => g.fullPence))
	};
}

/** What the switch-offs save by the year they happen in, for callers that work out several roll-ups from it. */
export function runCostSavings(organisationId: number): Promise<runCost.SavingsByStartYear[]> {
	return runCost.savingsBySwitchOffYear(db(), organisationId);
}

/**
 * Whole-life cost over `years` financial years from `fromYear`: every recorded cost (kept totals)
 * plus the portfolio's run cost in each year (today's less what decommissions save). Undiscounted.
 */
export async function wholeLifeCostOf(
	organisationId: number,
	fromYear: FinancialYear,
	years: number,
	options: { savings?: runCost.SavingsByStartYear[] } = {}
): Promise<WholeLifeCost> {
	if (!Number.isInteger(years) || years < 1 || years > 100)
		throw new RangeError(`a whole-life period is 1 to 100 years: ${years}`);
	const period = Array.from({ length: years }, (_, i) => shiftFinancialYear(fromYear, i));
	const costByYear = new Map<FinancialYear, number>();
	for (const g of await rollups.costTotalsBy(db(), organisationId, null))
		costByYear.set(
			g.financialYear,
			sumPence([costByYear.get(g.financialYear) ?? 0, g.amountPence])
		);
	const run = await runCostRollup(organisationId, period, { systems: 0, savings: options.savings });
	return wholeLifeCost(
		costByYear,
		new Map(run.byYear.map((r) => [r.financialYear, r.runCostPence])),
		fromYear,
		years
	);
}

/** 'Fully operational': the last go-live of the workstreams in scope (all of them unless `workstreamIds` is given). */
export async function fullyOperationalOf(
	organisationId: number,
	workstreamIds?: readonly number[]
): Promise<FullyOperational> {
	const all = await workstreams.listWorkstreams(db(), organisationId);
	const inScope = workstreamIds ? all.filter((w) => workstreamIds.includes(w.id)) : all;
	const goLives = latestBy(
		(await milestones.workstreamMilestonesOfKind(db(), organisationId, 'go_live')).map((m) => ({
			...m,
			key: m.workstreamId!
		}))
	);
	return fullyOperational(
		inScope.map((w) => ({
			workstreamId: w.id,
			workstreamName: w.name,
			goLive: goLives.get(w.id) ?? null
		}))
	);
}
