/**
 * The SQL generated for the tables the database keeps with triggers is, byte for byte, what the
 * committed migrations hold: each view and trigger as the last migration that creates it wrote it,
 * so a change to a generator that would need a new migration fails here before anything runs.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import journal from './migrations/meta/_journal.json';
import { continuityDefinitions, continuityMigrationSql } from './continuity-sql';
import { switchOffDefinitions } from './switch-off-sql';
import { listVersionDefinitions } from './list-version-sql';
import { reviewCountDefinitions } from './review-count-sql';
import type { SqlDefinition } from './kept-by-system-sql';

const migrations = journal.entries.map((e) => ({
	tag: e.tag,
	sql: readFileSync(new URL(`./migrations/${e.tag}.sql`, import.meta.url), 'utf8')
}));

/** The last migration that creates `name` (a view or trigger), or undefined. */
function lastCreating(d: SqlDefinition) {
	const escaped = d.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	const creates = new RegExp(`CREATE ${d.type.toUpperCase()} \`?${escaped}\`?[\\s]`);
	return migrations.findLast((m) => creates.test(m.sql));
}

describe('generated trigger SQL against the committed migrations', () => {
	it.each([
		['system_switch_off', switchOffDefinitions],
		['continuity_outcome', continuityDefinitions],
		['organisation_list_version', listVersionDefinitions],
		['review_count', reviewCountDefinitions]
	] as const)('%s: every view and trigger is the last migration’s text', (_table, defined) => {
		const definitions: SqlDefinition[] = defined();
		expect(definitions.length).toBeGreaterThan(0);
		for (const d of definitions) {
			const migration = lastCreating(d);
			expect(migration, `a migration creates ${d.name}`).toBeDefined();
			expect(migration!.sql.includes(`${d.sql};`), `${d.name} as ${migration!.tag} wrote it`).toBe(
				true
			);
		}
	});

	it('the continuity migration body is the generator’s output whole', () => {
		expect(migrations.some((m) => m.sql.includes(continuityMigrationSql()))).toBe(true);
	});

	it('the two kept tables have the same eight triggers', () => {
		const events = (ds: SqlDefinition[]) =>
			ds.filter((d) => d.type === 'trigger').map((d) => d.name.replace(/^.*_(\w+_\w+)$/, '$1'));
		expect(events(switchOffDefinitions())).toEqual(events(continuityDefinitions()));
		expect(events(switchOffDefinitions())).toHaveLength(8);
	});
});
