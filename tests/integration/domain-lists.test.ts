/**
 * The database's own SQL against the domain's lists: the outcome bits the migrations wrote, the
 * partial indexes' conditions and the sort ranks SQLite computes must be the domain's, value by value.
 * (The schema takes its enum values from the domain's constants, so drizzle-kit generating no migration
 * shows the stored SQL matches; these tests hold the values that SQL computes with.)
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startDatabase, makeOrganisation, createSystem } from './helpers';
import { database } from '$lib/server/db/database';
import {
	OUTCOMES,
	OUTCOME_BIT,
	TARGET_DATE_NOT_SET_BIT,
	CRITICALITY,
	CRITICALITY_RANK,
	NOT_ASSESSED,
	REVIEW_STATUS
} from '$lib/domain/systems';

beforeAll(async () => {
	await startDatabase();
});

const migration = (name: string) =>
	readFileSync(
		fileURLToPath(new URL(`../../src/lib/server/db/migrations/${name}`, import.meta.url)),
		'utf8'
	);
const indexSql = async (name: string) =>
	String(
		(
			await database().client.execute({
				sql: 'SELECT sql FROM sqlite_master WHERE name = ?',
				args: [name]
			})
		).rows[0]?.sql
	);

describe('outcome flags', () => {
	it('give each outcome its own bit, apart from the target-date bit', () => {
		const bits = [...OUTCOMES.map((o) => OUTCOME_BIT[o]), TARGET_DATE_NOT_SET_BIT];
		for (const bit of bits) expect(Math.log2(bit) % 1, `${bit} is a power of two`).toBe(0);
		expect(new Set(bits).size).toBe(bits.length);
	});

	it('are the bits the migrations filled existing systems with', () => {
		// 0004: CASE `outcome` WHEN 'maintain' THEN 1 ... ELSE 8 END (the last outcome takes the ELSE).
		const backfill = /CASE `outcome` ((?:WHEN '\w+' THEN \d+ )+)ELSE (\d+) END/.exec(
			migration('0004_outcome_flags.sql')
		);
		expect(backfill).not.toBeNull();
		const written = Object.fromEntries(
			[...backfill![1]!.matchAll(/WHEN '(\w+)' THEN (\d+)/g)].map(([, o, bit]) => [o, Number(bit)])
		);
		const last = OUTCOMES.find((o) => !(o in written))!;
		expect({ ...written, [last]: Number(backfill![2]) }).toEqual(OUTCOME_BIT);
		expect(migration('0016_notassessed_data_quality.sql')).toContain(
			`\`outcome_flags\` = \`outcome_flags\` | ${TARGET_DATE_NOT_SET_BIT}\n`
		);
	});

	it("are what the database's partial indexes select on", async () => {
		expect(await indexSql('system_org_target_date_not_set_idx')).toContain(
			`("system"."outcome_flags" & ${TARGET_DATE_NOT_SET_BIT}) <> 0`
		);
		expect(await indexSql('system_org_personal_not_assessed_idx')).toContain(
			`"system"."personal_data" = '${NOT_ASSESSED}'`
		);
	});
});

describe('sort ranks', () => {
	it("computed by SQLite are the domain's, for every criticality and review status", async () => {
		const o = await makeOrganisation();
		const ids = new Map<string, number>();
		for (const criticality of CRITICALITY)
			ids.set(criticality, (await createSystem(o.actor, { criticality })).id);
		const rows = await database().client.execute({
			sql: 'SELECT id, criticality_rank, review_rank, review_status FROM system WHERE organisation_id = ?',
			args: [o.org.id]
		});
		for (const criticality of CRITICALITY) {
			const row = rows.rows.find((r) => Number(r.id) === ids.get(criticality))!;
			expect(Number(row.criticality_rank), criticality).toBe(CRITICALITY_RANK[criticality]);
		}
		// Review status: the generated column's own expression, as the database holds it, for each status.
		const table = String(
			(await database().client.execute("SELECT sql FROM sqlite_master WHERE name = 'system'"))
				.rows[0]?.sql
		);
		const expression =
			/`review_rank` integer GENERATED ALWAYS AS \((CASE review_status .*? END)\)/.exec(table)?.[1];
		expect(expression).toBeDefined();
		for (const [i, status] of REVIEW_STATUS.entries()) {
			const rank = await database().client.execute({
				sql: `SELECT ${expression!.replace('review_status', '?')} AS rank`,
				args: [status]
			});
			expect(Number(rank.rows[0]!.rank), status).toBe(i + 1);
		}
	});
});
