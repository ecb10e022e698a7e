/**
 * The systems list's queries: one filter for the page, its count, the CSV and Excel exports and the
 * data-quality figures, keyset pages on indexed sort keys, and counts bounded at COUNT_LIMIT. Every
 * function takes the caller's organisation id and filters by it.
 */
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { system, serviceArea, systemWorkstream } from '../db/schema';
import type { Executor } from '../db';
import {
	decodeCursor,
	encodeCursor,
	type SystemQuery,
	OUTCOME_BIT,
	TARGET_DATE_NOT_SET_BIT,
	WORKSTREAM_NOT_SET_BIT,
	outcomesOfFlags,
	type Outcome,
	CRITICALITY_RANK,
	NOT_ASSESSED,
	REVIEW_STATUS
} from '$lib/domain/systems';
import { addMonths, todayInUk } from '$lib/domain/dates';
import {
	GAP_INDEX,
	asExpressions,
	countThrough,
	gapFilteredBy,
	systemThrough
} from './system-gap-index';

type SystemRow = typeof system.$inferSelect;

export interface SystemListRow {
	id: number;
	name: string;
	supplier: string;
	product: string;
	directorateName: string;
	hosting: SystemRow['hosting'];
	criticality: SystemRow['criticality'];
	userCount: number | null;
	annualRunCostPence: number | null;
	contractEnd: string | null;
	reviewStatus: SystemRow['reviewStatus'];
	outcomes: Outcome[];
}

