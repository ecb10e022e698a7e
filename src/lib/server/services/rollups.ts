/**
 * The business-case roll-ups: reads composed from the repos (cost figures from the kept totals only)
 * and the domain's arithmetic, so every figure is the domain's and every total reconciles.
 */
import { db } from '../db/database';
import { inTurns, letOthersRun } from '../db/bulk';
import * as rollups from '../repos/rollups';
import * as runCost from '../repos/run-cost';
import * as funding from '../repos/funding';
import * as milestones from '../repos/milestones';
import * as outage from '../repos/outage';
import * as workstreams from '../repos/workstreams';
import * as organisations from '../repos/organisations';
import { SPEND_TYPES, type Confidence, type SpendType } from '$lib/domain/costs';
import {
	financialYearsBetween,
	shiftFinancialYear,
	startYearOf,
	type FinancialYear
} from '$lib/domain/fiscal';
import {
	checkReconciles,
	fundingGap,
	pivot,
	savingsByYear,
	subtractPence,
	sumPence,
	wholeLifeCost,
	type Discrepancy,
	type FundingGapRow,
	type WholeLifeCost
} from '$lib/domain/rollups';
import {
	effectiveDate,
	fullyOperational,
	latestBy,
	switchOffDates,
	type FullyOperational
} from '$lib/domain/milestones';
import {
	continuityBreaches,
	sortBreaches,
	type ContinuityBreach,
	type ContinuitySystem,
	annualOutageRiskPence,
	describeOutageRisk,
	OUTCOME_LABEL,
	type Outcome
} from '$lib/domain/systems';

export interface CostRollup {
	by: rollups.CostDimension;
	columns: { financialYear: FinancialYear; spendType: SpendType; totalPence: number }[];
	/** One row per workstream, directorate or outcome with any cost; `key` null = none. */
	rows: { key: number | string | null; label: string; cells: number[]; totalPence: number }[];
	grandTotalPence: number;
	lineCount: number;
	/** Empty: a non-empty list means a total does not add up, and the page must say so. */
	discrepancies: Discrepancy[];
}

const NONE_LABEL: Record<rollups.CostDimension, string> = {
	workstream: 'Not attributed to a workstream',
	directorate: 'Workstream costs (no directorate)',
	outcome: 'Not for a review outcome'
};

/** Every year from the first to the last found (no gaps), merged with any asked for. */
function yearsOf(
	found: Iterable<FinancialYear>,
	asked: readonly FinancialYear[] = []
): FinancialYear[] {
	const all = [...new Set([...found, ...asked])].sort();
	return all.length === 0 ? [] : financialYearsBetween(all[0]!, all[all.length - 1]!);
}

/**
 * Cost by workstream, directorate or outcome x financial year x capital/revenue, from the kept totals.
 * Columns run over every year from the first to the last with cost (or `years`).
 */
export async function costRollup(
	organisationId: number,
	by: rollups.CostDimension,
	options: { years?: FinancialYear[]; confidence?: Confidence[] } = {}
): Promise<CostRollup> {
	const ex = db();
	const groups = await rollups.costTotalsBy(ex, organisationId, by, {
		confidence: options.confidence
	});
	const labels = new Map<number | string, string>();
	if (by === 'workstream')
		for (const w of await workstreams.listWorkstreams(ex, organisationId)) labels.set(w.id, w.name);
	else if (by === 'directorate')
		for (const d of await organisations.listDirectorates(ex, organisationId))
			labels.set(d.id, d.name);
	else for (const [k, v] of Object.entries(OUTCOME_LABEL)) labels.set(k, v);
	const years = yearsOf(
		groups.map((g) => g.financialYear),
		options.years
	);
	const columns = years.flatMap((financialYear) =>
		SPEND_TYPES.map((spendType) => ({ financialYear, spendType }))
	);
	const rowOrder = [...labels.keys()].filter((k) => groups.some((g) => g.key === k));
	if (by === 'outcome')
		rowOrder.sort(
			(a, b) =>
				Object.keys(OUTCOME_LABEL).indexOf(String(a)) -
				Object.keys(OUTCOME_LABEL).indexOf(String(b))
		);
	const p = pivot(
		groups,
		(g) => g.key,
		(g) => `${g.financialYear}|${g.spendType}`,
		{ rows: rowOrder, columns: columns.map((c) => `${c.financialYear}|${c.spendType}`) }
	);
	return {
		by,
		columns: p.columns.map((c) => {
			const [financialYear, spendType] = c.key.split('|') as [FinancialYear, SpendType];
			return { financialYear, spendType, totalPence: c.total };
		}),
		rows: p.rows.map((r) => ({
			key: r.key,
			label: r.key == null ? NONE_LABEL[by] : (labels.get(r.key) ?? `Unknown ${by} ${r.key}`),
			cells: [...r.cells.values()],
			totalPence: r.total
		})),
		grandTotalPence: p.grandTotal,
		lineCount: groups.reduce((n, g) => n + g.lineCount, 0),
		discrepancies: checkReconciles(p, sumPence(groups.map((g) => g.amountPence)))
	};
}

