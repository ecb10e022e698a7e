/**
 * The business-case roll-ups: reads composed from the repos (cost figures from the kept totals only)
 * and the domain's arithmetic, so every figure is the domain's and every total reconciles.
 */
import { db } from '../db/database';
import * as rollups from '../repos/rollups';
import * as funding from '../repos/funding';
import * as workstreams from '../repos/workstreams';
import * as organisations from '../repos/organisations';
import { SPEND_TYPES, type Confidence, type SpendType } from '$lib/domain/costs';
import { financialYearsBetween, type FinancialYear } from '$lib/domain/fiscal';
import {
	checkReconciles,
	fundingGap,
	pivot,
	sumPence,
	type Discrepancy,
	type FundingGapRow
} from '$lib/domain/rollups';
import { OUTCOME_LABEL } from '$lib/domain/systems';

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

export * from './rollup-plan';
export * from './rollup-risks';
