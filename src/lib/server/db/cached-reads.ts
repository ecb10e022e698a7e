/**
 * Reads on an embedded file through statements prepared once. @libsql/client prepares every
 * statement afresh, asks for its columns twice and builds each row with Object.defineProperty per
 * value; at 100,000 systems that was about a fifth of a /systems request's CPU (profile samples,
 * bench/systems-profile.js). This wraps a file client so that a SELECT outside a transaction runs
 * on a read-only connection of its own (libsql, the engine @libsql/client drives on a file) from a
 * bounded cache of prepared statements, with rows shaped as @libsql/client shapes them.
 *
 * Everything else (writes, PRAGMAs, batches, transactions, which take a connection of their own)
 * goes to the client unchanged. The read connection is in the same process on the same WAL file,
 * so it sees every committed write at once: a statement that has run to its end holds no snapshot.
 * Integers come back as numbers, and one beyond 2^53 is refused as @libsql/client refuses it.
 */
import type { Client, InArgs, InStatement, InValue, ResultSet, Row } from '@libsql/client';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

interface NativeStatement {
	readonly reader: boolean;
	raw(on?: boolean): NativeStatement;
	safeIntegers(on?: boolean): NativeStatement;
	columns(): { name: string; type: string | null }[];
	all(args: unknown[] | Record<string, unknown>): unknown[][];
}
interface NativeDatabase {
	prepare(sql: string): NativeStatement;
	exec(sql: string): void;
	close(): void;
}

interface Prepared {
	statement: NativeStatement;
	columns: string[];
	columnTypes: string[];
}

/** Distinct statements kept prepared; past this the least recently used is dropped (finalized when collected). */
const MAX_STATEMENTS = 300;
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Only plain reads go to the read connection: a PRAGMA or a write (even one that returns rows) does not. */
const READ = /^\s*(select|with)\b/i;
/**
 * A connection loads the planner's statistics (sqlite_stat1) when it first reads the schema, and an
 * ANALYZE on another connection does not make it load them again (the schema cookie moves only when
 * the statistics table is created). So after an ANALYZE through this client the read connection and
 * its prepared statements are dropped, and the next read opens a connection that plans with the new
 * statistics: otherwise the start-up ANALYZE, which runs after the first read, would reach the
 * read connection only at the next restart.
 */
const ANALYZE = /^\s*analyze\b/i;

/**
 * A wrapped client's route for a read whose rows the caller maps by position: `(sql, args)` gives
 * each row as a plain array of its values, with no row object built (see raw-rows.ts).
 */
export const READ_VALUES = Symbol('read values');

/** How many times a wrapped client has opened its read connection (for tests). */
export const READ_CONNECTION_OPENS = Symbol('read connection opens');

function fromSql(value: unknown): unknown {
	if (typeof value === 'bigint') {
		if (value < MIN_SAFE || value > MAX_SAFE)
			throw new RangeError(
				'Received integer which cannot be safely represented as a JavaScript number'
			);
		return Number(value);
	}
	if (value instanceof Buffer)
		return value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength);
	return value;
}

function toSql(value: InValue | undefined): unknown {
	if (typeof value === 'number' && !Number.isFinite(value))
		throw new RangeError('Only finite numbers (not Infinity or NaN) can be passed as arguments');
	if (typeof value === 'boolean') return value ? 1 : 0;
	if (value instanceof ArrayBuffer) return Buffer.from(value);
	if (value instanceof Date) return value.valueOf();
	if (value === undefined)
		throw new TypeError('undefined cannot be passed as argument to the database');
	return value;
}

/**
 * A row as @libsql/client makes it: a plain object (so it serialises as one) with each column's
 * value under its name (the first column of a name wins, and an index wins over a name), and
 * index access and a length that are not enumerable. Names are assigned rather than defined.
 */
function toRow(raw: unknown[], columns: string[]): Row {
	const row: Record<string | number, unknown> = {};
	Object.defineProperty(row, 'length', { value: raw.length });
	for (let i = 0; i < raw.length; i++) {
		const value = fromSql(raw[i]);
		Object.defineProperty(row, i, { value });
		const name = columns[i]!;
		if (!Object.hasOwn(row, name)) row[name] = value;
	}
	return row as unknown as Row;
}

