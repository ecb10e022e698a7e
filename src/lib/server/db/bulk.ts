/**
 * Multi-row statements for bulk work (an import of 100,000 systems). They run through
 * @libsql/client directly, on the same connection and transaction as the drizzle executor they are
 * given: drizzle's insert builder costs about 3.5x as much per row (measured here: 95k rows/s against 333k rows/s in multi-row statements).
 */
import type { InValue, Transaction, Client, ResultSet } from '@libsql/client';
import type { Executor } from './index';
import { onEmbeddedFile } from './database';

/** SQLite accepts at most 32,766 bound values in one statement. */
const MAX_VALUES = 32_000;

type Runner = Pick<Transaction | Client, 'execute'>;

/**
 * The libsql transaction (or client) behind a drizzle executor. drizzle keeps it on the session,
 * unexported; reading it here keeps that knowledge in one place, and the integration tests check
 * that statements run through it roll back with the transaction.
 */
export function runnerOf(ex: Executor): Runner {
	const session = (ex as unknown as { session?: { tx?: Transaction; client?: Client } }).session;
	const runner = session?.tx ?? session?.client;
	if (!runner) throw new Error('drizzle executor without a libsql session');
	return runner;
}

export function execute(ex: Executor, sql: string, args: InValue[] = []): Promise<ResultSet> {
	return runnerOf(ex).execute({ sql, args });
}

/**
 * Inserts `rows` (each in `columns` order) with as few statements as the bound-value limit allows.
 * `suffix` follows the VALUES list (e.g. 'ON CONFLICT DO NOTHING' or 'RETURNING id'); the result
 * rows of every statement are returned in order.
 */
export async function insertRows(
	ex: Executor,
	table: string,
	columns: readonly string[],
	rows: readonly InValue[][],
	suffix = ''
): Promise<ResultSet['rows']> {
	const runner = runnerOf(ex);
	const perStatement = Math.max(1, Math.floor(MAX_VALUES / columns.length));
	const tuple = `(${columns.map(() => '?').join(',')})`;
	const head = `INSERT INTO ${table} (${columns.join(',')}) VALUES `;
	const out: ResultSet['rows'] = [];
	let fullSql = '';
	for (let i = 0; i < rows.length; i += perStatement) {
		const batch = rows.slice(i, i + perStatement);
		const sql =
			batch.length === perStatement && fullSql
				? fullSql
				: `${head}${Array(batch.length).fill(tuple).join(',')} ${suffix}`;
		if (batch.length === perStatement) fullSql = sql;
		const result = await runner.execute({ sql, args: batch.flat() });
		for (const row of result.rows) out.push(row);
		await letOthersRun();
	}
	return out;
}

/** Lets other requests run between the statements of a long piece of work (one event-loop turn). */
export function letOthersRun(): Promise<void> {
	return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Runs `steps` one after another, each in a turn of the event loop of its own. A query on a local
 * file runs synchronously, so awaiting several in a row (or in Promise.all) holds the loop for all
 * of them: a page made of many reads lets other requests in between its reads this way. On a
 * database server a query is a request that does not hold the loop, so the steps run at once and
 * their round trips overlap, rather than each waiting for the one before.
 */
export async function inTurns<T extends readonly (() => Promise<unknown>)[]>(
	...steps: T
): Promise<{ -readonly [K in keyof T]: T[K] extends () => Promise<infer R> ? R : never }> {
	type Results = { -readonly [K in keyof T]: T[K] extends () => Promise<infer R> ? R : never };
	if (!onEmbeddedFile()) return (await Promise.all(steps.map((step) => step()))) as Results;
	const results: unknown[] = [];
	for (const step of steps) {
		results.push(await step());
		await letOthersRun();
	}
	return results as Results;
}