/** Funding against cost for each year, capital and revenue apart (cost from the kept totals). */
export async function fundingGapByYear(
	organisationId: number,
	years: FinancialYear[] = []
): Promise<FundingGapRow[]> {
	const ex = db();
	const [costs, fundingRows] = [
		await rollups.costTotalsBy(ex, organisationId, null),
		await funding.fundingByYearAndSpendType(ex, organisationId)
	];
	return fundingGap(
		costs,
		fundingRows,
		yearsOf(
			[...costs, ...fundingRows].map((r) => r.financialYear),
			years
		)
	);
}

export interface FundingSourceRollup {
	fundingSourceId: number | null;
	name: string;
	spendType: SpendType | null;
	/** For each year: cost charged to the source, its allocation, and the gap (cost less allocation). */
	years: {
		financialYear: FinancialYear;
		costPence: number;
		fundingPence: number;
		gapPence: number;
	}[];
}

/**
 * Each funding source's allocation against the cost charged to it, year by year, and a last row
 * (`fundingSourceId` null) for cost charged to no source. A source funds one spend type, so its
 * lines count against it whatever their own spend type (a revenue contribution to capital).
 */
export async function fundingBySource(
	organisationId: number,
	years: FinancialYear[] = []
): Promise<FundingSourceRollup[]> {
	const ex = db();
	const [sources, costs] = [
		await funding.listFundingSources(ex, organisationId),
		await rollups.costTotalsByFundingSource(ex, organisationId)
	];
	const allYears = yearsOf(
		[
			...costs.map((c) => c.financialYear),
			...sources.flatMap((s) => s.allocations.map((a) => a.financialYear))
		],
		years
	);
	const rowsFor = (
		spendType: SpendType,
		cost: { financialYear: string; amountPence: number }[],
		allocations: { financialYear: string; amountPence: number }[]
	) =>
		fundingGap(
			cost.map((c) => ({ ...c, spendType })),
			allocations.map((a) => ({ ...a, spendType })),
			allYears
		)
			.filter((r) => r.spendType === spendType)
			.map(({ financialYear, costPence, fundingPence, gapPence }) => ({
				financialYear,
				costPence,
				fundingPence,
				gapPence
			}));
	const result: FundingSourceRollup[] = sources.map((s) => ({
		fundingSourceId: s.id,
		name: s.name,
		spendType: s.spendType,
		years: rowsFor(
			s.spendType,
			costs.filter((c) => c.fundingSourceId === s.id),
			s.allocations
		)
	}));
	const unfunded = costs.filter((c) => c.fundingSourceId == null);
	if (unfunded.length > 0) {
		const byYear = new Map<string, number>();
		for (const c of unfunded)
			byYear.set(c.financialYear, sumPence([byYear.get(c.financialYear) ?? 0, c.amountPence]));
		result.push({
			fundingSourceId: null,
			name: 'No funding source named',
			spendType: null,
			years: allYears.map((financialYear) => ({
				financialYear,
				costPence: byYear.get(financialYear) ?? 0,
				fundingPence: 0,
				gapPence: byYear.get(financialYear) ?? 0
			}))
		});
	}
	return result;
}

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

/**
 * Every statutory system due to be switched off before its replacement goes live (or with none
 * planned). Switch-off is the system's decommission milestone when it has one, else the outcome's
 * target date; go-live is each workstream's latest effective go-live.
 */
