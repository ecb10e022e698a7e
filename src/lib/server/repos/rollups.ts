/**
 * Roll-up queries. Cost figures read ONLY the pre-aggregated totals (`cost_total`,
 * `cost_funding_total`), never `cost_line`, so a roll-up costs the same at a million lines as at
 * ten; the rest read small tables or indexed slices of `system` and `review_outcome`.
 */
import { and, asc, eq, gt, inArray, ne, sql, type SQL } from 'drizzle-orm';
import {
	continuityOutcome,
	costFundingTotal,
	costTotal,
	reviewOutcome,
	system
} from '../db/schema';
import { currentOutcome } from './current-outcome';
import { SWITCH_OFF_OUTCOMES } from '$lib/domain/milestones';
import { RUNNING_LIFECYCLES } from '$lib/domain/systems';
import type { Executor } from '../db';
import { storedPence, totalPence } from './money-sql';
import type { Confidence, SpendType } from '$lib/domain/costs';
import type { Outcome } from '$lib/domain/systems';

export type CostDimension = 'workstream' | 'directorate' | 'outcome';

export interface CostTotalGroup {
	/** The dimension's value: a workstream or directorate id, an outcome, or null for none. */
	key: number | string | null;
	financialYear: string;
	spendType: SpendType;
	amountPence: number;
	lineCount: number;
}

const DIMENSION: Record<CostDimension, SQL<number | string | null>> = {
	workstream: sql<number | null>`nullif(${costTotal.workstreamKey}, 0)`,
	directorate: sql<number | null>`nullif(${costTotal.directorateKey}, 0)`,
	outcome: sql<string | null>`nullif(${costTotal.outcomeKey}, '')`
};

/**
 * Cost by one dimension (or none), financial year and spend type, from the kept totals. `confidence`
 * limits it to some confidences (e.g. committed and actual only).
 */
export async function costTotalsBy(
	ex: Executor,
	organisationId: number,
	by: CostDimension | null,
	options: { confidence?: readonly Confidence[] } = {}
): Promise<CostTotalGroup[]> {
	const key = by ? DIMENSION[by] : sql<null>`NULL`;
	const conditions = [eq(costTotal.organisationId, organisationId)];
	if (options.confidence) conditions.push(inArray(costTotal.confidence, [...options.confidence]));
	return ex
		.select({
			key,
			financialYear: costTotal.financialYear,
			spendType: costTotal.spendType,
			amountPence: totalPence(costTotal.amountPence),
			lineCount: sql<number>`sum(${costTotal.lineCount})`
		})
		.from(costTotal)
		.where(and(...conditions))
		.groupBy(key, costTotal.financialYear, costTotal.spendType);
}

/** Cost by funding source (null = none named), year and spend type, from the kept totals. */
export async function costTotalsByFundingSource(ex: Executor, organisationId: number) {
	return ex
		.select({
			fundingSourceId: sql<number | null>`nullif(${costFundingTotal.fundingSourceKey}, 0)`,
			financialYear: costFundingTotal.financialYear,
			spendType: costFundingTotal.spendType,
			amountPence: storedPence(costFundingTotal.amountPence),
			lineCount: costFundingTotal.lineCount
		})
		.from(costFundingTotal)
		.where(eq(costFundingTotal.organisationId, organisationId));
}

/** What the running systems (live or being replaced) cost a year today: read from an index. */
export async function currentRunCost(
	ex: Executor,
	organisationId: number
): Promise<{ runCostPence: number; systems: number; withoutCost: number }> {
	const [row] = await ex
		.select({
			runCostPence: totalPence(system.annualRunCostPence),
			systems: sql<number>`count(*)`,
			withoutCost: sql<number>`count(*) - count(${system.annualRunCostPence})`
		})
		.from(system)
		.where(
			and(
				eq(system.organisationId, organisationId),
				inArray(system.lifecycle, [...RUNNING_LIFECYCLES])
			)
		);
	return row ?? { runCostPence: 0, systems: 0, withoutCost: 0 };
}

export interface SwitchingOffOutcome {
	systemId: number;
	systemName: string;
	statutoryDuties: string;
	annualRunCostPence: number | null;
	lifecycle: 'live' | 'being_replaced' | 'decommissioned' | 'archived';
	outcome: Outcome;
	targetDate: string | null;
	workstreamId: number | null;
}

/** Current decommission and replace outcomes of systems still in the catalogue (or of `systemIds`), with what the roll-ups need of each system. */
export async function switchingOffOutcomes(
	ex: Executor,
	organisationId: number,
	systemIds?: readonly number[]
): Promise<SwitchingOffOutcome[]> {
	return ex
		.select({
			systemId: system.id,
			systemName: system.name,
			statutoryDuties: system.statutoryDuties,
			annualRunCostPence: system.annualRunCostPence,
			lifecycle: system.lifecycle,
			outcome: reviewOutcome.outcome,
			targetDate: reviewOutcome.targetDate,
			workstreamId: reviewOutcome.workstreamId
		})
		.from(reviewOutcome)
		.innerJoin(system, eq(system.id, reviewOutcome.systemId))
		.where(
			and(
				eq(reviewOutcome.organisationId, organisationId),
				currentOutcome(SWITCH_OFF_OUTCOMES),
				ne(system.lifecycle, 'archived'),
				systemIds ? inArray(system.id, [...systemIds]) : undefined
			)
		);
}

/**
 * The same outcomes for systems with statutory duties recorded (what the continuity guard checks), a
 * page at a time by system id: `afterSystemId` is the
 * last system of the page before.
 */
export async function statutorySwitchingOffOutcomes(
	ex: Executor,
	organisationId: number,
	afterSystemId = 0,
	systems = 250
): Promise<SwitchingOffOutcome[]> {
	// The kept continuity outcomes hold exactly these systems (db/continuity-sql.ts), under an index that
	// starts with the organisation: a page of system ids without passing other organisations' rows.
	const page = await ex
		.selectDistinct({ id: continuityOutcome.systemId })
		.from(continuityOutcome)
		.where(
			and(
				eq(continuityOutcome.organisationId, organisationId),
				gt(continuityOutcome.systemId, afterSystemId)
			)
		)
		.orderBy(asc(continuityOutcome.systemId))
		.limit(systems);
	if (page.length === 0) return [];
	return (
		await switchingOffOutcomes(
			ex,
			organisationId,
			page.map((p) => p.id)
		)
	).sort((a, b) => a.systemId - b.systemId);
}

export { RUNNING_LIFECYCLES };
