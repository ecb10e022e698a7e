/**
 * A drizzle-built read whose rows the caller maps by position: the statement is built by drizzle
 * (one definition of the query), but runs without drizzle's result mapping. On an embedded file it
 * runs from the cached prepared statements of cached-reads.ts with each row left as the array
 * libsql returns, so no row object is built twice; at 100,000 systems drizzle's execution and row
 * mapping with @libsql/client's row objects were about a tenth of a /systems request (profile
 * samples, bench/systems-profile.js). Inside a transaction the read stays on the transaction.
 */
import type { Client, InValue } from '@libsql/client';
import type { Executor } from '.';
import { READ_VALUES } from './cached-reads';

type ReadValues = (sql: string, args: InValue[]) => Promise<unknown[][]>;

/** A query that drizzle can both render to SQL and run returning rows as arrays. */
interface BuiltRead {
	toSQL(): { sql: string; params: unknown[] };
	values(): Promise<unknown[][]>;
}

/** The rows of `query` as arrays of values in the order of its select list. */
export async function readValues(ex: Executor, query: BuiltRead): Promise<unknown[][]> {
	// Only the database handle carries its client; a transaction runs the query as drizzle would.
	const client = (ex as { $client?: Client }).$client;
	if (!client) return query.values();
	const { sql, params } = query.toSQL();
	const args = params as InValue[];
	const route = (client as unknown as { [READ_VALUES]?: ReadValues })[READ_VALUES];
	if (route) return route(sql, args);
	const { rows } = await client.execute({ sql, args });
	return rows as unknown as unknown[][];
}