export async function continuityBreachesOf(
	organisationId: number,
	options: { systemsPerPage?: number } = {}
): Promise<ContinuityBreach[]> {
	const bySystem = new Map<
		number,
		ContinuitySystem & { outcomes: ContinuitySystem['outcomes'][number][] }
	>();
	// A page of statutory systems (and their decommission milestones) per turn of the event loop: a
	// portfolio of 100,000 can have thousands, and reading them in one go would hold up other requests.
	const pageAfter = (systemId: number) =>
		rollups.statutorySwitchingOffOutcomes(db(), organisationId, systemId, options.systemsPerPage);
	for (
		let page = await pageAfter(0);
		page.length > 0;
		page = await pageAfter(page.at(-1)!.systemId)
	) {
		const dates = switchOffDates(
			page,
			await milestones.systemMilestonesOfKind(db(), organisationId, 'decommission', [
				...new Set(page.map((o) => o.systemId))
			])
		);
		for (const o of page) {
			if (o.statutoryDuties.trim() === '') continue;
			const s = bySystem.get(o.systemId) ?? {
				id: o.systemId,
				name: o.systemName,
				statutoryDuties: o.statutoryDuties,
				outcomes: []
			};
			s.outcomes.push({
				outcome: o.outcome as Outcome,
				targetDate: dates.get(o.systemId) ?? o.targetDate,
				workstreamId: o.workstreamId
			});
			bySystem.set(o.systemId, s);
		}
		await letOthersRun();
	}
	const goLives = latestBy(
		(await milestones.workstreamMilestonesOfKind(db(), organisationId, 'go_live')).map((m) => ({
			...m,
			key: m.workstreamId!
		}))
	);
	const names = new Map(
		(await workstreams.listWorkstreams(db(), organisationId)).map((w) => [w.id, w.name])
	);
	const goLiveDates = new Map([...goLives].map(([id, m]) => [id, effectiveDate(m)]));
	// Each system's breaches are its own: worked out (and worded) a thousand systems per turn, then put in order.
	const systems = [...bySystem.values()];
	const breaches: ContinuityBreach[] = [];
	for (let i = 0; i < systems.length; i += 1_000) {
		await letOthersRun();
		breaches.push(...continuityBreaches(systems.slice(i, i + 1_000), goLiveDates, names));
	}
	return sortBreaches(breaches);
}

export interface OutageRollup {
	defaultCostPerUserHourPence: number;
	defaultBasis: string;
	/** The systems with outage figures, by name: at most the number asked for. */
	systems: (outage.OutageSystemRow & {
		effectiveCostPerUserHourPence: number;
		usesDefault: boolean;
		riskPence: number;
		words: string;
	})[];
	/** How many systems have outage figures in all. */
	systemCount: number;
	/** Each system counted once, under the workstream replacing it (null = not being replaced). */
	byWorkstream: { workstreamId: number | null; name: string; systems: number; riskPence: number }[];
	totalPence: number;
}

/**
 * The annual productivity risk of outages per system (the first `options.systems` by name, or all),
 * and per replacing workstream (summed in SQL over every system), with their inputs.
 */
export async function outageRollup(
	organisationId: number,
	options: { systems?: number } = {}
): Promise<OutageRollup> {
	const ex = db();
	const fallback = await outage.getOutageDefault(ex, organisationId);
	const [listed, groups, list] = await inTurns(
		() => outage.listOutageSystems(ex, organisationId, { limit: options.systems }),
		() => outage.outageRiskByWorkstream(ex, organisationId, fallback.costPerUserHourPence),
		() => workstreams.listWorkstreams(ex, organisationId)
	);
	const systems = listed.map((s) => {
		const input = {
			concurrentUsers: s.concurrentUsers,
			outageMinutesPerYear: s.outageMinutesPerYear,
			costPerUserHourPence: s.costPerUserHourPence ?? fallback.costPerUserHourPence
		};
		return {
			...s,
			effectiveCostPerUserHourPence: input.costPerUserHourPence,
			usesDefault: s.costPerUserHourPence == null,
			riskPence: annualOutageRiskPence(input),
			words: describeOutageRisk(input)
		};
	});
	const names = new Map(list.map((w) => [w.id, w.name]));
	const byWorkstream = groups
		.map((g) => ({
			...g,
			name:
				g.workstreamId == null
					? 'Not being replaced'
					: (names.get(g.workstreamId) ?? `Workstream ${g.workstreamId}`)
		}))
		.sort((a, b) =>
			a.workstreamId == null
				? 1
				: b.workstreamId == null
					? -1
					: a.name.localeCompare(b.name, 'en-GB')
		);
	return {
		defaultCostPerUserHourPence: fallback.costPerUserHourPence,
		defaultBasis: fallback.basis,
		systems,
		systemCount: groups.reduce((n, g) => n + g.systems, 0),
		byWorkstream,
		totalPence: sumPence(groups.map((g) => g.riskPence))
	};
}
