/**
 * Search on the systems list: name, supplier or product containing the text, narrowed by the FTS5
 * trigram index (migration ops15b_system_search) in organisations large enough for it to pay.
 */
import { sql, type SQL } from 'drizzle-orm';
import { system } from '../db/schema';
import type { Executor } from '../db';
import type { SystemQuery } from '$lib/domain/systems';

/** Escapes LIKE wildcards so a search for '100%' means the text '100%'. */
function likeContains(text: string): string {
	return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The search text as an FTS5 query: each of its trigrams (3 characters, as the trigram tokenizer
 * cuts them) quoted, so quotes and operators are plain text, and ANDed. The index holds no
 * positions (detail=none, migration imp13c_search_index_rowids), so it cannot match a phrase: it
 * answers 'rows holding every trigram', a superset that the LIKE beside it narrows to the exact text.
 */
function ftsTrigrams(text: string): string {
	const chars = [...text];
	const trigrams = new Set<string>();
	for (let i = 0; i + 3 <= chars.length; i++) trigrams.add(chars.slice(i, i + 3).join(''));
	return [...trigrams].map((t) => `"${t.replace(/"/g, '""')}"`).join(' AND ');
}

/**
 * From this many systems an organisation's search reads the trigram index. The index holds every
 * organisation's systems, so in a database of many small organisations it reads other
 * organisations' entries: measured at 400 organisations of 250, a search through it took 187 ms
 * against 3 ms for LIKE over the organisation's own rows. Past a few thousand rows LIKE costs more.
 */
export const SEARCH_INDEX_FROM = 2000;

/** Whether an organisation has SEARCH_INDEX_FROM systems or more, so that its searches read the index. */
export async function reachesSearchIndex(ex: Executor, organisationId: number): Promise<boolean> {
	const [row] = await ex
		.select({ n: sql<number>`count(*)` })
		.from(
			sql`(SELECT 1 FROM ${system} WHERE ${system.organisationId} = ${organisationId} LIMIT ${SEARCH_INDEX_FROM})`
		);
	return (row?.n ?? 0) >= SEARCH_INDEX_FROM;
}

/** Whether this search reads the trigram index: a text of 3 characters or more, in a large organisation. */
export function searchUsesIndex(q: string, organisationReachesIndex: boolean): boolean {
	return organisationReachesIndex && [...q].length >= 3;
}

/** Whether a search in this organisation reads the trigram index (see SEARCH_INDEX_FROM). */
export async function searchReadsIndex(
	ex: Executor,
	organisationId: number,
	query: SystemQuery
): Promise<boolean> {
	if ([...query.q].length < 3) return false;
	return searchUsesIndex(query.q, await reachesSearchIndex(ex, organisationId));
}

/**
 * How a search reads the trigram index: 'drive' starts from the index's matches (best when they are
 * few, and for a count that stops at the count limit); 'probe' walks the sort key's index and checks
 * each row against the matches (best for a page of 50 when matches are many: measured at 100,000
 * systems, a common word's page took 160 ms driven by the index, sorting 8,000 matches, and 4 ms probing).
 */
export type SearchIndexUse = false | 'drive' | 'probe';

/** The conditions for a search: the index's matches when it is used, and LIKE, which keeps the meaning exact. */
export function searchConditions(q: string, searchIndex: SearchIndexUse | boolean): SQL[] {
	const pattern = likeContains(q);
	const conditions: SQL[] = [];
	// Trigrams fold the case of non-ASCII letters too, LIKE only of ASCII ones; under 3 characters
	// there is no trigram. A unary + keeps the planner from driving the query from the matches.
	const id = searchIndex === 'probe' ? sql`+${system.id}` : sql`${system.id}`;
	if (searchIndex && [...q].length >= 3)
		conditions.push(
			sql`${id} IN (SELECT rowid FROM system_search WHERE system_search MATCH ${ftsTrigrams(q)})`
		);
	conditions.push(
		sql`(${system.name} LIKE ${pattern} ESCAPE '\\' OR ${system.supplier} LIKE ${pattern} ESCAPE '\\' OR ${system.product} LIKE ${pattern} ESCAPE '\\')`
	);
	return conditions;
}
