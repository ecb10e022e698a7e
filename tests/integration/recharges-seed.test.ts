/** The demo shared service's recharges load through the services, once, and add up to the penny. */
import { beforeAll, describe, expect, it } from 'vitest';
import { db, startDatabase } from './helpers';
import { loadDemoPortfolio } from '$lib/server/services/demo/load';
import { DEMO_SHARED_SERVICE } from '$lib/server/services/demo/load-governance';
import { loadDemoRecharges } from '$lib/server/services/demo/load-recharges';
import * as organisations from '$lib/server/repos/organisations';
import * as recharges from '$lib/server/repos/recharges';
import * as keys from '$lib/server/repos/recharge-keys';
import * as statements from '$lib/server/repos/recharge-statements';
import { checkEveryLine, checkSummary } from '$lib/server/services/recharge-statement-checks';
import { rebuildCostTotals } from '$lib/server/services/cost-totals-rebuild';
import { systemActor } from '$lib/server/services/actor';

beforeAll(async () => {
	await startDatabase();
});

describe('demo recharges', () => {
	it('has a users-based default key and a fixed key for revenues and benefits, shared to the penny', async () => {
		await loadDemoPortfolio();
		const shared = (await organisations.getOrganisationBySlug(db(), DEMO_SHARED_SERVICE.slug))!;
		const demoKeys = await keys.listKeys(db(), shared.id, '2026/27');
		expect(demoKeys.map((k) => [k.scope, k.kind, k.measure])).toEqual([
			['service', 'driver', 'users'],
			['system', 'fixed', '']
		]);
		const totals = await recharges.totalsByPartnerYear(db(), shared.id);
		const byName = (name: string) =>
			totals.filter((t) => t.partnerName === name).reduce((sum, t) => sum + t.amountPence, 0);
		// Revenues and benefits (£95,000.00) 55/45 to the districts; the rest (£330,500.01) by 4,200/1,100/900 users.
		expect(byName('Northshire County Council')).toBe(22_388_711);
		expect(byName('Eastmoor District Council')).toBe(5_225_000 + 5_863_709);
		expect(byName('Westvale Borough Council')).toBe(4_275_000 + 4_797_581);
		expect(totals.reduce((sum, t) => sum + t.amountPence, 0)).toBe(42_550_001);
		expect(totals.some((t) => t.partnerOrganisationId == null)).toBe(false);
		expect(await rebuildCostTotals(systemActor(shared.id))).toEqual([]);
		// One issued statement: Eastmoor's whole 2026/27, frozen with its hash, equal to its recharges.
		const issued = await statements.listStatements(db(), shared.id);
		expect(
			issued.map((s) => [s.partnerName, s.financialYear, s.quarter, s.status, s.totalPence])
		).toEqual([['Eastmoor District Council', '2026/27', 0, 'issued', 5_225_000 + 5_863_709]]);
		const row = (await statements.getStatement(db(), shared.id, issued[0]!.id))!;
		expect(await checkSummary(row)).toEqual({ summaryMatches: true });
		expect((await checkEveryLine(db(), row))?.linesMatch).toBe(true);
		expect(await loadDemoRecharges()).toBe(false);
		expect(await statements.listStatements(db(), shared.id)).toHaveLength(1);
	});
});
