import { beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '@libsql/client';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyMigrations, bundledMigrations } from '$lib/server/db/migrate';

describe('migrations', () => {
	let client: ReturnType<typeof createClient>;
	beforeAll(() => {
		client = createClient({ url: `file:${join(mkdtempSync(join(tmpdir(), 'migrate-')), 'm.db')}` });
	});

	it('applies every bundled migration once, then nothing', async () => {
		const all = bundledMigrations();
		expect(await applyMigrations(client)).toEqual(all.map((m) => m.tag));
		expect(await applyMigrations(client)).toEqual([]);
		const count = await client.execute('SELECT count(*) FROM __drizzle_migrations');
		expect(Number(count.rows[0]![0])).toBe(all.length);
	});

	it('applies a migration it has not seen even when a newer one is already applied', async () => {
		const [first] = bundledMigrations();
		// Forget the first migration's bookkeeping row, as if it arrived from an older branch.
		await client.execute({
			sql: 'DELETE FROM __drizzle_migrations WHERE hash = ?',
			args: [first!.hash]
		});
		await client.execute('DROP TABLE IF EXISTS organisation_probe');
		await expect(applyMigrations(client)).rejects.toThrow(/already exists/);
		// All or nothing: the failed run recorded nothing.
		const count = await client.execute({
			sql: 'SELECT count(*) FROM __drizzle_migrations WHERE hash = ?',
			args: [first!.hash]
		});
		expect(Number(count.rows[0]![0])).toBe(0);
	});
});
