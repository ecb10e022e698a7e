/**
 * An import reads the systems it matches a page of ids at a time. Each read must find its rows by
 * their keys, whatever statistics SQLite has: searching by organisation instead reads every system
 * of the organisation for every page, which made a 100,000-row preview against 100,000 systems
 * take seconds longer than one against none.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { drizzle } from 'drizzle-orm/libsql';
import * as schema from '$lib/server/db/schema';
import { database, startDatabase } from '$lib/server/db/database';
import * as imports from '$lib/server/repos/imports';
import { createSystem, makeOrganisation } from './helpers';

beforeAll(async () => {
	await startDatabase();
});

/** The plan of every statement `work` runs, through a drizzle that logs them on the app's own client. */
async function plansOf(
	work: (ex: ReturnType<typeof drizzle<typeof schema>>) => Promise<unknown>
): Promise<string[]> {
	const statements: { sql: string; params: unknown[] }[] = [];
	const client = database().client;
	await work(
		drizzle(client, {
			schema,
			logger: { logQuery: (sql, params) => statements.push({ sql, params }) }
		})
	);
	const plans: string[] = [];
	for (const s of statements) {
		const rows = (
			await client.execute({ sql: `EXPLAIN QUERY PLAN ${s.sql}`, args: s.params as never[] })
		).rows;
		plans.push(rows.map((r) => String(r.detail)).join(' | '));
	}
	return plans;
}

describe("an import's reads of existing systems", () => {
	it('reads a page of matched systems, their links and reviews by their ids', async () => {
		const { actor, org } = await makeOrganisation();
		const ids: number[] = [];
		for (let i = 0; i < 3; i++) ids.push((await createSystem(actor)).id);
		const plans = await plansOf((ex) => imports.existingByIds(ex, org.id, ids));
		expect(plans).toEqual([
			'SEARCH system USING INTEGER PRIMARY KEY (rowid=?)',
			'SEARCH system_workstream USING INDEX sqlite_autoindex_system_workstream_1 (system_id=?) | SEARCH workstream USING INTEGER PRIMARY KEY (rowid=?)',
			'SEARCH review USING INDEX review_system_idx (system_id=? AND is_current=?)',
			'SEARCH review_outcome USING INDEX review_outcome_system_idx (system_id=? AND is_current=?) | SEARCH workstream USING INTEGER PRIMARY KEY (rowid=?) LEFT-JOIN'
		]);
	});

	it("reads the systems' keys a page at a time along the primary key", async () => {
		const { actor, org } = await makeOrganisation();
		await createSystem(actor);
		const plans = await plansOf((ex) => imports.existingKeys(ex, org.id, 0));
		expect(plans).toEqual(['SEARCH system USING INTEGER PRIMARY KEY (rowid>?)']);
	});
});
