import { describe, expect, it } from 'vitest';
import { createClient } from '@libsql/client';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyMigrations, bundledMigrations, MAIN_MIGRATIONS } from '$lib/server/db/migrate';

describe('the migration that gives remembered values their own table', () => {
	it('moves each saved value mapping into one row per answer, drops what is malformed, and leaves column mappings alone', async () => {
		const client = createClient({
			url: `file:${join(mkdtempSync(join(tmpdir(), 'values-')), 'm.db')}`
		});
		const all = bundledMigrations();
		const mine = all.findIndex((m) => m.tag.endsWith('importnames_value_mapping_table'));
		expect(mine).toBeGreaterThan(0);
		await applyMigrations(client, { ...MAIN_MIGRATIONS, migrations: () => all.slice(0, mine) });
		await client.execute(
			"INSERT INTO organisation (id, slug, name) VALUES (1, 'a', 'A'), (2, 'b', 'B')"
		);
		const save = (org: number, key: string, mapping: string) =>
			client.execute({
				sql: 'INSERT INTO import_mapping (organisation_id, headings_key, mapping) VALUES (?, ?, ?)',
				args: [org, key, mapping]
			});
		await save(
			1,
			'\u0001values',
			JSON.stringify([
				['hosting:tier 1 cloud', 'saas'],
				['criticality:tbc', ''],
				'junk',
				[1, 2],
				['nocolon', 'x']
			])
		);
		await save(1, 'name|hosting', '["name","hosting"]');
		await save(2, '\u0001values', JSON.stringify([['outcome:park', 'maintain']]));
		await applyMigrations(client);
		const moved = await client.execute(
			'SELECT organisation_id, value_set, value_key, value FROM import_value_mapping ORDER BY organisation_id, value_set, value_key'
		);
		expect(
			moved.rows.map((r) => [Number(r.organisation_id), r.value_set, r.value_key, r.value])
		).toEqual([
			[1, 'criticality', 'tbc', ''],
			[1, 'hosting', 'tier 1 cloud', 'saas'],
			[2, 'outcome', 'park', 'maintain']
		]);
		const left = await client.execute('SELECT organisation_id, headings_key FROM import_mapping');
		expect(left.rows.map((r) => [Number(r.organisation_id), r.headings_key])).toEqual([
			[1, 'name|hosting']
		]);
	});

	it('survives a saved mapping that is not JSON', async () => {
		const client = createClient({
			url: `file:${join(mkdtempSync(join(tmpdir(), 'values-')), 'm.db')}`
		});
		const all = bundledMigrations();
		const mine = all.findIndex((m) => m.tag.endsWith('importnames_value_mapping_table'));
		await applyMigrations(client, { ...MAIN_MIGRATIONS, migrations: () => all.slice(0, mine) });
		await client.execute("INSERT INTO organisation (id, slug, name) VALUES (1, 'a', 'A')");
		await client.execute({
			sql: 'INSERT INTO import_mapping (organisation_id, headings_key, mapping) VALUES (?, ?, ?)',
			args: [1, '\u0001values', '{not json']
		});
		await applyMigrations(client);
		expect(
			(await client.execute('SELECT count(*) AS n FROM import_value_mapping')).rows[0]!.n
		).toBe(0);
		expect((await client.execute('SELECT count(*) AS n FROM import_mapping')).rows[0]!.n).toBe(0);
	});
});
