/**
 * With many partner organisations in one database, a page of one organisation must not read the
 * others' rows: the query plans of reads that order by the newest row search by organisation.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { drizzle } from 'drizzle-orm/libsql';
import * as schema from '$lib/server/db/schema';
import { database, startDatabase } from '$lib/server/db/database';
import * as audit from '$lib/server/repos/audit';
import { makeOrganisation } from './helpers';

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

describe('reads of one organisation among many', () => {
	it("lists the audit trail's newest rows through the organisation's own index", async () => {
		const { org } = await makeOrganisation();
		const plans = await plansOf((ex) => audit.listAudit(ex, org.id, {}));
		expect(plans.length).toBeGreaterThan(0);
		for (const plan of plans) expect(plan).not.toMatch(/SCAN audit_event\b(?! USING)/);
		expect(plans.join('\n')).toMatch(
			/audit_event USING (COVERING )?INDEX audit_org_\w+ \(organisation_id=\?/
		);
	});
});
