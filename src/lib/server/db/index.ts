import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { sql } from 'drizzle-orm';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { applyMigrations, SESSION_MIGRATIONS } from './migrate';
import { checkpointerRunning, startCheckpointer } from './checkpointer';
import { checkDatabaseServer } from './server-check';
import { withCachedReads } from './cached-reads';
import * as schema from './schema';
import * as sessionSchema from './session-schema';

export type Db = LibSQLDatabase<typeof schema>;
/** A database handle or an open transaction: repos accept either, services pass a transaction. */
export type Executor = Db | Parameters<Parameters<Db['transaction']>[0]>[0];

export const DEFAULT_DATABASE_URL = 'file:data/portfolio.db';

export interface Database {
	client: Client;
	db: Db;
	url: string;
	isLocalFile: boolean;
}

/**
 * On an embedded file (not an in-memory one, which a second connection would not share), plain
 * reads run from statements prepared once on a read connection of their own (cached-reads.ts).
 * A server gets the client as it is: every statement there is a request to sqld anyway.
 */
function readsPrepared(client: Client, url: string): Client {
	const path = url.startsWith('file:') ? (url.slice('file:'.length).split('?')[0] ?? '') : '';
	if (!path || path === ':memory:' || url.includes('mode=memory')) return client;
	return withCachedReads(client, decodeURIComponent(path));
}

/**
 * Opens the database at `url` (an embedded SQLite file by default, or a sqld server).
 * For a local file it makes the folder, and switches on WAL so readers never wait for a writer.
 */
