/**
 * Where a partner's recharges changed since its last issued statement (recharge_change, kept by
 * triggers): issuing clears the partner's marks, a cost line's change marks its block for the
 * partners it is shared with, and a draft that compares only the marked blocks finds exactly the
 * adjustments a comparison of every block finds.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { db, startDatabase, expectOk } from './helpers';
import { costLine, twoLineService } from './recharge-fixture';
import * as costService from '$lib/server/services/cost-lines';
import * as service from '$lib/server/services/recharge-statements';
import { contentHash } from '$lib/domain/hashing';

beforeAll(async () => {
	await startDatabase();
});

async function marks(org: number, partner: number) {
	return db().all<{ financial_year: string; bucket: number }>(
		sql`SELECT financial_year, bucket FROM recharge_change WHERE organisation_id = ${org} AND partner_key = ${partner} ORDER BY 1, 2`
	);
}

describe('marks of recharges changed since the last statement', () => {
	it('are cleared by an issue, set by a change, and bound the comparison without changing it', async () => {
		const s = await twoLineService(1001);
		await s.saveDefaultKey('2026/27', s.fixed(3333, 3333, 3334));
		await s.saveDefaultKey('2027/28', s.fixed(3333, 3333, 3334));
		const [p, other] = [s.ids[0]!, s.ids[1]!];
		const org = s.shared.org.id;
		const block = s.first.id >> 14;
		expect(await marks(org, p)).toContainEqual({ financial_year: '2026/27', bucket: block });

		const draft = async (financialYear: string) =>
			expectOk(
				await service.createStatementDraft(s.shared.actor, {
					partnerOrganisationId: p,
					financialYear,
					quarter: 0
				})
			).statement;
		const first = await draft('2026/27');
		const shown = await service.contentOf(db(), first);
		expectOk(
			await service.issueStatement(
				s.shared.actor,
				first.id,
				first.version,
				await contentHash(shown)
			)
		);
		expect(await marks(org, p)).toEqual([]);
		expect((await marks(org, other)).length).toBeGreaterThan(0);

		// One line changes: its block is marked, for this partner and year only.
		expectOk(
			await costService.updateCostLine(
				s.shared.actor,
				s.first.id,
				s.first.version,
				{ systemId: s.payroll.id },
				costLine(1200_00)
			)
		);
		expect(await marks(org, p)).toEqual([{ financial_year: '2026/27', bucket: block }]);

		const next = await draft('2027/28');
		const adjustments = async () =>
			(await service.contentOf(db(), next)).lines.filter((l) => l.kind === 'adjustment');
		const bounded = await adjustments();
		expect(bounded.map((l) => [l.costLineId, l.wasPence, l.nowPence])).toEqual([
			[s.first.id, 333_30, 399_96]
		]);
		// Every block of every year marked: the full comparison finds the same, no more.
		await db().run(sql`INSERT OR IGNORE INTO recharge_change
			SELECT organisation_id, partner_key, financial_year, cost_line_id >> 14 FROM recharge WHERE organisation_id = ${org}`);
		expect(await adjustments()).toEqual(bounded);
	});
});
