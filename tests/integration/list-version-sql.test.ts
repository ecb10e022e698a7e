/**
 * The triggers that keep `organisation_list_version` come from one definition
 * (db/list-version-sql.ts): the migration that made them again is exactly what it generates, the
 * migrated database holds exactly those triggers, and their text is the hand-written 0024's, so the
 * behaviour did not move.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { db, startDatabase } from './helpers';
import { execute } from '$lib/server/db/bulk';
import { listVersionDefinitions, listVersionMigrationSql } from '$lib/server/db/list-version-sql';

const MIGRATIONS = new URL('../../src/lib/server/db/migrations/', import.meta.url);
const migration = (suffix: string) => {
	const name = readdirSync(MIGRATIONS).find((f) => f.endsWith(suffix));
	if (!name) throw new Error(`no migration ending ${suffix}`);
	return readFileSync(new URL(name, MIGRATIONS), 'utf8');
};

beforeAll(async () => {
	await startDatabase();
});

describe('the list-version triggers', () => {
	it('are made by a migration that is exactly the generated SQL (after its leading comment)', () => {
		const body = migration('_house14_list_version_generated.sql').replace(/^(-- [^\n]*\n)+/, '');
		expect(body.trimEnd()).toBe(listVersionMigrationSql());
	});

	it('in the migrated database are exactly the generated definitions, and nothing else', async () => {
		const kept = (
			await execute(
				db(),
				"SELECT name, type, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%\\_list\\_version\\_%' ESCAPE '\\' ORDER BY name"
			)
		).rows.map((r) => ({ name: String(r.name), type: String(r.type), sql: String(r.sql) }));
		const expected = listVersionDefinitions().sort((a, b) => (a.name < b.name ? -1 : 1));
		expect(kept).toEqual(expected);
		expect(kept).toHaveLength(12);
	});

	it('read as the hand-written ones did (0024), statement for statement', () => {
		const original = migration('_ops15b_list_version.sql')
			.split('--> statement-breakpoint')
			.map((s) => s.trim())
			.filter((s) => s.startsWith('CREATE TRIGGER'));
		expect(original).toEqual(listVersionDefinitions().map((d) => `${d.sql};`));
	});
});