class CachedResultSet implements ResultSet {
	rowsAffected = 0;
	lastInsertRowid = undefined;
	constructor(
		public columns: string[],
		public columnTypes: string[],
		public rows: Row[]
	) {}
	toJSON() {
		return {
			columns: this.columns,
			columnTypes: this.columnTypes,
			rows: this.rows.map((r) => Array.prototype.slice.call(r)),
			rowsAffected: 0,
			lastInsertRowid: null
		};
	}
}

/**
 * Wraps a client on an embedded file so its plain reads run from cached prepared statements on a
 * read-only connection to `path`. `close()` closes both.
 */
export function withCachedReads(client: Client, path: string): Client {
	let connection: NativeDatabase | undefined;
	const cache = new Map<string, Prepared | null>();

	let opens = 0;

	function drop() {
		cache.clear();
		connection?.close();
		connection = undefined;
	}

	function open(): NativeDatabase {
		opens++;
		const Database = createRequire(import.meta.url)('libsql') as new (p: string) => NativeDatabase;
		const opened = new Database(path);
		// The main connection's read settings (db/index.ts), a wait rather than an error while the
		// log is being reset, and no writes: this connection only reads.
		opened.exec(
			'PRAGMA cache_size = -65536; PRAGMA mmap_size = 268435456; PRAGMA busy_timeout = 5000; PRAGMA query_only = ON'
		);
		return opened;
	}

	function prepared(sql: string): Prepared | null {
		const hit = cache.get(sql);
		if (hit !== undefined) {
			cache.delete(sql);
			cache.set(sql, hit);
			return hit;
		}
		connection ??= open();
		const statement = connection.prepare(sql);
		let entry: Prepared | null = null;
		if (statement.reader) {
			statement.raw(true).safeIntegers(true);
			const described = statement.columns();
			const columns = described.map((c) => c.name);
			entry = {
				statement,
				columns,
				columnTypes: described.map((c) => c.type ?? '')
			};
		}
		cache.set(sql, entry);
		if (cache.size > MAX_STATEMENTS) cache.delete(cache.keys().next().value!);
		return entry;
	}

	function bind(given: InArgs) {
		return Array.isArray(given)
			? given.map(toSql)
			: Object.fromEntries(
					Object.entries(given).map(([k, v]) => [k.replace(/^[@$:]/, ''), toSql(v)])
				);
	}

	/** The rows of a plain read as arrays of values, converted in place (no row objects). */
	async function values(sql: string, args: InValue[]): Promise<unknown[][]> {
		const entry =
			!client.closed && READ.test(sql) && (connection || existsSync(path)) ? prepared(sql) : null;
		if (!entry) {
			const { rows } = await execute({ sql, args });
			return rows.map((r) => Array.prototype.slice.call(r));
		}
		const rows = entry.statement.all(bind(args));
		for (const row of rows)
			for (let i = 0; i < row.length; i++) {
				const v = row[i];
				if (typeof v === 'bigint' || v instanceof Buffer) row[i] = fromSql(v);
			}
		return rows;
	}

	async function execute(stmtOrSql: InStatement, args?: InValue[]): Promise<ResultSet> {
		const stmt = typeof stmtOrSql === 'string' ? { sql: stmtOrSql, args: args ?? [] } : stmtOrSql;
		// Until the client has made the file, there is nothing to read (and no file to open).
		if (ANALYZE.test(stmt.sql)) {
			const result = await client.execute(stmt);
			drop();
			return result;
		}
		if (client.closed || !READ.test(stmt.sql) || (!connection && !existsSync(path)))
			return client.execute(stmt);
		const entry = prepared(stmt.sql);
		if (!entry) return client.execute(stmt);
		const { columns } = entry;
		const rows = entry.statement.all(bind(stmt.args ?? [])).map((raw) => toRow(raw, columns));
		return new CachedResultSet(columns, entry.columnTypes, rows);
	}

	return new Proxy(client, {
		get(target, property) {
			if (property === 'execute') return execute;
			if (property === READ_VALUES) return values;
			if (property === READ_CONNECTION_OPENS) return opens;
			if (property === 'close')
				return () => {
					drop();
					target.close();
				};
			const value = Reflect.get(target, property, target);
			return typeof value === 'function' ? value.bind(target) : value;
		}
	});
}
