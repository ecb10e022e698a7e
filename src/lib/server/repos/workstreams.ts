/** Workstreams and the links between systems and workstreams. */
import { and, asc, eq, ne } from 'drizzle-orm';
import { workstream, systemWorkstream, system } from '../db/schema';
import type { Executor } from '../db';
import { keptByWorkstream } from './review-counts';

export type Workstream = typeof workstream.$inferSelect;

export async function listWorkstreams(ex: Executor, organisationId: number): Promise<Workstream[]> {
	return ex
		.select()
		.from(workstream)
		.where(eq(workstream.organisationId, organisationId))
		.orderBy(asc(workstream.name));
}

export async function getWorkstream(
	ex: Executor,
	organisationId: number,
	id: number
): Promise<Workstream | undefined> {
	const [row] = await ex
		.select()
		.from(workstream)
		.where(and(eq(workstream.organisationId, organisationId), eq(workstream.id, id)));
	return row;
}

export async function createWorkstream(
	ex: Executor,
	organisationId: number,
	input: { name: string; description?: string; lead?: string }
): Promise<Workstream> {
	const [row] = await ex
		.insert(workstream)
		.values({ ...input, organisationId })
		.returning();
	return row!;
}

export interface LinkedSystem {
	id: number;
	name: string;
	supplier: string;
	reviewStatus: 'not_reviewed' | 'proposed' | 'agreed';
	note: string;
}

/** Systems linked to a workstream (archived systems left out). */
export async function listLinkedSystems(
	ex: Executor,
	organisationId: number,
	workstreamId: number
): Promise<LinkedSystem[]> {
	return ex
		.select({
			id: system.id,
			name: system.name,
			supplier: system.supplier,
			reviewStatus: system.reviewStatus,
			note: systemWorkstream.note
		})
		.from(systemWorkstream)
		.innerJoin(system, eq(system.id, systemWorkstream.systemId))
		.where(
			and(
				eq(systemWorkstream.organisationId, organisationId),
				eq(systemWorkstream.workstreamId, workstreamId),
				ne(system.lifecycle, 'archived')
			)
		)
		.orderBy(asc(system.name));
}

/** Workstreams a system is linked to, with the link's note. */
export async function listWorkstreamsOfSystem(
	ex: Executor,
	organisationId: number,
	systemId: number
) {
	return ex
		.select({ id: workstream.id, name: workstream.name, note: systemWorkstream.note })
		.from(systemWorkstream)
		.innerJoin(workstream, eq(workstream.id, systemWorkstream.workstreamId))
		.where(
			and(
				eq(systemWorkstream.organisationId, organisationId),
				eq(systemWorkstream.systemId, systemId)
			)
		)
		.orderBy(asc(workstream.name));
}

/** Links a system to a workstream; linking twice keeps one link and updates its note. */
export async function linkSystem(
	ex: Executor,
	organisationId: number,
	workstreamId: number,
	systemId: number,
	note = ''
): Promise<void> {
	await ex
		.insert(systemWorkstream)
		.values({ organisationId, workstreamId, systemId, note })
		.onConflictDoUpdate({
			target: [systemWorkstream.systemId, systemWorkstream.workstreamId],
			set: { note }
		});
}

/** Adds a link only when there is none, keeping any existing note. */
export async function ensureLinked(
	ex: Executor,
	organisationId: number,
	workstreamId: number,
	systemId: number,
	note: string
): Promise<void> {
	await ex
		.insert(systemWorkstream)
		.values({ organisationId, workstreamId, systemId, note })
		.onConflictDoNothing();
}

export async function unlinkSystem(
	ex: Executor,
	organisationId: number,
	workstreamId: number,
	systemId: number
): Promise<boolean> {
	const removed = await ex
		.delete(systemWorkstream)
		.where(
			and(
				eq(systemWorkstream.organisationId, organisationId),
				eq(systemWorkstream.workstreamId, workstreamId),
				eq(systemWorkstream.systemId, systemId)
			)
		)
		.returning({ id: systemWorkstream.systemId });
	return removed.length > 0;
}

export interface WorkstreamSummary {
	id: number;
	name: string;
	lead: string;
	systems: number;
	reviewed: number;
	multiple: number;
	outcomes: Record<'maintain' | 'develop' | 'decommission' | 'replace', number>;
}

/**
 * Each workstream with its linked systems counted by current outcome. A system with two outcomes
 * counts once under each. Read from the kept counts (repos/review-counts.ts).
 */
export async function summariseWorkstreams(
	ex: Executor,
	organisationId: number
): Promise<WorkstreamSummary[]> {
	const list = await ex
		.select({ id: workstream.id, name: workstream.name, lead: workstream.lead })
		.from(workstream)
		.where(eq(workstream.organisationId, organisationId))
		.orderBy(asc(workstream.name));
	const kept = await keptByWorkstream(ex, organisationId);
	return list.map((w) => {
		const c = kept.get(w.id);
		return {
			...w,
			systems: c?.systems ?? 0,
			reviewed: c?.reviewed ?? 0,
			multiple: c?.multiple ?? 0,
			outcomes: c?.outcomes ?? { maintain: 0, develop: 0, decommission: 0, replace: 0 }
		};
	});
}