export function openDatabase(
	url: string = process.env.DATABASE_URL || DEFAULT_DATABASE_URL
): Database {
	const isLocalFile = url.startsWith('file:');
	if (isLocalFile) {
		const path = url.slice('file:'.length).split('?')[0] ?? '';
		if (path && path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
	}
	const client = readsPrepared(
		createClient({ url, authToken: process.env.DATABASE_AUTH_TOKEN || undefined }),
		url
	);
	const db = drizzle(client, { schema });
	return { client, db, url, isLocalFile };
}

/**
 * Checks that a database server answers, accepts the token and enforces foreign keys
 * (server-check.ts); nothing to check on an embedded file, which the app opens and configures itself.
 * Run for every database before any is migrated, so a bad second URL leaves the first untouched.
 */
export async function checkDatabase(database: Database, { writes = true } = {}): Promise<void> {
	if (!database.isLocalFile)
		await checkDatabaseServer(database.client, database.url, 'DATABASE_AUTH_TOKEN', { writes });
}

/**
 * Applies every committed migration, then checks foreign keys, which drizzle's migrator does not
 * (it runs no PRAGMA foreign_key_check). Throws when a row points nowhere, rather than serving bad data.
 * The per-connection PRAGMAs are for an embedded file only: sqld refuses them as unsupported
 * statements (SQL_PARSE_ERROR), and sets up its own connections.
 */
export async function migrateDatabase(database: Database): Promise<void> {
	if (database.isLocalFile) {
		await database.client.execute('PRAGMA journal_mode = WAL');
		await configureConnection(database);
	}
	await applyMigrations(database.client);
	const broken = await database.client.execute('PRAGMA foreign_key_check');
	if (broken.rows.length > 0) {
		throw new Error(
			`foreign key check failed after migration: ${broken.rows.length} row(s) point at missing records`
		);
	}
}

/**
 * Per-connection settings of the client's own connection: a 64 MiB page cache, and no memory map.
 * Pages' reads go to the read connection (cached-reads.ts), which maps the file; this connection
 * writes, and each transaction takes it over (@libsql/client then opens a fresh one, so this runs
 * again). A transaction's connection is never used again but is freed only when collected, and
 * while it lingers its map of the file (every page it touched) counted in the server's memory: at
 * the 100,000-row import's second preview, 414 MB at peak with the map, 346 MB without (quiet runs,
 * 19:28 and 19:41 UTC, 6 December), the import's speed the same.
 */
async function configureConnection(database: Database): Promise<void> {
	if (!database.isLocalFile) return;
	await database.client.execute('PRAGMA cache_size = -65536');
	await database.client.execute('PRAGMA mmap_size = 0');
	await database.client.execute('PRAGMA foreign_keys = ON');
	// A worker checkpoints the log instead of the commit that crosses the threshold (checkpointer.ts).
	await database.client.execute(`PRAGMA wal_autocheckpoint = ${checkpointerRunning() ? 0 : 1000}`);
}

/**
 * Hands the log's checkpoints to a worker thread (a local file that is not in memory only), so a
 * large commit does not copy the log into the database file on the event loop.
 */
export async function checkpointInBackground(database: Database): Promise<void> {
	if (!database.isLocalFile || database.url.includes(':memory:')) return;
	startCheckpointer(database.url);
	await configureConnection(database);
}

/**
 * Runs `work` on a connection of its own for reading most of the database once (an import's diff
 * against every system): on a local file, without memory-mapped reads and with an 8 MiB page cache,
 * so the pages it passes over stay in the operating system's file cache rather than in this process,
 * and the connection's memory is given back when it closes. A sqld server needs none of this: the
 * shared client is used.
 */
export async function withBulkReader<T>(
	database: Database,
	work: (ex: Executor) => Promise<T>
): Promise<T> {
	if (!database.isLocalFile || database.url.includes(':memory:')) return work(database.db);
	const client = createClient({ url: database.url });
	try {
		await client.execute('PRAGMA mmap_size = 0');
		await client.execute('PRAGMA cache_size = -8192');
		await client.execute('PRAGMA query_only = ON');
		return await work(drizzle(client, { schema }));
	} finally {
		client.close();
	}
}

/**
 * Runs `work` in one read transaction (BEGIN DEFERRED: a snapshot from its first read, no write
 * lock; WAL lets writers go on) on a connection of its own, so the shared client's connection, set
 * up for the write queue, is never swapped out. On a server `work` runs on the shared client without
 * a transaction: an interactive transaction held open while a slow client downloads would outlive
 * the server's transaction timeout.
 */
export async function withSnapshotReader<T>(
	database: Database,
	work: (ex: Executor) => Promise<T>
): Promise<T> {
	if (!database.isLocalFile || database.url.includes(':memory:')) return work(database.db);
	const client = createClient({ url: database.url });
	try {
		await client.execute('PRAGMA busy_timeout = 5000');
		await client.execute('PRAGMA query_only = ON');
		// BEGIN by hand: drizzle's transaction() on libSQL begins IMMEDIATE (a write lock) whatever
		// behaviour it is given. On this client of its own, every statement uses the one connection.
		await client.execute('BEGIN DEFERRED');
		try {
			return await work(drizzle(client, { schema }));
		} finally {
			// Nothing was written: ending the snapshot cannot lose anything, and the connection closes next.
			await client.execute('ROLLBACK').catch(() => undefined);
		}
	} finally {
		client.close();
	}
}

/**
 * One queue of writes per client, so a transaction never starts while another on the same database
 * is open: on a local file, @libsql/client hands each transaction its own connection, which has no
 * busy timeout, so two overlapping writers would fail with SQLITE_BUSY. The session database has a
 * client (and so a queue) of its own, so its writes never wait for the main database's.
 */
const writeQueues = new WeakMap<Client, Promise<unknown>>();
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export function queued<T>(client: Client, run: () => Promise<T>): Promise<T> {
	// A turn of the event loop before each: writes queued behind a long one (an import's commit)
	// would otherwise run back to back in one turn, holding every page load until the last is saved.
	const result = (writeQueues.get(client) ?? Promise.resolve()).then(nextTurn, nextTurn).then(run);
	writeQueues.set(
		client,
		result.catch(() => undefined)
	);
	return result;
}

/**
 * The last statement of a write transaction on a local file. @libsql/client never uses a
 * transaction's connection again, and the page cache of such a connection (every page the
 * transaction wrote or read) stayed in this process's memory even after garbage collection:
 * measured here, 40 transactions writing 2,500 rows each kept 141 MB; with a cache of one page set
 * before COMMIT, which frees each page once written, 34 MB. (What remains, some 0.7 MB per
 * transaction whatever it writes, is libsql's own per connection: not solved here.)
 */
const RELEASE_PAGE_CACHE = sql`PRAGMA cache_size = 1`;

/**
 * Runs `work` in one write transaction, queued behind the other writes to this database in this
 * process. On an embedded file the per-connection PRAGMA foreign_keys is set on the connection just
 * before it is handed to the transaction (it is a no-op inside one); a server enforces foreign keys
 * itself (checked at start). drizzle rolls back when `work` throws, so nothing is half-saved.
 */
export function inTransaction<T>(
	database: Database,
	work: (tx: Executor) => Promise<T>
): Promise<T> {
	return queued(database.client, async () => {
		if (!database.isLocalFile) return database.db.transaction(work);
		await database.client.execute('PRAGMA foreign_keys = ON');
		await database.client.execute('PRAGMA busy_timeout = 5000');
		try {
			return await database.db.transaction(async (tx) => {
				const result = await work(tx);
				await tx.run(RELEASE_PAGE_CACHE);
				return result;
			});
		} finally {
			// The transaction kept that connection; set up the one the client opens next.
			await configureConnection(database);
		}
	});
}

export type SessionDb = LibSQLDatabase<typeof sessionSchema>;
/** A session database handle or an open transaction on it. */
export type SessionExecutor = SessionDb | Parameters<Parameters<SessionDb['transaction']>[0]>[0];

export interface SessionDatabase {
	client: Client;
	db: SessionDb;
	url: string;
	/** The main database, when the sessions live in it (and so share its write queue). */
	shared: Database | null;
	isLocalFile: boolean;
}

/**
 * Where the session database is: SESSION_DATABASE_URL, else a file beside an embedded main
 * database (data/portfolio.db -> data/portfolio-sessions.db), else the main database itself
 * (a libSQL server: one URL to run, at the price of sign-in waiting behind the main writes).
 */
export function sessionDatabaseUrl(
	mainUrl: string,
	configured = process.env.SESSION_DATABASE_URL
): string {
	if (configured) return configured;
	if (!mainUrl.startsWith('file:') || mainUrl.includes(':memory:')) return mainUrl;
	const [path = '', query] = mainUrl.split('?');
	const sessions = /\.db$/.test(path) ? path.replace(/\.db$/, '-sessions.db') : `${path}-sessions`;
	return query === undefined ? sessions : `${sessions}?${query}`;
}

/** Opens the session database; on the main database's own URL it shares the main client and queue. */
export function openSessionDatabase(
	main: Database,
	url = sessionDatabaseUrl(main.url)
): SessionDatabase {
	if (url === main.url)
		return {
			client: main.client,
			db: drizzle(main.client, { schema: sessionSchema }),
			url,
			shared: main,
			isLocalFile: main.isLocalFile
		};
	if (url.startsWith('file:')) {
		const path = url.slice('file:'.length).split('?')[0] ?? '';
		if (path && path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
	}
	const client = readsPrepared(
		createClient({
			url,
			authToken:
				process.env.SESSION_DATABASE_AUTH_TOKEN || process.env.DATABASE_AUTH_TOKEN || undefined
		}),
		url
	);
	return {
		client,
		db: drizzle(client, { schema: sessionSchema }),
		url,
		shared: null,
		isLocalFile: url.startsWith('file:')
	};
}

/** As checkDatabase, for a session database on a server of its own. */
export async function checkSessionDatabase(sessions: SessionDatabase): Promise<void> {
	if (!sessions.shared && !sessions.isLocalFile) {
		const tokenVariable = process.env.SESSION_DATABASE_AUTH_TOKEN
			? 'SESSION_DATABASE_AUTH_TOKEN'
			: 'DATABASE_AUTH_TOKEN';
		await checkDatabaseServer(sessions.client, sessions.url, tokenVariable);
	}
}

export async function migrateSessionDatabase(sessions: SessionDatabase): Promise<void> {
	if (!sessions.shared && sessions.isLocalFile)
		await sessions.client.execute('PRAGMA journal_mode = WAL');
	await applyMigrations(sessions.client, SESSION_MIGRATIONS);
}

/** Runs `work` in one write transaction on the session database, queued behind its other writes only. */
export function inSessionTransaction<T>(
	sessions: SessionDatabase,
	work: (tx: SessionExecutor) => Promise<T>
): Promise<T> {
	// Sharing the main database: its queue and its per-connection set-up (the executors are interchangeable).
	if (sessions.shared)
		return inTransaction(sessions.shared, work as unknown as (tx: Executor) => Promise<T>);
	return queued(sessions.client, async () => {
		if (sessions.isLocalFile) await sessions.client.execute('PRAGMA busy_timeout = 5000');
		return sessions.db.transaction(work);
	});
}

export { schema, sessionSchema };
