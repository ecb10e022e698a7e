/** Cost of outage inputs: per system (columns on `system`) and the organisation's default cost per user-hour. */
import { and, asc, eq, isNotNull, ne, sql } from 'drizzle-orm';
import { organisation, reviewOutcome, system, nowUtc } from '../db/schema';
import { currentOutcome } from './current-outcome';
import type { Executor } from '../db';
import { totalPence } from './money-sql';
import type { OutageFormInput } from '$lib/domain/systems';

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
export async function setSystemOutage(
	ex: Executor,
	organisationId: number,
	systemId: number,
	expectedVersion: number,
	input: OutageFormInput | null
) {
	const [row] = await ex
		.update(system)
		.set({
			concurrentUsers: input?.concurrentUsers ?? null,
			outageMinutesPerYear: input?.outageMinutesPerYear ?? null,
			costPerUserHourPence: input?.costPerUserHourPence ?? null,
			version: sql`${system.version} + 1`,
			updatedAt: nowUtc
		})
		.where(
			and(
				eq(system.organisationId, organisationId),
				eq(system.id, systemId),
				eq(system.version, expectedVersion),
				ne(system.lifecycle, 'archived')
			)
		)
		// Only what the outage page needs: never the whole row, which holds a named contact's details.
		.returning({
			id: system.id,
			version: system.version,
			concurrentUsers: system.concurrentUsers,
			outageMinutesPerYear: system.outageMinutesPerYear,
			costPerUserHourPence: system.costPerUserHourPence
		});
	return row;
}

const HAS_OUTAGE_FIGURES = and(
	isNotNull(system.concurrentUsers),
	isNotNull(system.outageMinutesPerYear),
	ne(system.lifecycle, 'archived')
);
/**
 * The same filter with its two figures hidden from the partial outage index (a unary + on each):
 * for the first page by name SQLite then walks the name index and stops after the page's rows,
 * instead of reading and sorting every system with figures (0.2 ms against 240 ms for 25 of
 * 100,000 systems, 20,000 of them with figures).
 */
const HAS_OUTAGE_FIGURES_BY_NAME = and(
	sql`+${system.concurrentUsers} IS NOT NULL`,
	sql`+${system.outageMinutesPerYear} IS NOT NULL`,
	ne(system.lifecycle, 'archived')
);
// A current review has at most one 'replace' outcome, so this join keeps one row per system.
const REPLACE_OUTCOME = and(eq(reviewOutcome.systemId, system.id), currentOutcome('replace'));

/** Systems still in the catalogue with outage inputs recorded, by name: the first `limit` of them, or all. */
export async function listOutageSystems(
	ex: Executor,
	organisationId: number,
	options: { limit?: number } = {}
): Promise<OutageSystemRow[]> {
	const rows = await outageSystemsQuery(ex, organisationId, options.limit);
	return rows.map((r) => ({
		...r,
		concurrentUsers: r.concurrentUsers!,
		outageMinutesPerYear: r.outageMinutesPerYear!
	}));
}

/** The query behind listOutageSystems (exported so a test can read its plan). */
export function outageSystemsQuery(ex: Executor, organisationId: number, limit?: number) {
	const query = ex
		.select({
			id: system.id,
			name: system.name,
			concurrentUsers: system.concurrentUsers,
			outageMinutesPerYear: system.outageMinutesPerYear,
			costPerUserHourPence: system.costPerUserHourPence,
			replacingWorkstreamId: reviewOutcome.workstreamId
		})
		.from(system)
		.leftJoin(reviewOutcome, REPLACE_OUTCOME)
		.where(
			and(
				eq(system.organisationId, organisationId),
				limit === undefined ? HAS_OUTAGE_FIGURES : HAS_OUTAGE_FIGURES_BY_NAME
			)
		)
		.orderBy(asc(system.name), asc(system.id));
	return limit === undefined ? query : query.limit(limit);
}

export interface OutageRiskGroup {
	/** The workstream replacing the systems (null = not being replaced). */
	workstreamId: number | null;
	systems: number;
	riskPence: number;
}

/**
 * The annual outage risk summed per replacing workstream in SQL, each system's figure rounded as
 * domain/outage.ts annualOutageRiskPence rounds it: users x minutes x rate / 60, half up (for whole
 * n >= 0, (n + 30) / 60 in integers). `defaultRatePence` stands in for a system without its own rate;
 * it is cast because the client binds a JavaScript number as a REAL, which would make the division exact.
 * A sum past 2^53 pence is too large to show (repos/money-sql.ts), as the domain's figure would be.
 */
export async function outageRiskByWorkstream(
	ex: Executor,
	organisationId: number,
	defaultRatePence: number
): Promise<OutageRiskGroup[]> {
	const rows = await ex
		.select({
			workstreamId: reviewOutcome.workstreamId,
			systems: sql<number>`count(*)`,
			riskPence: totalPence(
				sql`(${system.concurrentUsers} * ${system.outageMinutesPerYear} * coalesce(${system.costPerUserHourPence}, cast(${defaultRatePence} as integer)) + 30) / 60`
			)
		})
		.from(system)
		.leftJoin(reviewOutcome, REPLACE_OUTCOME)
		.where(and(eq(system.organisationId, organisationId), HAS_OUTAGE_FIGURES))
		.groupBy(reviewOutcome.workstreamId);
	return rows;
}

/** The organisation's default cost per user-hour: every organisation has one (the column has a default). */
export async function getOutageDefault(
	ex: Executor,
	organisationId: number
): Promise<OutageDefault> {
	const [row] = await ex
		.select({
			costPerUserHourPence: organisation.defaultCostPerUserHourPence,
			basis: organisation.costPerUserHourBasis
		})
		.from(organisation)
		.where(eq(organisation.id, organisationId));
	if (!row) throw new Error(`no organisation ${organisationId}`);
	return row;
}

export async function setOutageDefault(
	ex: Executor,
	organisationId: number,
	value: OutageDefault
): Promise<void> {
	await ex
		.update(organisation)
		.set({
			defaultCostPerUserHourPence: value.costPerUserHourPence,
			costPerUserHourBasis: value.basis
		})
		.where(eq(organisation.id, organisationId));
}
