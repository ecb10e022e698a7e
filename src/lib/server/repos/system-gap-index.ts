/**
 * Which index reads the systems with a data-quality gap. Each gap has an index holding only those
 * systems (three partial indexes, and the criticality sort key for 'Not yet assessed'), but without
 * ANALYZE statistics SQLite cannot know how few they are: it counts through system_org_lifecycle_flags_idx
 * and lists by walking the sort key's index past every other system (125 ms for 140 of 100,000).
 * Naming the index with INDEXED BY fixes the plan, and makes a query that could not use it an error
 * rather than a slow scan.
 */
import { Column, sql, type SQL } from 'drizzle-orm';
import { system } from '../db/schema';
import type { Executor } from '../db';
import { DATA_QUALITY_FILTER, DATA_QUALITY_GAPS, type DataQualityGap } from '$lib/domain/systems';
import type { SystemQuery } from '$lib/domain/systems';

export const GAP_INDEX: Record<DataQualityGap, string> = {
	criticality: 'system_org_criticality_rank_idx',
	personalData: 'system_org_personal_not_assessed_idx',
	targetDate: 'system_org_target_date_not_set_idx',
	replaceWorkstream: 'system_org_workstream_not_set_idx'
};

/** The system table read through one named index: `system INDEXED BY ...`. */
export function systemThrough(index: string): SQL {
	return sql`${system} INDEXED BY ${sql.identifier(index)}`;
}

/** The first data-quality gap a list query filters on, if any. */
export function gapFilteredBy(query: SystemQuery): DataQualityGap | undefined {
	return DATA_QUALITY_GAPS.find((gap) =>
		Object.entries(DATA_QUALITY_FILTER[gap]).every(
			([key, value]) => query[key as keyof SystemQuery] === value
		)
	);
}

/** The query counting the systems a WHERE matches through one index, stopping at `limit` + 1. */
export function countThrough(ex: Executor, index: string, where: SQL, limit: number) {
	return ex
		.select({ n: sql<number>`count(*)` })
		.from(sql`(SELECT 1 FROM ${systemThrough(index)} WHERE ${where} LIMIT ${limit + 1})`);
}

/**
 * Select fields as plain expressions: drizzle refuses a column of a table it does not see in FROM, and
 * it sees `system INDEXED BY ...` as SQL, not as the table. Each keeps its column's decoding.
 */
export function asExpressions<T extends Record<string, unknown>>(fields: T): T {
	return Object.fromEntries(
		Object.entries(fields).map(([name, field]) => [
			name,
			field instanceof Column ? sql`${field}`.mapWith(field) : field
		])
	) as T;
}
