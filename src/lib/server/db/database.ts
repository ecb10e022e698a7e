import {
	openDatabase,
	checkDatabase,
	migrateDatabase,
	inTransaction,
	withBulkReader,
	withSnapshotReader,
	checkpointInBackground,
	openSessionDatabase,
	checkSessionDatabase,
	migrateSessionDatabase,
	inSessionTransaction,
	type Database,
	type Executor,
	type SessionDatabase,
	type SessionExecutor
} from './';
import { drainOutbox, drainOutboxPeriodically } from './audit-outbox';
import { noteWrite, readsFromPrimary } from './read-routing';
import { stopCheckpointer } from './checkpointer';
import { DatabaseUnavailableError, isUnreachable, redactedDatabaseUrl } from './server-check';

/**
 * The app's two databases, opened from DATABASE_URL and SESSION_DATABASE_URL when the server starts
 * (hooks.server.ts `init`): the main one, and the session database that signing in writes to, so
 * sign-in never queues behind a long main write (db/index.ts). Module-level handles are right
 * here: they are shared infrastructure, not per-user state.
 */
let current: Database | undefined;
let currentSessions: SessionDatabase | undefined;
let currentPrimary: Database | undefined;
let currentPrimarySessions: SessionDatabase | undefined;
let stopDraining: (() => void) | undefined;

export function database(): Database {
	current ??= openDatabase();
	return current;
}

/**
 * Where writes go: DATABASE_PRIMARY_URL when the app reads from a sqld replica (DATABASE_URL), so
 * a save is not forwarded statement by statement; else the one database. db/read-routing.ts says
 * which reads go there too.
 */
export function primaryDatabase(): Database {
	const url = process.env.DATABASE_PRIMARY_URL;
	if (!url || url === database().url) return database();
	currentPrimary ??= openDatabase(url);
	return currentPrimary;
}

/** The database this request reads from: the primary if it wrote or its browser wrote just now, else DATABASE_URL. */
export function db() {
	return (readsFromPrimary() ? primaryDatabase() : database()).db;
}

export function sessionDatabase(): SessionDatabase {
	currentSessions ??= openSessionDatabase(database());
	return currentSessions;
}

/** The session database writes go to: in the primary when the sessions live in a replicated main database. */
function writerSessionDatabase(): SessionDatabase {
	const primary = primaryDatabase();
	if (primary === database() || process.env.SESSION_DATABASE_URL) return sessionDatabase();
	currentPrimarySessions ??= openSessionDatabase(primary);
	return currentPrimarySessions;
}

/** The session database, for reads (sessions, throttling records); routed as db() is. */
export function sessionDb() {
	return (readsFromPrimary() ? writerSessionDatabase() : sessionDatabase()).db;
}

/**
 * Checks both databases (a server must answer, accept its token and enforce foreign keys), then
 * migrates them, and starts copying the session database's audit rows into the main one. Every
 * check comes before any migration, so an unreachable second database leaves the first untouched.
 */
export async function startDatabase(): Promise<Database> {
	const d = database();
	const primary = primaryDatabase();
	// With a primary beside a replica, foreign keys are proved on the primary, which takes the writes.
	if (primary !== d) await checkDatabase(primary);
	await checkDatabase(d, { writes: primary === d });
	await checkSessionDatabase(sessionDatabase());
	await migrateDatabase(primary);
	await migrateSessionDatabase(writerSessionDatabase());
	stopDraining ??= drainOutboxPeriodically(primary, writerSessionDatabase());
	return d;
}

/**
 * A write to a database server that cannot be reached fails as DatabaseUnavailableError, which the
 * app answers with a 503 page that keeps what was typed (unavailable.ts); nothing was written.
 */
async function unavailableWhenUnreachable<T>(
	target: { isLocalFile: boolean; url: string },
	write: () => Promise<T>
): Promise<T> {
	try {
		return await write();
	} catch (error) {
		if (target.isLocalFile || !isUnreachable(error)) throw error;
		throw new DatabaseUnavailableError(
			`the database server at ${redactedDatabaseUrl(target.url)} could not be reached for a write`,
			{ cause: error }
		);
	}
}

/** One write transaction on the primary; the rest of this request (and the browser's next few) read there. */
export async function transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
	const result = await unavailableWhenUnreachable(primaryDatabase(), () =>
		inTransaction(primaryDatabase(), work)
	);
	// After the commit only: a write that failed (the primary is down) leaves the request on the replica.
	noteWrite();
	return result;
}

/**
 * A write on the session database: queued behind other session writes only, never behind an import.
 * Afterwards the audit outbox is drained in the background (cheap when empty), so an audit row
 * written with the change reaches the main trail as soon as the main write queue allows.
 */
export async function sessionTransaction<T>(work: (tx: SessionExecutor) => Promise<T>): Promise<T> {
	const sessions = writerSessionDatabase();
	const result = await unavailableWhenUnreachable(sessions, () =>
		inSessionTransaction(sessions, work)
	);
	noteWrite();
	flushAuditOutbox().catch((error: unknown) =>
		console.error('could not copy audit rows from the session database', error)
	);
	return result;
}

/**
 * Copies the session database's audit rows into the main audit trail now; resolves when the outbox
 * is empty (which waits for the main write queue). Writers start it and do not wait for it.
 */
export function flushAuditOutbox(): Promise<void> {
	return drainOutbox(primaryDatabase(), writerSessionDatabase());
}

/**
 * Reads in one read transaction on an embedded file (db/index.ts withSnapshotReader), so every
 * statement of `work` sees the database as it was at its first read: a download read a batch at a
 * time holds each row once. On a server, `work` reads on the shared client statement by statement.
 */
export function snapshotRead<T>(work: (ex: Executor) => Promise<T>): Promise<T> {
	return withSnapshotReader(readsFromPrimary() ? primaryDatabase() : database(), work);
}

/**
 * Reads much of the database once on a connection of its own that keeps little in memory (db/index.ts).
 * On a server there is no such connection to tune: `work` runs on the shared client.
 */
export function bulkRead<T>(work: (ex: Executor) => Promise<T>): Promise<T> {
	return withBulkReader(readsFromPrimary() ? primaryDatabase() : database(), work);
}

/**
 * The server's log checkpoints run on a worker thread (db/checkpointer.ts); scripts and tests keep
 * SQLite's own. On a database server this does nothing: sqld checkpoints its own log.
 */
export function startBackgroundCheckpoints(): Promise<void> {
	return checkpointInBackground(database());
}

/**
 * At shutdown, once the requests in flight have finished: copies the last audit rows out of the
 * session database, checkpoints an embedded file's write-ahead log into the file (TRUNCATE: the
 * -wal is left empty, so the file alone is the whole database, for a copy or a restore), and
 * closes every connection. A server checkpoints its own log.
 */
export async function closeDatabases(): Promise<void> {
	stopDraining?.();
	stopDraining = undefined;
	await flushAuditOutbox();
	await stopCheckpointer();
	const all = new Set([current, currentPrimary].filter((d): d is Database => d !== undefined));
	const sessions = new Set(
		[currentSessions, currentPrimarySessions].filter(
			(s): s is SessionDatabase => s !== undefined && !s.shared
		)
	);
	for (const d of [...all, ...sessions])
		if (d.isLocalFile) await d.client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
	for (const d of [...all, ...sessions]) d.client.close();
	current = currentSessions = currentPrimary = currentPrimarySessions = undefined;
}

/** True when DATABASE_URL is an embedded file: per-connection PRAGMAs and ANALYZE apply only there. */
export function onEmbeddedFile(): boolean {
	return database().isLocalFile;
}