/** Escapes LIKE wildcards so a search for '100%' means the text '100%'. */
function likeContains(text: string): string {
	return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The search text as one FTS5 phrase: quoted, so its words, quotes and operators are plain text. */
function ftsPhrase(text: string): string {
	return `"${text.replace(/"/g, '""')}"`;
}

/**
 * From this many systems an organisation's search reads the trigram index. The index holds every
 * organisation's systems, so in a database of many small organisations it reads other
 * organisations' entries: measured at 400 organisations of 250, a search through it took 187 ms
 * against 3 ms for LIKE over the organisation's own rows. Past a few thousand rows LIKE costs more.
 */
export const SEARCH_INDEX_FROM = 2000;

/** Whether a search in this organisation reads the trigram index (see SEARCH_INDEX_FROM). */
export async function searchReadsIndex(
	ex: Executor,
	organisationId: number,
	query: SystemQuery
): Promise<boolean> {
	if ([...query.q].length < 3) return false;
	const [row] = await ex
		.select({ n: sql<number>`count(*)` })
		.from(
			sql`(SELECT 1 FROM ${system} WHERE ${system.organisationId} = ${organisationId} LIMIT ${SEARCH_INDEX_FROM})`
		);
	return (row?.n ?? 0) >= SEARCH_INDEX_FROM;
}

/**
 * How a search reads the trigram index: 'drive' starts from the index's matches (best when they are
 * few, and for a count that stops at COUNT_LIMIT); 'probe' walks the sort key's index and checks each
 * row against the matches (best for a page of 50 when matches are many: measured at 100,000 systems,
 * a common word's page took 160 ms driven by the index, sorting 8,000 matches, and 4 ms probing).
 */
export type SearchIndexUse = false | 'drive' | 'probe';

/** The WHERE clause for a list query; shared by the page, its count and the CSV export. */
export function systemFilter(
	organisationId: number,
	query: SystemQuery,
	today = todayInUk(),
	searchIndex: SearchIndexUse | boolean = false
): SQL {
	const conditions: (SQL | undefined)[] = [
		eq(system.organisationId, organisationId),
		sql`${system.lifecycle} <> 'archived'`
	];
	if (query.q) {
		const pattern = likeContains(query.q);
		// The trigram index narrows the candidates; LIKE keeps the meaning exact (trigrams fold the
		// case of non-ASCII letters too, LIKE only of ASCII ones). Under 3 characters there is no trigram.
		// A unary + keeps the planner from driving the query from the matches.
		const id = searchIndex === 'probe' ? sql`+${system.id}` : sql`${system.id}`;
		if (searchIndex && [...query.q].length >= 3)
			conditions.push(
				sql`${id} IN (SELECT rowid FROM system_search WHERE system_search MATCH ${ftsPhrase(query.q)})`
			);
		conditions.push(
			sql`(${system.name} LIKE ${pattern} ESCAPE '\\' OR ${system.supplier} LIKE ${pattern} ESCAPE '\\' OR ${system.product} LIKE ${pattern} ESCAPE '\\')`
		);
	}
	if (query.directorate === 'none') conditions.push(sql`${system.directorateId} IS NULL`);
	else if (query.directorate != null) conditions.push(eq(system.directorateId, query.directorate));
	if (query.serviceArea === 'none') conditions.push(sql`${system.serviceAreaId} IS NULL`);
	else if (query.serviceArea != null) conditions.push(eq(system.serviceAreaId, query.serviceArea));
	if (query.hosting) conditions.push(eq(system.hosting, query.hosting));
	// Filters go through the indexed sort keys and the outcome flags, so no filter needs a subquery.
	if (query.criticality)
		conditions.push(eq(system.criticalityRank, CRITICALITY_RANK[query.criticality]));
	// Written as literals, not parameters: SQLite uses a partial index only when the query repeats its
	// WHERE term as written, and these three have one each (the data-quality figures count from them).
	if (query.personalData === NOT_ASSESSED)
		conditions.push(sql`${system.personalData} = 'not_assessed'`);
	else if (query.personalData) conditions.push(eq(system.personalData, query.personalData));
	if (query.targetDate === 'none')
		conditions.push(
			sql`(${system.outcomeFlags} & ${sql.raw(String(TARGET_DATE_NOT_SET_BIT))}) <> 0`
		);
	if (query.replaceWorkstream === 'none')
		conditions.push(
			sql`(${system.outcomeFlags} & ${sql.raw(String(WORKSTREAM_NOT_SET_BIT))}) <> 0`
		);
	if (query.review === 'reviewed') conditions.push(sql`${system.reviewRank} > 1`);
	else if (query.review)
		conditions.push(eq(system.reviewRank, REVIEW_STATUS.indexOf(query.review) + 1));
	if (query.outcome === 'multiple') conditions.push(sql`${system.outcomeCount} > 1`);
	else if (query.outcome)
		conditions.push(sql`(${system.outcomeFlags} & ${OUTCOME_BIT[query.outcome]}) <> 0`);
	if (query.workstream != null) {
		conditions.push(
			sql`EXISTS (SELECT 1 FROM ${systemWorkstream} WHERE ${systemWorkstream.systemId} = ${system.id} AND ${systemWorkstream.workstreamId} = ${query.workstream})`
		);
	}
	if (query.endingWithin != null) {
		conditions.push(
			sql`${system.contractEnd} >= ${today} AND ${system.contractEnd} <= ${addMonths(today, query.endingWithin)}`
		);
	}
	return and(...conditions)!;
}

/** Each sort column's key: an indexed, never-NULL column (see the schema's sort keys). */
const SORT_KEY = {
	name: system.name,
	supplier: system.supplier,
	directorate: system.directorateName,
	hosting: system.hosting,
	criticality: system.criticalityRank,
	users: system.usersKey,
	cost: system.costKey,
	contractEnd: system.contractEndKey,
	review: system.reviewRank,
	updated: system.updatedAt
} as const;

/** Counts stop here: past it the page says 'more than 1,000', so a count never scans 100,000 rows. */
export const COUNT_LIMIT = 1000;

/** How many systems match a WHERE clause, counting no further than COUNT_LIMIT + 1. */
async function countMatching(ex: Executor, where: SQL): Promise<number> {
	const [row] = await ex
		.select({ n: sql<number>`count(*)` })
		.from(sql`(SELECT 1 FROM ${system} WHERE ${where} LIMIT ${COUNT_LIMIT + 1})`);
	return row?.n ?? 0;
}

export interface SystemPage {
	rows: SystemListRow[];
	/** Matching systems, exact up to COUNT_LIMIT. */
	total: number;
	totalIsExact: boolean;
	/** Cursors for the neighbouring pages, or '' at either end. */
	next: string;
	previous: string;
}

/**
 * One page of systems matching a query. Keyset pagination on (sort key, id), each pair indexed per
 * organisation, so any page of a 100,000-system portfolio reads only its own rows; the count is
 * bounded by COUNT_LIMIT.
 */
export async function listSystems(
	ex: Executor,
	organisationId: number,
	query: SystemQuery
): Promise<SystemPage> {
	const searchIndex = await searchReadsIndex(ex, organisationId, query);
	const today = todayInUk();
	const where = systemFilter(organisationId, query, today, searchIndex && 'drive');
	// A data-quality filter's systems are usually few: when they are (the count stops past COUNT_LIMIT),
	// read them through their own index and sort them, rather than walk the sort key's index past the rest.
	const gap = gapFilteredBy(query);
	const gapCount = gap
		? ((await countThrough(ex, GAP_INDEX[gap], where, COUNT_LIMIT))[0]?.n ?? 0)
		: null;
	const source =
		gap && gapCount != null && gapCount <= COUNT_LIMIT ? systemThrough(GAP_INDEX[gap]) : system;
	const key = SORT_KEY[query.sort];
	const after = decodeCursor(query.after);
	const before = after ? null : decodeCursor(query.before);
	// Reading backwards (a 'previous' page) walks the index the other way, then flips the rows.
	const backwards = before != null;
	const ascending = (query.dir === 'asc') !== backwards;
	const boundary = after ?? before;
	const conditions = [searchIndex ? systemFilter(organisationId, query, today, 'probe') : where];
	if (boundary) {
		const [boundaryKey, boundaryId] = boundary;
		conditions.push(
			ascending
				? sql`(${key}, ${system.id}) > (${boundaryKey}, ${boundaryId})`
				: sql`(${key}, ${system.id}) < (${boundaryKey}, ${boundaryId})`
		);
	}
	const order = ascending ? [asc(key), asc(system.id)] : [desc(key), desc(system.id)];
	const LIST_COLUMNS = {
		id: system.id,
		name: system.name,
		supplier: system.supplier,
		product: system.product,
		directorateName: system.directorateName,
		hosting: system.hosting,
		criticality: system.criticality,
		userCount: system.userCount,
		annualRunCostPence: system.annualRunCostPence,
		contractEnd: system.contractEnd,
		reviewStatus: system.reviewStatus,
		outcomeFlags: system.outcomeFlags,
		sortKey: sql<string | number>`${key}`
	};
	const [fetched, n] = await Promise.all([
		ex
			.select(source === system ? LIST_COLUMNS : asExpressions(LIST_COLUMNS))
			.from(source)
			.where(and(...conditions))
			.orderBy(...order)
			.limit(query.size + 1),
		gapCount ?? countMatching(ex, where)
	]);
	const more = fetched.length > query.size;
	const page = fetched.slice(0, query.size);
	if (backwards) page.reverse();
	const first = page[0];
	const last = page[page.length - 1];
	const hasNext = backwards ? true : more;
	const hasPrevious = backwards ? more : after != null;
	return {
		// The outcome flags, kept with the current review, say which outcomes apply: no second query.
		rows: page.map(({ sortKey: _key, outcomeFlags, ...r }) => ({
			...r,
			outcomes: outcomesOfFlags(outcomeFlags)
		})),
		total: Math.min(n, COUNT_LIMIT),
		totalIsExact: n <= COUNT_LIMIT,
		next: hasNext && last ? encodeCursor(last.sortKey, last.id) : '',
		previous: hasPrevious && first ? encodeCursor(first.sortKey, first.id) : ''
	};
}

export interface SystemExportRow extends Omit<SystemListRow, 'outcomes'> {
	externalRef: string | null;
	serviceAreaName: string | null;
	contractStart: string | null;
	contractNotice: string | null;
	personalData: SystemRow['personalData'];
	lifecycle: SystemRow['lifecycle'];
	outcomes: Outcome[];
}

/** Every system matching a query, in the list's order, for the CSV export (the same filter as the page). */
export async function exportSystems(
	ex: Executor,
	organisationId: number,
	query: SystemQuery,
	limit = 200_000
): Promise<SystemExportRow[]> {
	const key = SORT_KEY[query.sort];
	const order = query.dir === 'asc' ? [asc(key), asc(system.id)] : [desc(key), desc(system.id)];
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
			outcomeFlags: system.outcomeFlags
		})
		.from(system)
		.leftJoin(serviceArea, eq(serviceArea.id, system.serviceAreaId))
		.where(
			systemFilter(
				organisationId,
				query,
				todayInUk(),
				await searchReadsIndex(ex, organisationId, query)
			)
		)
		.orderBy(...order)
		.limit(limit);
	return rows.map(({ outcomeFlags, ...r }) => ({ ...r, outcomes: outcomesOfFlags(outcomeFlags) }));
}
