/** Milestones of workstreams and of systems' outcomes. Archived rather than deleted. */
import { and, asc, eq, gt, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { milestone, system, workstream, nowUtc as now } from '../db/schema';
import type { Executor } from '../db';
import { letOthersRun } from '../db/bulk';
import type { MilestoneInput } from '$lib/domain/milestones';
import type { Outcome } from '$lib/domain/systems';

export type MilestoneRow = typeof milestone.$inferSelect;
export type MilestoneListRow = MilestoneRow & {
	workstreamName: string | null;
	systemName: string | null;
};

/** A workstream's milestone, or a system's (optionally for one of its outcomes). */
export interface MilestoneAttachment {
	workstreamId: number | null;
	systemId: number | null;
	outcome: Outcome | null;
}

const live = (organisationId: number) =>
	and(eq(milestone.organisationId, organisationId), isNull(milestone.archivedAt));

function listQuery(ex: Executor) {
	return ex
		.select({ m: milestone, workstreamName: workstream.name, systemName: system.name })
		.from(milestone)
		.leftJoin(workstream, eq(workstream.id, milestone.workstreamId))
		.leftJoin(system, eq(system.id, milestone.systemId));
}
const toRow = (r: {
	m: MilestoneRow;
	workstreamName: string | null;
	systemName: string | null;
}): MilestoneListRow => ({ ...r.m, workstreamName: r.workstreamName, systemName: r.systemName });
const order = [asc(milestone.plannedDate), asc(milestone.id)];

export async function getMilestone(
	ex: Executor,
	organisationId: number,
	id: number
): Promise<MilestoneRow | undefined> {
	const [row] = await ex
		.select()
		.from(milestone)
		.where(and(eq(milestone.organisationId, organisationId), eq(milestone.id, id)));
	return row;
}

export async function listMilestonesOfWorkstream(
	ex: Executor,
	organisationId: number,
	workstreamId: number
): Promise<MilestoneListRow[]> {
	return (
		await listQuery(ex)
			.where(and(live(organisationId), eq(milestone.workstreamId, workstreamId)))
			.orderBy(...order)
	).map(toRow);
}

export async function listMilestonesOfSystem(
	ex: Executor,
	organisationId: number,
	systemId: number
): Promise<MilestoneListRow[]> {
	return (
		await listQuery(ex)
			.where(and(live(organisationId), eq(milestone.systemId, systemId)))
			.orderBy(...order)
	).map(toRow);
}

/**
 * Every live milestone of workstreams, and of systems still in the catalogue, for the timeline.
 * Ordered by planned date. Read 1,000 at a time by id, letting other requests run between pages:
 * a large portfolio has thousands of decommission milestones.
 */
export async function listMilestones(
	ex: Executor,
	organisationId: number
): Promise<MilestoneListRow[]> {
	const rows: MilestoneListRow[] = [];
	for (let afterId = 0; ;) {
		const page = await listQuery(ex)
			// milestone_org_idx walks the organisation's milestones in id order from `afterId`.
			.where(
				and(
					live(organisationId),
					gt(milestone.id, afterId),
					sql`(${milestone.systemId} IS NULL OR ${system.lifecycle} <> 'archived')`
				)
			)
			.orderBy(asc(milestone.id))
			.limit(1_000);
		for (const r of page) rows.push(toRow(r));
		if (page.length < 1_000) break;
		afterId = page.at(-1)!.m.id;
		await letOthersRun();
	}
	return rows.sort((a, b) =>
		a.plannedDate < b.plannedDate ? -1 : a.plannedDate > b.plannedDate ? 1 : a.id - b.id
	);
}

export async function insertMilestone(
	ex: Executor,
	organisationId: number,
	attachment: MilestoneAttachment,
	input: MilestoneInput
): Promise<MilestoneRow> {
	const [row] = await ex
		.insert(milestone)
		.values({ ...input, ...attachment, organisationId })
		.returning();
	return row!;
}

/** Saves an edit of a live milestone still at `expectedVersion`; undefined otherwise. */
export async function updateMilestone(
	ex: Executor,
	organisationId: number,
	id: number,
	expectedVersion: number,
	input: MilestoneInput
): Promise<MilestoneRow | undefined> {
	const [row] = await ex
		.update(milestone)
		.set({ ...input, version: sql`${milestone.version} + 1`, updatedAt: now })
		.where(and(live(organisationId), eq(milestone.id, id), eq(milestone.version, expectedVersion)))
		.returning();
	return row;
}

export async function archiveMilestone(
	ex: Executor,
	organisationId: number,
	id: number,
	expectedVersion: number
): Promise<MilestoneRow | undefined> {
	const [row] = await ex
		.update(milestone)
		.set({ archivedAt: now, version: sql`${milestone.version} + 1`, updatedAt: now })
		.where(and(live(organisationId), eq(milestone.id, id), eq(milestone.version, expectedVersion)))
		.returning();
	return row;
}

/** Live milestones of one kind attached to workstreams (e.g. every go-live), oldest plan first. */
export async function workstreamMilestonesOfKind(
	ex: Executor,
	organisationId: number,
	kind: MilestoneRow['kind']
): Promise<MilestoneRow[]> {
	return ex
		.select()
		.from(milestone)
		.where(and(live(organisationId), eq(milestone.kind, kind), isNotNull(milestone.workstreamId)))
		.orderBy(...order);
}

/** Live milestones of one kind attached to systems (e.g. every decommission), or to the systems in `systemIds`. */
export async function systemMilestonesOfKind(
	ex: Executor,
	organisationId: number,
	kind: MilestoneRow['kind'],
	systemIds?: readonly number[]
): Promise<MilestoneRow[]> {
	const systems = systemIds
		? inArray(milestone.systemId, [...systemIds])
		: isNotNull(milestone.systemId);
	return ex
		.select()
		.from(milestone)
		.where(and(live(organisationId), eq(milestone.kind, kind), systems))
		.orderBy(...order);
}
