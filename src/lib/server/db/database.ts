import {
	openDatabase,
	checkDatabase,
	migrateDatabase,
	inTransaction,
	withBulkReader,
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

/**
 * The app's two databases, opened from DATABASE_URL and SESSION_DATABASE_URL when the server starts
 * (hooks.server.ts `init`): the main one, and the session database that signing in writes to, so
 * sign-in never queues behind a long main write (db/index.ts). Module-level handles are right
 * here: they are shared infrastructure, not per-user state.
 */
let current: Database | undefined;
let currentSessions: SessionDatabase | undefined;
let stopDraining: (() => void) | undefined;

export function database(): Database {
	current ??= openDatabase();
	return current;
}

export function db() {
	return database().db;
}

export function sessionDatabase(): SessionDatabase {
	currentSessions ??= openSessionDatabase(database());
	return currentSessions;
}

/** The session database, for reads (sessions, throttling records). */
export function sessionDb() {
	return sessionDatabase().db;
}

/**
 * Checks both databases (a server must answer, accept its token and enforce foreign keys), then
 * migrates them, and starts copying the session database's audit rows into the main one. Every
 * check comes before any migration, so an unreachable second database leaves the first untouched.
 */
export async function startDatabase(): Promise<Database> {
	const d = database();
	await checkDatabase(d);
	await checkSessionDatabase(sessionDatabase());
	await migrateDatabase(d);
	await migrateSessionDatabase(sessionDatabase());
	stopDraining ??= drainOutboxPeriodically(d, sessionDatabase());
	return d;
}

export function transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
	return inTransaction(database(), work);
}

/**
 * A write on the session database: queued behind other session writes only, never behind an import.
 * Afterwards the audit outbox is drained in the background (cheap when empty), so an audit row
 * written with the change reaches the main trail as soon as the main write queue allows.
 */
export async function sessionTransaction<T>(work: (tx: SessionExecutor) => Promise<T>): Promise<T> {
	const result = await inSessionTransaction(sessionDatabase(), work);
	flushAuditOutbox().catch((error: unknown) => console.error('could not copy audit rows from the session database', error));
	return result;
}

/**
 * Copies the session database's audit rows into the main audit trail now; resolves when the outbox
 * is empty (which waits for the main write queue). Writers start it and do not wait for it.
 */
export function flushAuditOutbox(): Promise<void> {
	return drainOutbox(database(), sessionDatabase());
}

/**
 * Reads much of the database once on a connection of its own that keeps little in memory (db/index.ts).
 * On a server there is no such connection to tune: `work` runs on the shared client.
 */
export function bulkRead<T>(work: (ex: Executor) => Promise<T>): Promise<T> {
	return withBulkReader(database(), work);
}

/**
 * The server's log checkpoints run on a worker thread (db/checkpointer.ts); scripts and tests keep
 * SQLite's own. On a database server this does nothing: sqld checkpoints its own log.
 */
export function startBackgroundCheckpoints(): Promise<void> {
	return checkpointInBackground(database());
}

/** True when DATABASE_URL is an embedded file: per-connection PRAGMAs and ANALYZE apply only there. */
export function onEmbeddedFile(): boolean {
	return database().isLocalFile;
}
