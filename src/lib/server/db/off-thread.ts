/**
 * One write transaction on a connection of its own in a worker thread, for the rare write too large
 * for the event loop: a key save that works a year of 1,430,000 recharges out again. A query on a
 * local file runs synchronously on the thread that makes it, and the COMMIT of a transaction that
 * changed some 70,000 pages writes (or, after the page cache spilled, re-checksums) every frame it
 * added to the write-ahead log: measured at 1,000,000 cost lines, 370-810 ms in the COMMIT alone,
 * whatever the page cache size. Here every statement, the COMMIT included, runs in the worker; the
 * event loop only posts each statement and waits for its answer, so other requests are served
 * meanwhile. The worker's connection is a connection like any other: the same write lock, the same
 * foreign keys and busy timeout, and if the worker dies mid-way SQLite rolls the transaction back.
 */
import { Worker } from 'node:worker_threads';
import {
	LibsqlError,
	type Client,
	type InStatement,
	type ResultSet,
	type Row
} from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { queued, inTransaction, type Database, type Executor } from './index';
import { checkpointerRunning } from './checkpointer';
import * as schema from './schema';

// CommonJS run by the worker; `require` resolves from the app's folder, where @libsql/client is installed.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createClient } = require('@libsql/client');
const client = createClient({ url: workerData.url });
let tx;
parentPort.on('message', async ({ id, op, stmt }) => {
	try {
		let result;
		if (op === 'begin') {
			for (const pragma of workerData.pragmas) await client.execute(pragma);
			tx = await client.transaction('write');
		} else if (op === 'execute') {
			const r = await tx.execute(stmt);
			result = {
				columns: r.columns,
				columnTypes: r.columnTypes,
				rows: r.rows.map((row) => Array.prototype.slice.call(row)),
				rowsAffected: r.rowsAffected,
				lastInsertRowid: r.lastInsertRowid
			};
		} else if (op === 'commit') await tx.commit();
		else if (op === 'rollback') await tx.rollback();
		else if (op === 'close') client.close();
		parentPort.postMessage({ id, result });
	} catch (e) {
		parentPort.postMessage({ id, error: {
			message: String((e && e.message) || e), code: e && e.code,
			extendedCode: e && e.extendedCode, rawCode: e && e.rawCode
		} });
	}
});
`;

interface Answer {
	id: number;
	result?: WireResult;
	error?: { message: string; code?: string; extendedCode?: string; rawCode?: number };
}
interface WireResult {
	columns: string[];
	columnTypes: string[];
	rows: unknown[][];
	rowsAffected: number;
	lastInsertRowid: bigint | undefined;
}

/** A row as @libsql/client makes it: indexed values, and each column by name (drizzle reads both). */
function rowOf(values: unknown[], columns: string[]): Row {
	const row = {} as Row;
	Object.defineProperty(row, 'length', { value: values.length });
	values.forEach((value, i) => {
		Object.defineProperty(row, i, { value });
		const column = columns[i]!;
		if (!Object.hasOwn(row, column))
			Object.defineProperty(row, column, {
				value,
				enumerable: true,
				configurable: true,
				writable: true
			});
	});
	return row;
}

function resultOf(wire: WireResult): ResultSet {
	const rows = wire.rows.map((values) => rowOf(values, wire.columns));
	return {
		columns: wire.columns,
		columnTypes: wire.columnTypes,
		rows,
		rowsAffected: wire.rowsAffected,
		lastInsertRowid: wire.lastInsertRowid,
		toJSON: () => ({ ...wire })
	};
}

/**
 * The transaction's end of the worker, shaped as @libsql/client's Transaction as far as drizzle and
 * db/bulk.ts use it (execute, batch, commit, rollback, close).
 */
export class OffThreadTransaction {
	#worker: Worker;
	#next = 0;
	#pending = new Map<number, { resolve: (a: Answer) => void; reject: (e: Error) => void }>();
	#ended = false;

	private constructor(worker: Worker) {
		this.#worker = worker;
		worker.on('message', (answer: Answer) => {
			const waiting = this.#pending.get(answer.id);
			this.#pending.delete(answer.id);
			waiting?.resolve(answer);
		});
		const fail = (error: Error) => {
			for (const waiting of this.#pending.values()) waiting.reject(error);
			this.#pending.clear();
			this.#ended = true;
		};
		worker.on('error', fail);
		worker.on('exit', (code) => fail(new Error(`the database worker stopped (exit code ${code})`)));
	}

	/** Starts a worker on `url` (a local file) and begins a write transaction there after `pragmas`. */
	static async begin(url: string, pragmas: readonly string[]): Promise<OffThreadTransaction> {
		const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { url, pragmas } });
		const tx = new OffThreadTransaction(worker);
		try {
			await tx.#ask('begin');
		} catch (error) {
			await tx.close();
			throw error;
		}
		return tx;
	}

	#ask(op: string, stmt?: InStatement): Promise<WireResult | undefined> {
		if (this.#ended) return Promise.reject(new Error('the database worker has stopped'));
		const id = this.#next++;
		return new Promise<Answer>((resolve, reject) => {
			this.#pending.set(id, { resolve, reject });
			this.#worker.postMessage({ id, op, stmt });
		}).then((answer) => {
			if (answer.error) {
				const { message, code, extendedCode, rawCode } = answer.error;
				throw new LibsqlError(message, code ?? 'UNKNOWN', extendedCode, rawCode);
			}
			return answer.result;
		});
	}

	async execute(stmt: InStatement | string, args?: unknown[]): Promise<ResultSet> {
		const statement = typeof stmt === 'string' ? { sql: stmt, args: args ?? [] } : stmt;
		return resultOf((await this.#ask('execute', statement as InStatement))!);
	}

	async batch(stmts: InStatement[]): Promise<ResultSet[]> {
		const out: ResultSet[] = [];
		for (const stmt of stmts) out.push(await this.execute(stmt));
		return out;
	}

	async commit(): Promise<void> {
		await this.#ask('commit');
	}

	async rollback(): Promise<void> {
		if (!this.#ended) await this.#ask('rollback');
	}

	/** Closes the worker's connection and stops it (after commit or rollback). */
	async close(): Promise<void> {
		if (!this.#ended) await this.#ask('close').catch(() => undefined);
		this.#ended = true;
		await this.#worker.terminate();
	}
}

/**
 * Runs `work` in one write transaction on a worker's connection, queued behind the other writes to
 * this database in this process as db/index.ts `inTransaction` is; the same per-connection settings.
 * A database server, or an in-memory file a second connection would not share, runs it as
 * `inTransaction` does: on a server a statement never holds the event loop anyway.
 */
export function inWorkerTransaction<T>(
	database: Database,
	work: (tx: Executor) => Promise<T>
): Promise<T> {
	if (
		!database.isLocalFile ||
		database.url.includes(':memory:') ||
		database.url.includes('mode=memory')
	)
		return inTransaction(database, work);
	return queued(database.client, async () => {
		const tx = await OffThreadTransaction.begin(database.url, [
			'PRAGMA foreign_keys = ON',
			'PRAGMA busy_timeout = 5000',
			'PRAGMA cache_size = -65536',
			`PRAGMA wal_autocheckpoint = ${checkpointerRunning() ? 0 : 1000}`
		]);
		try {
			// drizzle begins, commits or rolls back through the client's transaction: this one.
			const client = { transaction: async () => tx } as unknown as Client;
			return await drizzle(client, { schema }).transaction(work);
		} finally {
			await tx.close();
		}
	});
}
