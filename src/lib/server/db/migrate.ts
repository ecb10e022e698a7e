/**
 * Applies the committed migrations, bundled into the build (so the server does not depend on the
 * folder it is started from). Same bookkeeping table and hashes as drizzle-kit's migrator, but a
 * migration is applied when its hash has not been applied yet, not when its timestamp is newer than
 * the last one's: drizzle's rule silently skips a migration merged in from an older branch
 * (../shared/PITFALLS.md).
 */
import type { Client } from '@libsql/client';
import { createHash } from 'node:crypto';
import journal from './migrations/meta/_journal.json';

const files = import.meta.glob('./migrations/*.sql', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export interface Migration {
	tag: string;
	when: number;
	hash: string;
	statements: string[];
}

/** The migrations in journal order, each split at drizzle-kit's statement breakpoints. */
export function bundledMigrations(): Migration[] {
	return journal.entries.map((entry) => {
		const text = files[`./migrations/${entry.tag}.sql`];
		if (text === undefined) throw new Error(`migration ${entry.tag}.sql is in the journal but not in the build`);
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

/** Applies every migration not yet applied, all in one transaction; returns the tags applied. */
export async function applyMigrations(client: Client): Promise<string[]> {
	await client.execute('CREATE TABLE IF NOT EXISTS __drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)');
	const applied = new Set((await client.execute('SELECT hash FROM __drizzle_migrations')).rows.map((r) => String(r[0])));
	const pending = bundledMigrations().filter((m) => !applied.has(m.hash));
	if (pending.length === 0) return [];
	const statements = pending.flatMap((m) => [
		...m.statements,
		{ sql: 'INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)', args: [m.hash, m.when] }
	]);
	await client.migrate(statements);
	return pending.map((m) => m.tag);
}
