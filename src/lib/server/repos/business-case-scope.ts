/**
 * What a business case's scope (its workstreams and systems) holds in the cost model. Each function
 * takes the caller's organisation id and filters by it, so a scope naming another organisation's
 * ids finds nothing. Cost lines are read directly (not the kept totals, which have no system
 * dimension): a case's scope is a few workstreams' lines, read through their indexes.
 */
import { and, asc, eq, inArray, isNull, ne, or } from 'drizzle-orm';
import { costLine, system, workstream } from '../db/schema';
import type { Executor } from '../db';
import { totalPence } from './money-sql';
import type { SpendType } from '$lib/domain/costs';

export interface ScopedCostGroup {
	workstreamId: number | null;
	workstreamName: string | null;
	systemId: number | null;
	systemName: string | null;
	financialYear: string;
	spendType: SpendType;
	fundingSourceId: number | null;
	amountPence: number;
}

/**
 * The live cost lines attributed to a workstream in scope, or of a system in scope, summed by
 * workstream, system, year, spend type and funding source. A line matching both counts once. A
 * sum past 2^53 pence is too large to show (money-sql.ts), never a read that fails the case page.
 */
export async function costLinesInScope(
	ex: Executor,
	organisationId: number,
	workstreamIds: readonly number[],
	systemIds: readonly number[]
): Promise<ScopedCostGroup[]> {
	const matches = [];
	if (workstreamIds.length > 0) matches.push(inArray(costLine.workstreamId, [...workstreamIds]));
	if (systemIds.length > 0) matches.push(inArray(costLine.systemId, [...systemIds]));
	if (matches.length === 0) return [];
	return ex
		.select({
			workstreamId: costLine.workstreamId,
			workstreamName: workstream.name,
			systemId: costLine.systemId,
			systemName: system.name,
			financialYear: costLine.financialYear,
			spendType: costLine.spendType,
			fundingSourceId: costLine.fundingSourceId,
			amountPence: totalPence(costLine.amountPence)
		})
		.from(costLine)
		.leftJoin(workstream, eq(workstream.id, costLine.workstreamId))
		.leftJoin(system, eq(system.id, costLine.systemId))
		.where(
			and(eq(costLine.organisationId, organisationId), isNull(costLine.archivedAt), or(...matches))
		)
		.groupBy(
			costLine.workstreamId,
			costLine.systemId,
			costLine.financialYear,
			costLine.spendType,
			costLine.fundingSourceId
		)
		.orderBy(asc(costLine.financialYear));
}

/** The names of the workstreams and systems (archived ones too: a scope outlives them) among the ids. */
export async function scopeNames(
	ex: Executor,
	organisationId: number,
	workstreamIds: readonly number[],
	systemIds: readonly number[]
) {
	const workstreams =
		workstreamIds.length === 0
			? []
			: await ex
					.select({ id: workstream.id, name: workstream.name })
					.from(workstream)
					.where(
						and(
							eq(workstream.organisationId, organisationId),
							inArray(workstream.id, [...workstreamIds])
						)
					)
					.orderBy(asc(workstream.name));
	const systems =
		systemIds.length === 0
			? []
			: await ex
					.select({ id: system.id, name: system.name })
					.from(system)
					.where(and(eq(system.organisationId, organisationId), inArray(system.id, [...systemIds])))
					.orderBy(asc(system.name));
	return { workstreams, systems };
}

/** The ids a scope may name: the organisation's workstreams and its systems still in the catalogue. */
export async function scopeChoices(
	ex: Executor,
	organisationId: number
): Promise<{ workstreamIds: Set<number>; systemIds: Set<number> }> {
	const ws = await ex
		.select({ id: workstream.id })
		.from(workstream)
		.where(eq(workstream.organisationId, organisationId));
	const sys = await ex
		.select({ id: system.id })
		.from(system)
		.where(and(eq(system.organisationId, organisationId), ne(system.lifecycle, 'archived')));
	return { workstreamIds: new Set(ws.map((w) => w.id)), systemIds: new Set(sys.map((s) => s.id)) };
}

/** What a scope may name, with names, for the form: the organisation's workstreams and live systems. */
export async function scopeOptions(
	ex: Executor,
	organisationId: number
): Promise<{
	workstreams: { id: number; name: string }[];
	systems: { id: number; name: string }[];
}> {
	const workstreams = await ex
		.select({ id: workstream.id, name: workstream.name })
		.from(workstream)
		.where(eq(workstream.organisationId, organisationId))
		.orderBy(asc(workstream.name));
	const systems = await ex
		.select({ id: system.id, name: system.name })
		.from(system)
		.where(and(eq(system.organisationId, organisationId), ne(system.lifecycle, 'archived')))
		.orderBy(asc(system.name));
	return { workstreams, systems };
}
