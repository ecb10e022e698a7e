/**
 * Every query on systems. Each function takes the caller's organisation id and filters by it:
 * a system of another organisation is indistinguishable from a missing one.
 */
import { and, asc, desc, eq, ne, sql, inArray, type SQL } from 'drizzle-orm';
import { system, directorate, serviceArea, reviewOutcome, systemWorkstream } from '../db/schema';
import type { Executor } from '../db';
import type { SystemInput } from '$lib/domain/system-form';
import type { SystemQuery } from '$lib/domain/system-query';
import type { Outcome } from '$lib/domain/review';
import { addMonths, todayInUk } from '$lib/domain/dates';

export type SystemRow = typeof system.$inferSelect;

export interface SystemDetail extends SystemRow {
	directorateName: string | null;
	serviceAreaName: string | null;
}

export interface SystemListRow {
	id: number;
	name: string;
	supplier: string;
	product: string;
	directorateName: string | null;
	hosting: SystemRow['hosting'];
	criticality: SystemRow['criticality'];
	userCount: number | null;
	annualRunCostPence: number | null;
	contractEnd: string | null;
	reviewStatus: SystemRow['reviewStatus'];
	updatedAt: string;
	outcomes: Outcome[];
}

/** Escapes LIKE wildcards so a search for '100%' means the text '100%'. */
function likeContains(text: string): string {
	return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The WHERE clause for a list query; shared by the page, its count and the CSV export. */
export function systemFilter(organisationId: number, query: SystemQuery, today = todayInUk()): SQL {
	const conditions: (SQL | undefined)[] = [eq(system.organisationId, organisationId), ne(system.lifecycle, 'archived')];
	if (query.q) {
		const pattern = likeContains(query.q);
		conditions.push(
			sql`(${system.name} LIKE ${pattern} ESCAPE '\\' OR ${system.supplier} LIKE ${pattern} ESCAPE '\\' OR ${system.product} LIKE ${pattern} ESCAPE '\\')`
		);
	}
	if (query.directorate != null) conditions.push(eq(system.directorateId, query.directorate));
	if (query.serviceArea != null) conditions.push(eq(system.serviceAreaId, query.serviceArea));
	if (query.hosting) conditions.push(eq(system.hosting, query.hosting));
	if (query.criticality) conditions.push(eq(system.criticality, query.criticality));
	if (query.review === 'reviewed') conditions.push(ne(system.reviewStatus, 'not_reviewed'));
	else if (query.review) conditions.push(eq(system.reviewStatus, query.review));
	if (query.outcome === 'multiple') conditions.push(sql`${system.outcomeCount} > 1`);
	else if (query.outcome) {
		conditions.push(
			sql`EXISTS (SELECT 1 FROM ${reviewOutcome} WHERE ${reviewOutcome.systemId} = ${system.id} AND ${reviewOutcome.isCurrent} = 1 AND ${reviewOutcome.outcome} = ${query.outcome})`
		);
	}
	if (query.workstream != null) {
		conditions.push(
			sql`EXISTS (SELECT 1 FROM ${systemWorkstream} WHERE ${systemWorkstream.systemId} = ${system.id} AND ${systemWorkstream.workstreamId} = ${query.workstream})`
		);
	}
	if (query.endingWithin != null) {
		conditions.push(sql`${system.contractEnd} >= ${today} AND ${system.contractEnd} <= ${addMonths(today, query.endingWithin)}`);
	}
	return and(...conditions)!;
}

const CRITICALITY_RANK = sql`CASE ${system.criticality} WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 ELSE 4 END`;
const REVIEW_RANK = sql`CASE ${system.reviewStatus} WHEN 'not_reviewed' THEN 1 WHEN 'proposed' THEN 2 ELSE 3 END`;

function orderBy(query: SystemQuery): SQL[] {
	const column = {
		name: sql`${system.name}`,
		supplier: sql`${system.supplier}`,
		directorate: sql`${directorate.name}`,
		hosting: sql`${system.hosting}`,
		criticality: CRITICALITY_RANK,
		users: sql`${system.userCount}`,
		cost: sql`${system.annualRunCostPence}`,
		contractEnd: sql`${system.contractEnd}`,
		review: REVIEW_RANK,
		updated: sql`${system.updatedAt}`
	}[query.sort];
	const direction = query.dir === 'desc' ? desc : asc;
	// Blank values sort last either way, then a stable tie-break on name and id.
	const order = [sql`(${column}) IS NULL`, direction(column)];
	if (query.sort !== 'name') order.push(asc(system.name));
	order.push(direction(system.id));
	return order;
}

/**
 * One page of systems matching a query, with the total that match. Pages are indexed on
 * (organisation, sort column): the first pages of a 100,000-system portfolio read only their rows.
 */
export async function listSystems(ex: Executor, organisationId: number, query: SystemQuery): Promise<{ rows: SystemListRow[]; total: number }> {
	const where = systemFilter(organisationId, query);
	const [countRow] = await ex.select({ n: sql<number>`count(*)` }).from(system).where(where);
	const total = countRow?.n ?? 0;
	const rows = await ex
		.select({
			id: system.id,
			name: system.name,
			supplier: system.supplier,
			product: system.product,
			directorateName: directorate.name,
			hosting: system.hosting,
			criticality: system.criticality,
			userCount: system.userCount,
			annualRunCostPence: system.annualRunCostPence,
			contractEnd: system.contractEnd,
			reviewStatus: system.reviewStatus,
			updatedAt: system.updatedAt
		})
		.from(system)
		.leftJoin(directorate, eq(directorate.id, system.directorateId))
		.where(where)
		.orderBy(...orderBy(query))
		.limit(query.size)
		.offset((query.page - 1) * query.size);
	const outcomes = await currentOutcomesFor(ex, organisationId, rows.map((r) => r.id));
	return { rows: rows.map((r) => ({ ...r, outcomes: outcomes.get(r.id) ?? [] })), total };
}

/** The current review outcomes of the given systems, in the order the outcomes are defined. */
export async function currentOutcomesFor(ex: Executor, organisationId: number, systemIds: number[]): Promise<Map<number, Outcome[]>> {
	const result = new Map<number, Outcome[]>();
	if (systemIds.length === 0) return result;
	const rows = await ex
		.select({ systemId: reviewOutcome.systemId, outcome: reviewOutcome.outcome })
		.from(reviewOutcome)
		.where(and(eq(reviewOutcome.organisationId, organisationId), eq(reviewOutcome.isCurrent, true), inArray(reviewOutcome.systemId, systemIds)));
	const order = ['maintain', 'develop', 'decommission', 'replace'];
	for (const row of rows) {
		const list = result.get(row.systemId) ?? [];
		list.push(row.outcome);
		result.set(row.systemId, list);
	}
	for (const list of result.values()) list.sort((a, b) => order.indexOf(a) - order.indexOf(b));
	return result;
}

/** A system with its directorate and service area names; undefined when missing, archived, or another organisation's. */
export async function getSystem(ex: Executor, organisationId: number, id: number, options: { includeArchived?: boolean } = {}): Promise<SystemDetail | undefined> {
	const conditions = [eq(system.organisationId, organisationId), eq(system.id, id)];
	if (!options.includeArchived) conditions.push(ne(system.lifecycle, 'archived'));
	const [row] = await ex
		.select({ system, directorateName: directorate.name, serviceAreaName: serviceArea.name })
		.from(system)
		.leftJoin(directorate, eq(directorate.id, system.directorateId))
		.leftJoin(serviceArea, eq(serviceArea.id, system.serviceAreaId))
		.where(and(...conditions));
	return row ? { ...row.system, directorateName: row.directorateName, serviceAreaName: row.serviceAreaName } : undefined;
}

export async function findSystemByExternalRef(ex: Executor, organisationId: number, externalRef: string): Promise<SystemRow | undefined> {
	const [row] = await ex.select().from(system).where(and(eq(system.organisationId, organisationId), eq(system.externalRef, externalRef)));
	return row;
}

export async function createSystem(ex: Executor, organisationId: number, input: SystemInput): Promise<SystemRow> {
	const [row] = await ex.insert(system).values({ ...input, organisationId }).returning();
	return row!;
}

/**
 * Saves an edit only if nobody has saved the system since `expectedVersion` was read.
 * Returns the saved row, or undefined when the version has moved on (the caller shows the conflict).
 */
export async function updateSystem(ex: Executor, organisationId: number, id: number, expectedVersion: number, input: SystemInput): Promise<SystemRow | undefined> {
	const [row] = await ex
		.update(system)
		.set({ ...input, version: sql`${system.version} + 1`, updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))` })
		.where(and(eq(system.organisationId, organisationId), eq(system.id, id), eq(system.version, expectedVersion), ne(system.lifecycle, 'archived')))
		.returning();
	return row;
}

/** Archives (never deletes) a system, with the same version check as an edit. */
export async function archiveSystem(ex: Executor, organisationId: number, id: number, expectedVersion: number): Promise<SystemRow | undefined> {
	const [row] = await ex
		.update(system)
		.set({ lifecycle: 'archived', version: sql`${system.version} + 1`, updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))` })
		.where(and(eq(system.organisationId, organisationId), eq(system.id, id), eq(system.version, expectedVersion), ne(system.lifecycle, 'archived')))
		.returning();
	return row;
}

/**
 * Records the denormalised review summary on the system, inside the review's transaction. It does
 * not bump `version`: a review does not touch the fields an edit form holds, so it must not make one conflict.
 */
export async function setReviewSummary(ex: Executor, organisationId: number, id: number, reviewStatus: SystemRow['reviewStatus'], outcomeCount: number): Promise<void> {
	await ex
		.update(system)
		.set({ reviewStatus, outcomeCount, updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))` })
		.where(and(eq(system.organisationId, organisationId), eq(system.id, id)));
}
