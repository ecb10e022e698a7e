/**
 * `/rollups` and `/rollups.csv`: the roll-up service's figures shaped into the page's tables
 * (domain/rollup-tables), so the page and each download are built by the same calls.
 */
import * as rollups from './rollups';
import { partnerCostRollup } from './rollup-partners';
import { inTurns, letOthersRun } from '../db/bulk';
import { SPEND_TYPES } from '$lib/domain/costs';
import { shiftFinancialYear, type FinancialYear } from '$lib/domain/fiscal';
import type { Discrepancy } from '$lib/domain/rollups';
import { rollupTableCsv } from '$lib/domain/csv/rollup-tables';
import {
	continuityTable,
	costTable,
	fundingTable,
	PAGE_ROWS,
	outageSystemsTable,
	outageWorkstreamsTable,
	partnerCostTable,
	planYears,
	runCostByYearTable,
	runCostSavedTable,
	wholeLifeTable,
	type CostDimension,
	type RollupTableId,
	type RollupTableModel
} from '$lib/domain/rollups';

const COST_TABLES: Record<string, CostDimension> = {
	'cost-by-workstream': 'workstream',
	'cost-by-outcome': 'outcome',
	'cost-by-directorate': 'directorate'
};

/** The years of the plan: this year (or the first with a cost) to the last with cost or funding. */
async function yearsOfPlan(organisationId: number, today: string): Promise<FinancialYear[]> {
	return planYears(
		(await rollups.fundingGapByYear(organisationId)).map((r) => r.financialYear),
		today
	);
}

async function costTableOf(
	organisationId: number,
	by: CostDimension
): Promise<{ table: RollupTableModel; discrepancies: Discrepancy[] }> {
	const rollup = await rollups.costRollup(organisationId, by);
	return { table: costTable(by, rollup), discrepancies: rollup.discrepancies };
}

/** One table, for its CSV. `years` is the whole-life period (ignored by the other tables). */
export async function rollupTable(
	organisationId: number,
	id: RollupTableId,
	options: { today: string; years: number }
): Promise<RollupTableModel> {
	const by = COST_TABLES[id];
	if (by) return (await costTableOf(organisationId, by)).table;
	if (id === 'cost-by-partner') return partnerCostTable(await partnerCostRollup(organisationId));
	if (id === 'funding-capital' || id === 'funding-revenue') {
		const plan = await yearsOfPlan(organisationId, options.today);
		return fundingTable(
			id === 'funding-capital' ? 'capital' : 'revenue',
			await rollups.fundingGapByYear(organisationId, plan)
		);
	}
	if (id === 'run-cost-saved' || id === 'run-cost-by-year') {
		const run = await rollups.runCostRollup(
			organisationId,
			await yearsOfPlan(organisationId, options.today)
		);
		return id === 'run-cost-saved' ? runCostSavedTable(run) : runCostByYearTable(run);
	}
	if (id === 'whole-life') {
		const plan = await yearsOfPlan(organisationId, options.today);
		return wholeLifeTable(await rollups.wholeLifeCostOf(organisationId, plan[0]!, options.years));
	}
	if (id === 'continuity') {
		const breaches = await rollups.continuityBreachesOf(organisationId);
		await letOthersRun(); // thousands of breaches at 100,000 systems: the table is a turn of its own
		return continuityTable(breaches);
	}
	const outage = await rollups.outageRollup(organisationId);
	return id === 'outage-systems' ? outageSystemsTable(outage) : outageWorkstreamsTable(outage);
}

/** Everything `/rollups` shows. `years` null: the period asked for was not valid, so no whole-life table. */
export async function rollupReport(
	organisationId: number,
	options: { today: string; years: number | null }
) {
	// One read per turn of the event loop, so other requests are answered between them.
	const [plan, savings] = await inTurns(
		() => yearsOfPlan(organisationId, options.today),
		() => rollups.runCostSavings(organisationId)
	);
	const [workstream, outcome, directorate, partners, funding, run, operational, outage] =
		await inTurns(
			() => costTableOf(organisationId, 'workstream'),
			() => costTableOf(organisationId, 'outcome'),
			() => costTableOf(organisationId, 'directorate'),
			() => partnerCostRollup(organisationId),
			() => rollups.fundingGapByYear(organisationId, plan),
			() => rollups.runCostRollup(organisationId, plan, { systems: PAGE_ROWS, savings }),
			() => rollups.fullyOperationalOf(organisationId),
			() => rollups.outageRollup(organisationId, { systems: PAGE_ROWS })
		);
	const wholeLife =
		options.years == null
			? null
			: await rollups.wholeLifeCostOf(organisationId, plan[0]!, options.years, { savings });
	const cost = [workstream, outcome, directorate];
	return {
		cost: cost.map((c) => c.table),
		/** Every total that does not add up, named by its table: shown on the page, never hidden. */
		discrepancies: [
			...cost.flatMap((c) =>
				c.discrepancies.map((d) => ({ table: c.table.caption, explanation: d.explanation }))
			),
			...(partners?.discrepancies ?? []).map((d) => ({
				table: 'Cost by partner',
				explanation: d.explanation
			}))
		],
		/** Cost by partner per year: only for an organisation that runs a shared service. */
		partners: partners && partnerCostTable(partners),
		funding: SPEND_TYPES.map((s) => fundingTable(s, funding)),
		runCost: {
			currentRunCostPence: run.currentRunCostPence,
			runningSystems: run.runningSystems,
			runningSystemsWithoutCost: run.runningSystemsWithoutCost,
			saved: runCostSavedTable(run),
			byYear: runCostByYearTable(run)
		},
		wholeLife: wholeLife && {
			fromYear: plan[0]!,
			toYear: shiftFinancialYear(plan[0]!, options.years! - 1),
			outsidePence: wholeLife.outsidePence,
			table: wholeLifeTable(wholeLife)
		},
		fullyOperational: operational,
		outage: {
			defaultCostPerUserHourPence: outage.defaultCostPerUserHourPence,
			defaultBasis: outage.defaultBasis,
			systems: outageSystemsTable(outage),
			byWorkstream: outageWorkstreamsTable(outage)
		}
	};
}

export type RollupReport = Awaited<ReturnType<typeof rollupReport>>;

/** One table as CSV text. Writing it is a turn of the event loop of its own: a table can list thousands of systems. */
export async function rollupTableCsvOf(
	organisationId: number,
	id: RollupTableId,
	options: { today: string; years: number }
): Promise<string> {
	const model = await rollupTable(organisationId, id, options);
	await letOthersRun();
	return rollupTableCsv(model);
}
