/**
 * The systems list's queries: one filter for the page, its count, the CSV and Excel exports
 * (system-export.ts) and the data-quality figures, keyset pages on indexed sort keys, and counts
 * bounded at COUNT_LIMIT. Every function takes the caller's organisation id and filters by it.
 */
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { system, systemWorkstream } from '../db/schema';
import type { Executor } from '../db';
import { readValues } from '../db/raw-rows';
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
import {
	reachesSearchIndex,
	searchConditions,
	searchUsesIndex,
	type SearchIndexUse
} from './system-search';

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
	if (query.q) conditions.push(...searchConditions(query.q, searchIndex));
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
export const SORT_KEY = {
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
	const [row] = await readValues(
		ex,
		ex
			.select({ n: sql<number>`count(*)` })
			.from(sql`(SELECT 1 FROM ${system} WHERE ${where} LIMIT ${COUNT_LIMIT + 1})`)
	);
	return Number(row?.[0] ?? 0);
}

/** Where the sort key sits in a fetched row (after the twelve columns listRow reads). */
const SORT_KEY_AT = 12;

/**
 * A list row from its values in LIST_COLUMNS order. The columns are plain text and integers, which
 * drizzle would pass through unchanged; the outcome flags, kept with the current review, say which
 * outcomes apply, so no second query is needed.
 */
function listRow(v: unknown[]): SystemListRow {
	return {
		id: v[0] as number,
		name: v[1] as string,
		supplier: v[2] as string,
		product: v[3] as string,
		directorateName: v[4] as string,
		hosting: v[5] as SystemRow['hosting'],
		criticality: v[6] as SystemRow['criticality'],
		userCount: v[7] as number | null,
		annualRunCostPence: v[8] as number | null,
		contractEnd: v[9] as string | null,
		reviewStatus: v[10] as SystemRow['reviewStatus'],
		outcomes: outcomesOfFlags(v[11] as number)
	};
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
 * bounded by COUNT_LIMIT. `reachesIndex` (whether the organisation is large enough for a search to
 * read the trigram index) is asked of the database unless the caller knows it (system-list-facts.ts).
 */
export async function listSystems(
	ex: Executor,
	organisationId: number,
	query: SystemQuery,
	reachesIndex?: boolean
): Promise<SystemPage> {
	const searchIndex =
		[...query.q].length >= 3 &&
		searchUsesIndex(query.q, reachesIndex ?? (await reachesSearchIndex(ex, organisationId)));
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
	// The select list, in the order listRow reads it.
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
		readValues(
			ex,
			ex
				.select(source === system ? LIST_COLUMNS : asExpressions(LIST_COLUMNS))
				.from(source)
				.where(and(...conditions))
				.orderBy(...order)
				.limit(query.size + 1)
		),
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
		rows: page.map(listRow),
		total: Math.min(n, COUNT_LIMIT),
		totalIsExact: n <= COUNT_LIMIT,
		next:
			hasNext && last ? encodeCursor(last[SORT_KEY_AT] as string | number, last[0] as number) : '',
		previous:
			hasPrevious && first
				? encodeCursor(first[SORT_KEY_AT] as string | number, first[0] as number)
				: ''
	};
}
