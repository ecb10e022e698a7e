/** Workstreams and the links between systems and workstreams. */
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { workstream, systemWorkstream, system, reviewOutcome } from '../db/schema';
import { currentOutcome } from './current-outcome';
import type { Executor } from '../db';
import { letOthersRun } from '../db/bulk';

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
 * counts once under each.
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
	const summaries: WorkstreamSummary[] = [];
	// One workstream at a time, letting other requests run between: at 100,000 systems each reads tens of thousands of links.
	for (const w of list) {
		const [base] = await ex
			.select({
				systems: sql<number>`count(*)`,
				reviewed: sql<number>`coalesce(sum(${system.reviewStatus} <> 'not_reviewed'), 0)`,
				multiple: sql<number>`coalesce(sum(${system.outcomeCount} > 1), 0)`
			})
			.from(systemWorkstream)
			.innerJoin(
				system,
				and(eq(system.id, systemWorkstream.systemId), ne(system.lifecycle, 'archived'))
			)
			.where(
				and(
					eq(systemWorkstream.organisationId, organisationId),
					eq(systemWorkstream.workstreamId, w.id)
				)
			);
		await letOthersRun();
		const counts = await ex
			.select({ outcome: reviewOutcome.outcome, n: sql<number>`count(*)` })
			.from(systemWorkstream)
			.innerJoin(
				system,
				and(eq(system.id, systemWorkstream.systemId), ne(system.lifecycle, 'archived'))
			)
			.innerJoin(reviewOutcome, and(eq(reviewOutcome.systemId, system.id), currentOutcome()))
			.where(
				and(
					eq(systemWorkstream.organisationId, organisationId),
					eq(systemWorkstream.workstreamId, w.id)
				)
			)
			.groupBy(reviewOutcome.outcome);
		await letOthersRun();
		const outcomes = { maintain: 0, develop: 0, decommission: 0, replace: 0 };
		for (const c of counts) outcomes[c.outcome] = c.n;
		summaries.push({
			...w,
			systems: base?.systems ?? 0,
			reviewed: base?.reviewed ?? 0,
			multiple: base?.multiple ?? 0,
			outcomes
		});
	}
	return summaries;
}
