/** The systems list as a file: every system matching the list's query, in its order (CSV and Excel). */
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { system, serviceArea } from '../db/schema';
import type { Executor } from '../db';
import { letOthersRun } from '../db/bulk';
import { outcomesOfFlags, type Outcome, type SystemQuery } from '$lib/domain/systems';
import { todayInUk } from '$lib/domain/dates';
import { SORT_KEY, systemFilter, type SystemListRow } from './system-list';
import { searchReadsIndex } from './system-search';

type SystemRow = typeof system.$inferSelect;

export interface SystemExportRow extends Omit<SystemListRow, 'outcomes'> {
	externalRef: string | null;
	serviceAreaName: string | null;
	contractStart: string | null;
	contractNotice: string | null;
	personalData: SystemRow['personalData'];
	lifecycle: SystemRow['lifecycle'];
	outcomes: Outcome[];
}

/** The most rows one export gives (a file the list's filters can narrow). */
export const EXPORT_LIMIT = 200_000;

/**
 * Rows read per statement: on a local file a query runs synchronously, so 500 rows (measured at
 * 20-40 ms of CPU on a loaded machine) is the longest the export holds the event loop before
 * other requests get a turn.
 */
export const EXPORT_BATCH_ROWS = 500;

/** Rows after `row` in the export's order on (sort key, id), or no condition for the first batch. */
function keyAfter(
	key: (typeof SORT_KEY)[keyof typeof SORT_KEY],
	ascending: boolean,
	row: { key: unknown; id: number } | null
): SQL | undefined {
	if (!row) return undefined;
	return ascending
		? sql`(${key}, ${system.id}) > (${row.key}, ${row.id})`
		: sql`(${key}, ${system.id}) < (${row.key}, ${row.id})`;
}

/**
 * Every system matching a query, in the list's order, a batch at a time (the same filter as the
 * page). Each batch continues after the last row's (sort key, id), which the schema indexes per
 * organisation and never holds NULL, so a batch reads only its own rows; between batches other
 * requests run. Memory holds one batch, however large the portfolio.
 */
export async function* exportSystemBatches(
	ex: Executor,
	organisationId: number,
	query: SystemQuery,
	{ limit = EXPORT_LIMIT, batchRows = EXPORT_BATCH_ROWS } = {}
): AsyncGenerator<SystemExportRow[]> {
	const key = SORT_KEY[query.sort];
	const ascending = query.dir === 'asc';
	const order = ascending ? [asc(key), asc(system.id)] : [desc(key), desc(system.id)];
	const where = systemFilter(
		organisationId,
		query,
		todayInUk(),
		await searchReadsIndex(ex, organisationId, query)
	);
	let after: { key: unknown; id: number } | null = null;
	for (let given = 0; given < limit;) {
		const want = Math.min(batchRows, limit - given);
		const boundary = keyAfter(key, ascending, after);
		const rows = await ex
			.select({
				id: system.id,
				externalRef: system.externalRef,
				name: system.name,
				supplier: system.supplier,
				product: system.product,
				directorateName: system.directorateName,
				serviceAreaName: serviceArea.name,
				hosting: system.hosting,
				criticality: system.criticality,
				userCount: system.userCount,
				annualRunCostPence: system.annualRunCostPence,
				contractStart: system.contractStart,
				contractEnd: system.contractEnd,
				contractNotice: system.contractNotice,
				personalData: system.personalData,
				lifecycle: system.lifecycle,
				reviewStatus: system.reviewStatus,
				outcomeFlags: system.outcomeFlags,
				sortKey: sql<unknown>`${key}`
			})
			.from(system)
			.leftJoin(serviceArea, eq(serviceArea.id, system.serviceAreaId))
			.where(and(where, boundary))
			.orderBy(...order)
			.limit(want);
		if (rows.length === 0) return;
		given += rows.length;
		const last = rows[rows.length - 1]!;
		after = { key: last.sortKey, id: last.id };
		yield rows.map(({ outcomeFlags, sortKey: _, ...r }) => ({
			...r,
			outcomes: outcomesOfFlags(outcomeFlags)
		}));
		if (rows.length < want) return;
		await letOthersRun();
	}
}

/** Every system matching a query, in the list's order, in one array (the Excel export and the tests). */
export async function exportSystems(
	ex: Executor,
	organisationId: number,
	query: SystemQuery,
	limit = EXPORT_LIMIT
): Promise<SystemExportRow[]> {
	const all: SystemExportRow[] = [];
	for await (const batch of exportSystemBatches(ex, organisationId, query, { limit }))
		for (const row of batch) all.push(row);
	return all;
}
