/**
 * The cost totals from scratch: summed over an organisation's live lines (to compare with the kept
 * ones), written back by the rebuild, and the check that each system line carries its system's
 * directorate. Re-exported by ./cost-totals.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { costFundingTotal, costLine, costTotal, system } from '../db/schema';
import type { Executor } from '../db';
import { totalPence } from './money-sql';

import type { CostTotalRow, FundingTotalRow } from './cost-total-rows';

const live = (organisationId: number) =>
	and(eq(costLine.organisationId, organisationId), isNull(costLine.archivedAt));

/*
 * The totals from scratch, as queries: read to compare with the kept ones, and written by the
 * rebuild with INSERT ... SELECT, so a sum past 2^53 pence (which JavaScript cannot hold exactly)
 * never passes through JavaScript on its way back into the table. total() (money-sql.ts) never
 * throws; SQLite stores its result as an integer whenever it is a whole number in range.
 */
function costTotalsQuery(ex: Executor, organisationId: number) {
	const workstreamKey = sql<number>`coalesce(${costLine.workstreamId}, 0)`;
	const directorateKey = sql<number>`coalesce(${costLine.directorateId}, 0)`;
	const outcomeKey = sql<string>`coalesce(${costLine.outcome}, '')`;
	return ex
		.select({
			organisationId: costLine.organisationId,
			workstreamKey: workstreamKey.as('workstream_key'),
			directorateKey: directorateKey.as('directorate_key'),
			outcomeKey: outcomeKey.as('outcome_key'),
			financialYear: costLine.financialYear,
			spendType: costLine.spendType,
			confidence: costLine.confidence,
			amountPence: totalPence(costLine.amountPence).as('amount_pence'),
			lineCount: sql<number>`count(*)`.as('line_count')
		})
		.from(costLine)
		.where(live(organisationId))
		.groupBy(
			costLine.organisationId,
			workstreamKey,
			directorateKey,
			outcomeKey,
			costLine.financialYear,
			costLine.spendType,
			costLine.confidence
		);
}

function fundingTotalsQuery(ex: Executor, organisationId: number) {
	const fundingSourceKey = sql<number>`coalesce(${costLine.fundingSourceId}, 0)`;
	return ex
		.select({
			organisationId: costLine.organisationId,
			fundingSourceKey: fundingSourceKey.as('funding_source_key'),
			financialYear: costLine.financialYear,
			spendType: costLine.spendType,
			amountPence: totalPence(costLine.amountPence).as('amount_pence'),
			lineCount: sql<number>`count(*)`.as('line_count')
		})
		.from(costLine)
		.where(live(organisationId))
		.groupBy(costLine.organisationId, fundingSourceKey, costLine.financialYear, costLine.spendType);
}

/** The totals summed from scratch over the live lines: what `cost_total` should hold. */
export async function sumCostTotalsFromLines(
	ex: Executor,
	organisationId: number
): Promise<CostTotalRow[]> {
	return (await costTotalsQuery(ex, organisationId)).map(({ organisationId: _o, ...row }) => row);
}

export async function sumFundingTotalsFromLines(
	ex: Executor,
	organisationId: number
): Promise<FundingTotalRow[]> {
	return (await fundingTotalsQuery(ex, organisationId)).map(
		({ organisationId: _o, ...row }) => row
	);
}

/** Replaces an organisation's kept totals with the totals summed from its live lines (the rebuild). */
export async function replaceTotals(ex: Executor, organisationId: number): Promise<void> {
	await ex.delete(costTotal).where(eq(costTotal.organisationId, organisationId));
	await ex.delete(costFundingTotal).where(eq(costFundingTotal.organisationId, organisationId));
	await ex.insert(costTotal).select(costTotalsQuery(ex, organisationId));
	await ex.insert(costFundingTotal).select(fundingTotalsQuery(ex, organisationId));
}

export interface DirectorateDrift {
	systemId: number;
	lines: number;
	lineDirectorateId: number | null;
	systemDirectorateId: number | null;
}

/**
 * System lines whose copied directorate differs from their system's (a write path that moved a
 * system without moving its lines), corrected to the system's. Returns what was wrong.
 */
export async function correctLineDirectorates(
	ex: Executor,
	organisationId: number
): Promise<DirectorateDrift[]> {
	const drift = await ex
		.select({
			systemId: costLine.systemId,
			lineDirectorateId: costLine.directorateId,
			systemDirectorateId: system.directorateId,
			lines: sql<number>`count(*)`
		})
		.from(costLine)
		.innerJoin(system, eq(system.id, costLine.systemId))
		.where(
			and(
				eq(costLine.organisationId, organisationId),
				sql`${costLine.directorateId} IS NOT ${system.directorateId}`
			)
		)
		.groupBy(costLine.systemId, costLine.directorateId, system.directorateId);
	for (const d of drift) {
		await ex
			.update(costLine)
			.set({ directorateId: d.systemDirectorateId })
			.where(and(eq(costLine.organisationId, organisationId), eq(costLine.systemId, d.systemId!)));
	}
	return drift.map((d) => ({ ...d, systemId: d.systemId! }));
}
