/**
 * The outage roll-up sums each replacing workstream's risk in SQL and lists only the first systems:
 * its sums must equal the domain's own per-system figures (annualOutageRiskPence) grouped here, to
 * the penny, on random portfolios, and the first systems must be the first of the full list.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { startDatabase, makeOrganisation, createSystem } from './helpers';
import * as outageService from '$lib/server/services/outage';
import * as reviewService from '$lib/server/services/reviews';
import { outageRollup } from '$lib/server/services/rollups';
import { annualOutageRiskPence, MAX_COST_PER_USER_HOUR_PENCE } from '$lib/domain/systems';
import { MAX_AMOUNT_PENCE } from '$lib/domain/money';
import { database } from '$lib/server/db/database';
import { outageSystemsQuery } from '$lib/server/repos/outage';
import { isDatabaseServerUrl } from '$lib/server/db/server-check';
import { db } from './helpers';

beforeAll(async () => {
	await startDatabase();
});

/** users x minutes x rate may be at most 60 x the cap (the form's rule and system_outage_risk_ck); a blank rate counts as £1,000. */
const withinCap = (o: { users: number; minutes: number; rate: number | null }) => ({
	...o,
	minutes: Math.min(
		o.minutes,
		Math.floor((60 * MAX_AMOUNT_PENCE) / (o.users * (o.rate ?? MAX_COST_PER_USER_HOUR_PENCE)))
	)
});
const anyOutage = fc
	.record({
		users: fc.integer({ min: 1, max: 50_000 }),
		minutes: fc.integer({ min: 0, max: 525_600 }),
		rate: fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: null })
	})
	.map(withinCap);
/** users x minutes x rate is 30 more than a multiple of 60: exactly half a penny, which rounds up (SQL's (n + 30) / 60 as the domain's divideHalfUp). */
const halfPenny = fc
	.record({ u: fc.integer({ min: 0, max: 499 }), r: fc.integer({ min: 0, max: 49_999 }) })
	.map(({ u, r }) => ({ users: 2 * u + 1, minutes: 30, rate: 2 * r + 1 })); // 30 x odd x odd
const systemPlan = fc.record({
	outage: fc.option(fc.oneof(anyOutage, halfPenny), { nil: null }),
	replaced: fc.boolean(),
	lifecycle: fc.constantFrom('live', 'being_replaced', 'decommissioned')
});

describe('outage roll-up, summed in SQL', () => {
	it(
		'equals the domain figure of every system, grouped by replacing workstream, half pennies included',
		{ timeout: 120_000 },
		async () => {
			let halves = 0;
			await fc.assert(
				fc.asyncProperty(
					fc.array(systemPlan, { minLength: 1, maxLength: 10 }),
					fc.integer({ min: 1, max: 10_000 }),
					async (plans, defaultRate) => {
						const o = await makeOrganisation();
						await outageService.setOutageDefault(o.actor, {
							costPerUserHourPence: defaultRate,
							basis: 'Test'
						});
						const expected = new Map<number | null, { systems: number; riskPence: number }>();
						for (const [i, p] of plans.entries()) {
							const s = await createSystem(o.actor, {
								name: `System ${String(i).padStart(2, '0')}`,
								lifecycle: p.lifecycle
							});
							let version = s.version;
							if (p.outage) {
								const set = await outageService.setSystemOutage(o.actor, s.id, version, {
									concurrentUsers: p.outage.users,
									outageMinutesPerYear: p.outage.minutes,
									costPerUserHourPence: p.outage.rate
								});
								if (!set.ok) throw new Error('outage not set');
								version = set.system.version;
							}
							if (p.replaced) {
								const review = await reviewService.recordReview(o.actor, s.id, null, {
									reviewedOn: '2026-06-01',
									reviewer: 'Group',
									summary: '',
									outcomes: [
										{
											outcome: 'replace',
											rationale: 'Test',
											status: 'agreed',
											targetDate: '2028-03-31',
											workstreamId: o.caseManagement.id
										}
									]
								});
								if (!review.ok) throw new Error('review not recorded');
							}
							if (!p.outage) continue;
							const key = p.replaced ? o.caseManagement.id : null;
							const g = expected.get(key) ?? { systems: 0, riskPence: 0 };
							const risk = annualOutageRiskPence({
								concurrentUsers: p.outage.users,
								outageMinutesPerYear: p.outage.minutes,
								costPerUserHourPence: p.outage.rate ?? defaultRate
							});
							// The rule stated independently: the nearest penny, a half penny up.
							const n =
								BigInt(p.outage.users) *
								BigInt(p.outage.minutes) *
								BigInt(p.outage.rate ?? defaultRate);
							expect(risk).toBe(Number((n + 30n) / 60n));
							if (n % 60n === 30n) halves++;
							expected.set(key, { systems: g.systems + 1, riskPence: g.riskPence + risk });
						}
						const all = await outageRollup(o.org.id);
						expect(
							new Map(
								all.byWorkstream.map((w) => [
									w.workstreamId,
									{ systems: w.systems, riskPence: w.riskPence }
								])
							)
						).toEqual(expected);
						expect(all.totalPence).toBe(
							[...expected.values()].reduce((n, g) => n + g.riskPence, 0)
						);
						expect(all.systemCount).toBe(plans.filter((p) => p.outage).length);
						expect(all.systems.reduce((n, s) => n + s.riskPence, 0)).toBe(all.totalPence);
						const firstThree = await outageRollup(o.org.id, { systems: 3 });
						expect(firstThree.systems).toEqual(all.systems.slice(0, 3));
						expect(firstThree.systemCount).toBe(all.systemCount);
						expect(firstThree.totalPence).toBe(all.totalPence);
					}
				),
				{ numRuns: 20 }
			);
			expect(halves).toBeGreaterThan(0);
		}
	);
});

