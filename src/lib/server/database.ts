import { openDatabase, migrateDatabase, inTransaction, withBulkReader, checkpointInBackground, type Database, type Executor } from './db';

/**
 * The app's one database, opened from DATABASE_URL when the server starts (hooks.server.ts `init`).
 * A module-level handle is right here: it is shared infrastructure, not per-user state.
 */
let current: Database | undefined;

export function database(): Database {
	current ??= openDatabase();
	return current;
}

export function db() {
	return database().db;
}

export async function startDatabase(): Promise<Database> {
	const d = database();
	await migrateDatabase(d);
	return d;
}

export function transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
	return inTransaction(database(), work);
}

/** Reads much of the database once on a connection of its own that keeps little in memory (db/index.ts). */
export function bulkRead<T>(work: (ex: Executor) => Promise<T>): Promise<T> {
	return withBulkReader(database(), work);
}

/** The server's log checkpoints run on a worker thread (db/checkpointer.ts); scripts and tests keep SQLite's own. */
export function startBackgroundCheckpoints(): Promise<void> {
	return checkpointInBackground(database());
}
