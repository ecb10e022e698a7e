/**
 * Cost lines: every query on `cost_line`. Each function takes the caller's organisation id and
 * filters by it. Writes here do not touch the pre-aggregated totals: services/cost-lines.ts applies
 * the change to them (./cost-totals) in the same transaction.
 */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { costLine, reviewOutcome, system, workstream, nowUtc as now } from '../db/schema';
import { currentOutcome } from './current-outcome';
import type { Executor } from '../db';
import type { CostLineInput } from '$lib/domain/costs';
import type { Outcome } from '$lib/domain/systems';

export type CostLineRow = typeof costLine.$inferSelect;

/** What a line is attached to, resolved: a system (with its directorate) or a workstream alone. */
export interface CostLineAttachment {
	systemId: number | null;
	outcome: Outcome | null;
	workstreamId: number | null;
	directorateId: number | null;
}

export interface CostLineListRow extends CostLineRow {
	systemName: string | null;
	workstreamName: string | null;
}

function listQuery(ex: Executor) {
	return ex
		.select({ line: costLine, systemName: system.name, workstreamName: workstream.name })
		.from(costLine)
		.leftJoin(system, eq(system.id, costLine.systemId))
		.leftJoin(workstream, eq(workstream.id, costLine.workstreamId));
}

const toListRow = (r: {
	line: CostLineRow;
	systemName: string | null;
	workstreamName: string | null;
}): CostLineListRow => ({ ...r.line, systemName: r.systemName, workstreamName: r.workstreamName });
const order = [asc(costLine.financialYear), asc(costLine.category), asc(costLine.id)];

/** A line (archived ones too: the caller decides), or undefined when missing or another organisation's. */
export async function getCostLine(
	ex: Executor,
	organisationId: number,
	id: number
): Promise<CostLineRow | undefined> {
	const [row] = await ex
		.select()
		.from(costLine)
		.where(and(eq(costLine.organisationId, organisationId), eq(costLine.id, id)));
	return row;
}

/** A system's live cost lines, by year then category. */
export async function listCostLinesOfSystem(
	ex: Executor,
	organisationId: number,
	systemId: number
): Promise<CostLineListRow[]> {
	const rows = await listQuery(ex)
		.where(
			and(
				eq(costLine.organisationId, organisationId),
				eq(costLine.systemId, systemId),
				isNull(costLine.archivedAt)
			)
		)
		.orderBy(...order);
	return rows.map(toListRow);
}

/**
 * A workstream's live cost lines: its own, and systems' lines attributed to it (`systemName` set),
 * by year then category.
 */
export async function listCostLinesOfWorkstream(
	ex: Executor,
	organisationId: number,
	workstreamId: number
): Promise<CostLineListRow[]> {
	const rows = await listQuery(ex)
		.where(
			and(
				eq(costLine.organisationId, organisationId),
				eq(costLine.workstreamId, workstreamId),
				isNull(costLine.archivedAt)
			)
		)
		.orderBy(...order);
	return rows.map(toListRow);
}

export async function insertCostLine(
	ex: Executor,
	organisationId: number,
	attachment: CostLineAttachment,
	input: CostLineInput
): Promise<CostLineRow> {
	const [row] = await ex
		.insert(costLine)
		.values({ ...input, ...attachment, organisationId })
		.returning();
	return row!;
}

/** Saves an edit only if the line is live and still at `expectedVersion`; undefined otherwise. */
export async function updateCostLine(
	ex: Executor,
	organisationId: number,
	id: number,
	expectedVersion: number,
	attachment: CostLineAttachment,
	input: CostLineInput
): Promise<CostLineRow | undefined> {
	const [row] = await ex
		.update(costLine)
		.set({ ...input, ...attachment, version: sql`${costLine.version} + 1`, updatedAt: now })
		.where(
			and(
				eq(costLine.organisationId, organisationId),
				eq(costLine.id, id),
				eq(costLine.version, expectedVersion),
				isNull(costLine.archivedAt)
			)
		)
		.returning();
	return row;
}

/** Archives (never deletes) a live line at `expectedVersion`; undefined otherwise. */
export async function archiveCostLine(
	ex: Executor,
	organisationId: number,
	id: number,
	expectedVersion: number
): Promise<CostLineRow | undefined> {
	const [row] = await ex
		.update(costLine)
		.set({ archivedAt: now, version: sql`${costLine.version} + 1`, updatedAt: now })
		.where(
			and(
				eq(costLine.organisationId, organisationId),
				eq(costLine.id, id),
				eq(costLine.version, expectedVersion),
				isNull(costLine.archivedAt)
			)
		)
		.returning();
	return row;
}

/** The workstream delivering the system's replacement, from its current review; null when none. */
export async function replacingWorkstreamOf(
	ex: Executor,
	organisationId: number,
	systemId: number
): Promise<number | null> {
	const [row] = await ex
		.select({ workstreamId: reviewOutcome.workstreamId })
		.from(reviewOutcome)
		.where(
			and(
				eq(reviewOutcome.organisationId, organisationId),
				eq(reviewOutcome.systemId, systemId),
				currentOutcome('replace')
			)
		);
	return row?.workstreamId ?? null;
}

/** The system's current outcomes, to check a line's outcome against. */
export async function currentOutcomesOf(
	ex: Executor,
	organisationId: number,
	systemId: number
): Promise<Outcome[]> {
	const rows = await ex
		.select({ outcome: reviewOutcome.outcome })
		.from(reviewOutcome)
		.where(
			and(
				eq(reviewOutcome.organisationId, organisationId),
				eq(reviewOutcome.systemId, systemId),
				currentOutcome()
			)
		);
	return rows.map((r) => r.outcome);
}

/** Moves all of a system's lines (archived too, so history stays consistent) to its new directorate. */
export async function setDirectorateOfSystemLines(
	ex: Executor,
	organisationId: number,
	systemId: number,
	directorateId: number | null
): Promise<void> {
	await ex
		.update(costLine)
		.set({ directorateId })
		.where(and(eq(costLine.organisationId, organisationId), eq(costLine.systemId, systemId)));
}

/** A system's live lines, for moving their totals when its directorate changes. */
export async function liveLinesOfSystem(
	ex: Executor,
	organisationId: number,
	systemId: number
): Promise<CostLineRow[]> {
	return ex
		.select()
		.from(costLine)
		.where(
			and(
				eq(costLine.organisationId, organisationId),
				eq(costLine.systemId, systemId),
				isNull(costLine.archivedAt)
			)
		);
}
