/** Cost of outage inputs: per system (columns on `system`) and the organisation's default cost per user-hour. */
import { and, asc, eq, isNotNull, ne, sql } from 'drizzle-orm';
import { organisation, reviewOutcome, system } from '../db/schema';
import type { Executor } from '../db';
import type { OutageFormInput } from '$lib/domain/outage';

export interface OutageDefault {
	costPerUserHourPence: number;
	basis: string;
}

export interface OutageSystemRow {
	id: number;
	name: string;
	concurrentUsers: number;
	outageMinutesPerYear: number;
	/** The system's own figure; null = the organisation's default. */
	costPerUserHourPence: number | null;
	/** The workstream delivering its replacement (current 'replace' outcome), if any. */
	replacingWorkstreamId: number | null;
}

/**
 * Sets (or, with null, clears) a system's outage inputs if it is still at `expectedVersion`, and
 * bumps the version like any edit of the system. Undefined when missing, archived or moved on.
 */
export async function setSystemOutage(ex: Executor, organisationId: number, systemId: number, expectedVersion: number, input: OutageFormInput | null) {
	const [row] = await ex
		.update(system)
		.set({
			concurrentUsers: input?.concurrentUsers ?? null,
			outageMinutesPerYear: input?.outageMinutesPerYear ?? null,
			costPerUserHourPence: input?.costPerUserHourPence ?? null,
			version: sql`${system.version} + 1`,
			updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`
		})
		.where(and(eq(system.organisationId, organisationId), eq(system.id, systemId), eq(system.version, expectedVersion), ne(system.lifecycle, 'archived')))
		.returning();
	return row;
}

/** Live systems with outage inputs recorded, by name. */
export async function listOutageSystems(ex: Executor, organisationId: number): Promise<OutageSystemRow[]> {
	const rows = await ex
		.select({
			id: system.id,
			name: system.name,
			concurrentUsers: system.concurrentUsers,
			outageMinutesPerYear: system.outageMinutesPerYear,
			costPerUserHourPence: system.costPerUserHourPence,
			replacingWorkstreamId: reviewOutcome.workstreamId
		})
		.from(system)
		// A current review has at most one 'replace' outcome, so this join keeps one row per system.
		.leftJoin(reviewOutcome, and(eq(reviewOutcome.systemId, system.id), eq(reviewOutcome.isCurrent, true), eq(reviewOutcome.outcome, 'replace')))
		.where(and(eq(system.organisationId, organisationId), isNotNull(system.concurrentUsers), isNotNull(system.outageMinutesPerYear), ne(system.lifecycle, 'archived')))
		.orderBy(asc(system.name));
	return rows.map((r) => ({ ...r, concurrentUsers: r.concurrentUsers!, outageMinutesPerYear: r.outageMinutesPerYear! }));
}

export async function getOutageDefault(ex: Executor, organisationId: number): Promise<OutageDefault | undefined> {
	const [row] = await ex
		.select({ costPerUserHourPence: organisation.defaultCostPerUserHourPence, basis: organisation.costPerUserHourBasis })
		.from(organisation)
		.where(eq(organisation.id, organisationId));
	return row;
}

export async function setOutageDefault(ex: Executor, organisationId: number, value: OutageDefault): Promise<void> {
	await ex.update(organisation).set({ defaultCostPerUserHourPence: value.costPerUserHourPence, costPerUserHourBasis: value.basis }).where(eq(organisation.id, organisationId));
}
