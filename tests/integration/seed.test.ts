import { beforeAll, describe, expect, it } from 'vitest';
import { db, startDatabase } from './helpers';
import { loadDemoPortfolio } from '$lib/server/services/demo/load';
import * as dashboard from '$lib/server/repos/dashboard';
import * as workstreams from '$lib/server/repos/workstreams';
import { DEFAULT_QUERY } from '$lib/domain/systems';
import * as systems from '$lib/server/repos/systems';

beforeAll(async () => {
	await startDatabase();
});

// Loading the whole demo portfolio (systems, reviews, costs, milestones) through the services takes
// a few seconds on a busy 2-core machine: a generous limit that still catches a hang.
// Loads the portfolio statement by statement: over 30 s on a busy machine when each statement is an HTTP round trip to sqld.
describe('demo portfolio', { timeout: 120_000 }, () => {
	it("gives the strategy group's figures: 30 Children and Families systems with 3/12/9/12 outcomes", async () => {
		const { organisationId } = await loadDemoPortfolio();
		const byArea = await dashboard.reviewCountsByServiceArea(db(), organisationId);
		const cf = byArea.find((a) => a.name === 'Children and Families');
		expect(cf).toMatchObject({
			systems: 30,
			reviewed: 30,
			outcomeTotal: 36,
			outcomes: { decommission: 3, replace: 12, maintain: 9, develop: 12 }
		});
		const totals = await dashboard.reviewTotals(db(), organisationId);
		expect(totals.systems).toBeGreaterThanOrEqual(70);
		expect(totals.notReviewed).toBeGreaterThan(0);
		expect(
			(await workstreams.listWorkstreams(db(), organisationId)).map((w) => w.name).sort()
		).toEqual(
			[
				'Case Management',
				'Citizen Access',
				'Directories',
				'Financial Management',
				'Information Gateway',
				'Information Management',
				'Integration'
			].sort()
		);
	});

	it('never duplicates when loaded again', async () => {
		const first = await loadDemoPortfolio();
		const before = await dashboard.reviewTotals(db(), first.organisationId);
		const again = await loadDemoPortfolio();
		expect(again.organisationId).toBe(first.organisationId);
		expect(again.reviews).toBe(0);
		expect(await dashboard.reviewTotals(db(), first.organisationId)).toEqual(before);
		const all = await systems.listSystems(db(), first.organisationId, {
			...DEFAULT_QUERY,
			size: 100
		});
		expect(new Set(all.rows.map((r) => r.name)).size).toBe(all.total);
	});
});