describe('the first systems with outage figures, by name', () => {
	// The planner's statistics decide the plan, and a server refuses ANALYZE: on the embedded file,
	// the statistics of the 100,000-system benchmark portfolio, where sorting every system with
	// figures took 240 ms a page and the name index 0.2 ms.
	it.runIf(!isDatabaseServerUrl())(
		'are read along the name index and stop at the page, not sorted from every system with figures',
		async () => {
			const o = await makeOrganisation();
			for (let i = 0; i < 40; i++) {
				const s = await createSystem(o.actor, { name: `Outage ${String(i).padStart(2, '0')}` });
				if (i % 3 === 0) continue;
				const set = await outageService.setSystemOutage(o.actor, s.id, s.version, {
					concurrentUsers: 10 + i,
					outageMinutesPerYear: 60,
					costPerUserHourPence: null
				});
				if (!set.ok) throw new Error('outage not set');
			}
			const client = database().client;
			await client.execute('ANALYZE');
			await client.execute("DELETE FROM sqlite_stat1 WHERE tbl IN ('system', 'review_outcome')");
			// sqlite_stat1 of bench/results/bench-100k.db (ANALYZE as the app runs it at start).
			for (const [tbl, idx, stat] of [
				['review_outcome', 'review_outcome_ws_idx', '78136 9767'],
				['review_outcome', 'review_outcome_org_idx', '78136 78136 39068 15628 1'],
				['review_outcome', 'review_outcome_system_idx', '78136 2 2 1'],
				['review_outcome', 'review_outcome_review_idx', '78136 2'],
				['system', 'system_org_criticality_rank_idx', '100000 100000 25000 1'],
				['system', 'system_org_lifecycle_cost_idx', '100000 100000 25000 2'],
				['system', 'system_org_contract_end_idx', '100000 100000 35'],
				['system', 'system_org_service_area_idx', '100000 100000 8334'],
				['system', 'system_org_directorate_idx', '100000 100000 25000'],
				['system', 'system_org_review_summary_idx', '100000 100000 25000 6667 1667 556 334'],
				['system', 'system_org_lifecycle_flags_idx', '100000 100000 25000 2778'],
				['system', 'system_org_updated_idx', '100000 100000 1 1'],
				['system', 'system_org_review_rank_idx', '100000 100000 33334 1'],
				['system', 'system_org_contract_end_key_idx', '100000 100000 35 1'],
				['system', 'system_org_cost_key_idx', '100000 100000 2 1'],
				['system', 'system_org_users_key_idx', '100000 100000 34 1'],
				['system', 'system_org_hosting_idx', '100000 100000 33334 1'],
				['system', 'system_org_directorate_name_idx', '100000 100000 25000 1'],
				['system', 'system_org_supplier_idx', '100000 100000 2440 1'],
				['system', 'system_org_name_idx', '100000 100000 1 1'],
				['system', 'system_org_ref_uq', '100000 100000 1']
			])
				await client.execute({
					sql: 'INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)',
					args: [tbl!, idx!, stat!]
				});
			await client.execute('ANALYZE sqlite_schema');
			const { sql, params } = outageSystemsQuery(db(), o.org.id, 5).toSQL();
			const plan = await client.execute({
				sql: `EXPLAIN QUERY PLAN ${sql}`,
				args: params as never[]
			});
			const steps = plan.rows.map((r) => String(r.detail)).join('\n');
			expect(steps, steps).toMatch(/system_org_name_idx/);
			expect(steps).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
			// And the same systems as the whole list's first five.
			const all = await outageSystemsQuery(db(), o.org.id);
			expect(await outageSystemsQuery(db(), o.org.id, 5)).toEqual(all.slice(0, 5));
			expect(all).toHaveLength(26);
		}
	);
});
