/**
 * The continuity breaches the dashboard shows, read from the kept `continuity_outcome` rows
 * (db/continuity-sql.ts) through their indexes: how many there are, and the first few in the guard's
 * order, without reading every statutory system being switched off. Which rows are breaches is the
 * guard's rule (domain/systems/continuity.ts), given each workstream's effective go-live:
 * nothing replacing the system, no go-live planned, or a switch-off on or before the go-live.
 */
import { and, asc, eq, inArray, isNotNull, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { continuityOutcome } from '../db/schema';
import type { Executor } from '../db';
import { execute } from '../db/bulk';
import { CONTINUITY_COLUMNS, CONTINUITY_VIEW } from '../db/continuity-sql';

export type ContinuityOutcomeRow = typeof continuityOutcome.$inferSelect;

/** Workstream id to effective go-live (null or absent: none planned). */
export type GoLives = ReadonlyMap<number, string | null>;

const c = continuityOutcome;

/**
 * The rows that are breaches: each workstream with a go-live contributes a date range from its index
 * entry, and every other row (nothing replacing it, or no go-live planned) is a breach whatever its date.
 */
function breach(goLives: GoLives): SQL {
	const planned = [...goLives].filter((e): e is [number, string] => e[1] != null);
	const ids = planned.map(([id]) => id);
	return or(
		isNull(c.replacingWorkstreamId),
		ids.length ? sql`${c.replacingWorkstreamId} NOT IN ${ids}` : sql`1`,
		...planned.map(([id, goLive]) =>
			and(eq(c.replacingWorkstreamId, id), lte(c.switchOffDate, goLive))
		)
	)!;
}

/** How many outcomes of the organisation's are continuity breaches. */
export async function countBreaches(
	ex: Executor,
	organisationId: number,
	goLives: GoLives
): Promise<number> {
	const [row] = await ex
		.select({ n: sql<number>`count(*)` })
		.from(c)
		.where(and(eq(c.organisationId, organisationId), breach(goLives)));
	return row?.n ?? 0;
}

/**
 * At least the first `limit` breaches in switch-off date order (undated last), with every breach that
 * shares the last date taken, so the caller's full sort (date, then name by collation, then outcome)
 * picks the same first ones as a sort of them all would.
 */
export async function firstBreachRows(
	ex: Executor,
	organisationId: number,
	goLives: GoLives,
	limit: number
): Promise<ContinuityOutcomeRow[]> {
	const where = and(eq(c.organisationId, organisationId), breach(goLives));
	const dated = await ex
		.select()
		.from(c)
		.where(and(where, isNotNull(c.switchOffDate)))
		.orderBy(asc(c.switchOffDate))
		.limit(limit);
	const last = dated.at(-1)?.switchOffDate;
	if (dated.length === limit && last) {
		const ties = await ex
			.select()
			.from(c)
			.where(and(where, eq(c.switchOffDate, last)));
		const ids = new Set(dated.map((r) => r.outcomeId));
		return [...dated, ...ties.filter((r) => !ids.has(r.outcomeId))];
	}
	// Fewer dated breaches than asked for: the undated ones come next, by name, so all of them.
	return [
		...dated,
		...(await ex
			.select()
			.from(c)
			.where(and(where, isNull(c.switchOffDate))))
	];
}

/** Every kept row of these systems (for checks). */
export async function continuityRowsOf(
	ex: Executor,
	organisationId: number,
	systemIds?: readonly number[]
): Promise<ContinuityOutcomeRow[]> {
	return ex
		.select()
		.from(c)
		.where(
			and(
				eq(c.organisationId, organisationId),
				systemIds ? inArray(c.systemId, [...systemIds]) : undefined
			)
		);
}

/** Kept rows that differ from the view's from-scratch rows (by outcome id), in the caller's transaction. */
export async function continuityDifferences(
	ex: Executor,
	organisationId: number
): Promise<{ outcomeId: number; kept?: ContinuityOutcomeRow; rebuilt?: ContinuityOutcomeRow }[]> {
	const kept = await continuityRowsOf(ex, organisationId);
	const rebuilt = (
		await execute(
			ex,
			`SELECT ${CONTINUITY_COLUMNS} FROM ${CONTINUITY_VIEW} WHERE organisation_id = ?`,
			[organisationId]
		)
	).rows.map((r): ContinuityOutcomeRow => ({
		outcomeId: Number(r.outcome_id),
		organisationId: Number(r.organisation_id),
		systemId: Number(r.system_id),
		systemName: String(r.system_name),
		outcome: r.outcome as ContinuityOutcomeRow['outcome'],
		switchOffDate: r.switch_off_date == null ? null : String(r.switch_off_date),
		replacingWorkstreamId:
			r.replacing_workstream_id == null ? null : Number(r.replacing_workstream_id)
	}));
	const keptById = new Map(kept.map((r) => [r.outcomeId, r]));
	const rebuiltById = new Map(rebuilt.map((r) => [r.outcomeId, r]));
	const differences = [];
	for (const id of new Set([...keptById.keys(), ...rebuiltById.keys()])) {
		const k = keptById.get(id);
		const r = rebuiltById.get(id);
		if (JSON.stringify(k) !== JSON.stringify(r))
			differences.push({ outcomeId: id, kept: k, rebuilt: r });
	}
	return differences;
}

/** Replaces the organisation's kept rows with the view's. */
export async function rebuildContinuity(ex: Executor, organisationId: number): Promise<void> {
	await execute(ex, 'DELETE FROM continuity_outcome WHERE organisation_id = ?', [organisationId]);
	await execute(
		ex,
		`INSERT INTO continuity_outcome (${CONTINUITY_COLUMNS}) SELECT ${CONTINUITY_COLUMNS} FROM ${CONTINUITY_VIEW} WHERE organisation_id = ?`,
		[organisationId]
	);
}
