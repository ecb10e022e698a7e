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
