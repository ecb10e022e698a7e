/**
 * Applies the committed migrations, bundled into the build (so the server does not depend on the
 * folder it is started from). Same bookkeeping table and hashes as drizzle-kit's migrator, but a
 * migration is applied when its hash has not been applied yet, not when its timestamp is newer than
 * the last one's: drizzle's rule silently skips a migration merged in from an older branch.
 */
import type { Client } from '@libsql/client';
import { createHash } from 'node:crypto';
import journal from './migrations/meta/_journal.json';
import sessionJournal from './session-migrations/meta/_journal.json';

const files = import.meta.glob('./migrations/*.sql', {
	query: '?raw',
	import: 'default',
	eager: true
}) as Record<string, string>;
const sessionFiles = import.meta.glob('./session-migrations/*.sql', {
	query: '?raw',
	import: 'default',
	eager: true
}) as Record<string, string>;

export interface Migration {
	tag: string;
	when: number;
	hash: string;
	statements: string[];
}

/** One folder of migrations and the table that records which were applied. */
export interface MigrationSet {
	table: string;
	migrations: () => Migration[];
}

function bundle(
	entries: { tag: string; when: number }[],
	texts: Record<string, string>,
	folder: string
): Migration[] {
	return entries.map((entry) => {
		const text = texts[`./${folder}/${entry.tag}.sql`];
		if (text === undefined)
			throw new Error(`migration ${entry.tag}.sql is in the journal but not in the build`);
		return {
			tag: entry.tag,
			when: entry.when,
			hash: createHash('sha256').update(text).digest('hex'),
			statements: text
				.split('--> statement-breakpoint')
				.map((s) => s.trim())
				.filter((s) => s.length > 0)
		};
	});
}

/** The main database's migrations in journal order, each split at drizzle-kit's statement breakpoints. */
export function bundledMigrations(): Migration[] {
	return bundle(journal.entries, files, 'migrations');
}

export const MAIN_MIGRATIONS: MigrationSet = {
	table: '__drizzle_migrations',
	migrations: bundledMigrations
};

/**
 * The session database's own migrations. Their bookkeeping table has another name, so both sets
 * can be applied to one database (a remote main database shared with the sessions).
 */
export const SESSION_MIGRATIONS: MigrationSet = {
	table: '__session_migrations',
	migrations: () => bundle(sessionJournal.entries, sessionFiles, 'session-migrations')
};

/** Applies every migration not yet applied, all in one transaction; returns the tags applied. */
export async function applyMigrations(
	client: Client,
	set: MigrationSet = MAIN_MIGRATIONS
): Promise<string[]> {
	await client.execute(
		`CREATE TABLE IF NOT EXISTS ${set.table} (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)`
	);
	const applied = new Set(
		(await client.execute(`SELECT hash FROM ${set.table}`)).rows.map((r) => String(r[0]))
	);
	const pending = set.migrations().filter((m) => !applied.has(m.hash));
	if (pending.length === 0) return [];
	const statements = pending.flatMap((m) => [
		...m.statements,
		{ sql: `INSERT INTO ${set.table} (hash, created_at) VALUES (?, ?)`, args: [m.hash, m.when] }
	]);
	await client.migrate(statements);
	return pending.map((m) => m.tag);
}

/** How many of the set's migrations have not been applied (all of them when the bookkeeping table is missing). */
export async function pendingMigrationCount(
	client: Client,
	set: MigrationSet = MAIN_MIGRATIONS
): Promise<number> {
	const exists = await client.execute({
		sql: "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
		args: [set.table]
	});
	const all = set.migrations();
	if (exists.rows.length === 0) return all.length;
	const applied = new Set(
		(await client.execute(`SELECT hash FROM ${set.table}`)).rows.map((r) => String(r[0]))
	);
	return all.filter((m) => !applied.has(m.hash)).length;
}
