/**
 * The dashboard's review figures read from the kept counts (`review_count`, `workstream_review_count`,
 * kept by the triggers in db/review-count-sql.ts): a few rows per organisation instead of every system,
 * and the check and rebuild that `npm run costs:rebuild` runs against a count from scratch.
 */
import { eq, gt, sql } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { InValue } from '@libsql/client';
import { reviewCount, workstreamReviewCount } from '../db/schema';
import type { Executor } from '../db';
import { execute } from '../db/bulk';
import { COUNT_COLUMNS, REVIEW_COUNT_TABLES, sourceView } from '../db/review-count-sql';
import type { Outcome } from '$lib/domain/systems';

export interface ReviewCounts {
	systems: number;
	reviewed: number;
	notReviewed: number;
	multiple: number;
	outcomes: Record<Outcome, number>;
	/** Outcomes recorded in all: more than `reviewed` when systems have several. */
	outcomeTotal: number;
}

type Kept = typeof reviewCount | typeof workstreamReviewCount;

/** The summed figures of the rows picked, as numbers (SQLite's sum of no rows is NULL). */
function sums(t: Kept) {
	const total = (c: AnySQLiteColumn) => sql<number>`coalesce(sum(${c}), 0)`.mapWith(Number);
	return {
		systems: total(t.systems),
		reviewed: total(t.reviewed),
		multiple: total(t.multiple),
		maintain: total(t.maintain),
		develop: total(t.develop),
		decommission: total(t.decommission),
		replace: total(t.replace)
	};
}

type Summed = { [K in (typeof COUNT_COLUMNS)[number]]: number };

export function toReviewCounts(r: Summed): ReviewCounts {
	const outcomes = {
		maintain: r.maintain,
		develop: r.develop,
		decommission: r.decommission,
		replace: r.replace
	};
	return {
		systems: r.systems,
		reviewed: r.reviewed,
		notReviewed: r.systems - r.reviewed,
		multiple: r.multiple,
		outcomes,
		outcomeTotal: r.maintain + r.develop + r.decommission + r.replace
	};
}

/** The organisation's figures in all. */
export async function keptTotals(ex: Executor, organisationId: number): Promise<ReviewCounts> {
	const [row] = await ex
		.select(sums(reviewCount))
		.from(reviewCount)
		.where(eq(reviewCount.organisationId, organisationId));
	return toReviewCounts(row!);
}

/** The figures per directorate or per service area (null: none recorded), for groups with live systems. */
export async function keptByGroup(
	ex: Executor,
	organisationId: number,
	by: 'directorate' | 'serviceArea'
): Promise<Map<number | null, ReviewCounts>> {
	const key = by === 'directorate' ? reviewCount.directorateKey : reviewCount.serviceAreaKey;
	const rows = await ex
		.select({ key, ...sums(reviewCount) })
		.from(reviewCount)
		.where(eq(reviewCount.organisationId, organisationId))
		.groupBy(key)
		.having(gt(sql`sum(${reviewCount.systems})`, 0));
	return new Map(rows.map(({ key, ...r }) => [key === 0 ? null : key, toReviewCounts(r)]));
}

/** The figures per workstream, for those with a row kept (a workstream with none has none linked). */
export async function keptByWorkstream(
	ex: Executor,
	organisationId: number
): Promise<Map<number, ReviewCounts>> {
	const t = workstreamReviewCount;
	const rows = await ex
		.select({ key: t.workstreamId, ...sums(t) })
		.from(t)
		.where(eq(t.organisationId, organisationId))
		.groupBy(t.workstreamId);
	return new Map(rows.map(({ key, ...r }) => [key, toReviewCounts(r)]));
}

export interface ReviewCountDifference {
	table: (typeof REVIEW_COUNT_TABLES)[number];
	/** The row's key: directorate and service area (0 = none), or the workstream. */
	key: string;
	kept: Summed;
	rebuilt: Summed;
}

const KEYS = {
	review_count: ['directorate_key', 'service_area_key'],
	workstream_review_count: ['workstream_id']
} as const;

async function rowsByKey(
	ex: Executor,
	table: (typeof REVIEW_COUNT_TABLES)[number],
	query: string,
	args: InValue[]
): Promise<Map<string, Summed>> {
	const result = await execute(ex, query, args);
	const rows = new Map<string, Summed>();
	for (const row of result.rows) {
		const figures = Object.fromEntries(COUNT_COLUMNS.map((c) => [c, Number(row[c])])) as Summed;
		// A kept row that has gone back to zero stands for no row.
		if (COUNT_COLUMNS.every((c) => figures[c] === 0)) continue;
		rows.set(KEYS[table].map((k) => String(row[k])).join('|'), figures);
	}
	return rows;
}

/**
 * Every kept row that differs from the figures worked out from scratch (a missing row counts as
 * zeros). Read in the caller's transaction, so a write cannot fall between the two reads.
 */
export async function reviewCountDifferences(
	ex: Executor,
	organisationId: number
): Promise<ReviewCountDifference[]> {
	const differences: ReviewCountDifference[] = [];
	const zero = Object.fromEntries(COUNT_COLUMNS.map((c) => [c, 0])) as Summed;
	for (const table of REVIEW_COUNT_TABLES) {
		const kept = await rowsByKey(ex, table, `SELECT * FROM ${table} WHERE organisation_id = ?`, [
			organisationId
		]);
		const rebuilt = await rowsByKey(
			ex,
			table,
			`SELECT * FROM ${sourceView(table)} WHERE organisation_id = ?`,
			[organisationId]
		);
		for (const key of new Set([...kept.keys(), ...rebuilt.keys()])) {
			const k = kept.get(key) ?? zero;
			const r = rebuilt.get(key) ?? zero;
			if (COUNT_COLUMNS.some((c) => k[c] !== r[c]))
				differences.push({ table, key, kept: k, rebuilt: r });
		}
	}
	return differences;
}

/** Replaces the organisation's kept rows with the figures worked out from scratch. */
export async function rebuildReviewCounts(ex: Executor, organisationId: number): Promise<void> {
	for (const table of REVIEW_COUNT_TABLES) {
		await execute(ex, `DELETE FROM ${table} WHERE organisation_id = ?`, [organisationId]);
		await execute(
			ex,
			`INSERT INTO ${table} SELECT * FROM ${sourceView(table)} WHERE organisation_id = ?`,
			[organisationId]
		);
	}
}
