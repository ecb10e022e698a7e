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
import { annualOutageRiskPence } from '$lib/domain/outage';

beforeAll(async () => {
	await startDatabase();
});

const systemPlan = fc.record({
	outage: fc.option(fc.record({ users: fc.integer({ min: 0, max: 50_000 }), minutes: fc.integer({ min: 0, max: 525_600 }), rate: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: null }) }), { nil: null }),
	replaced: fc.boolean(),
	lifecycle: fc.constantFrom('live', 'being_replaced', 'decommissioned')
});

describe('outage roll-up, summed in SQL', () => {
	it('equals the domain figure of every system, grouped by replacing workstream', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(systemPlan, { minLength: 1, maxLength: 10 }), fc.integer({ min: 1, max: 10_000 }), async (plans, defaultRate) => {
				const o = await makeOrganisation();
				await outageService.setOutageDefault(o.actor, { costPerUserHourPence: defaultRate, basis: 'Test' });
				const expected = new Map<number | null, { systems: number; riskPence: number }>();
				for (const [i, p] of plans.entries()) {
					const s = await createSystem(o.actor, { name: `System ${String(i).padStart(2, '0')}`, lifecycle: p.lifecycle });
					let version = s.version;
					if (p.outage) {
						const set = await outageService.setSystemOutage(o.actor, s.id, version, { concurrentUsers: p.outage.users, outageMinutesPerYear: p.outage.minutes, costPerUserHourPence: p.outage.rate });
						if (!set.ok) throw new Error('outage not set');
						version = set.system.version;
					}
					if (p.replaced) {
						const review = await reviewService.recordReview(o.actor, s.id, null, {
							reviewedOn: '2026-06-01', reviewer: 'Group', summary: '',
							outcomes: [{ outcome: 'replace', rationale: 'Test', status: 'agreed', targetDate: '2028-03-31', workstreamId: o.caseManagement.id }]
						});
						if (!review.ok) throw new Error('review not recorded');
					}
					if (!p.outage) continue;
					const key = p.replaced ? o.caseManagement.id : null;
					const g = expected.get(key) ?? { systems: 0, riskPence: 0 };
					const risk = annualOutageRiskPence({ concurrentUsers: p.outage.users, outageMinutesPerYear: p.outage.minutes, costPerUserHourPence: p.outage.rate ?? defaultRate });
					expected.set(key, { systems: g.systems + 1, riskPence: g.riskPence + risk });
				}
				const all = await outageRollup(o.org.id);
				expect(new Map(all.byWorkstream.map((w) => [w.workstreamId, { systems: w.systems, riskPence: w.riskPence }]))).toEqual(expected);
				expect(all.totalPence).toBe([...expected.values()].reduce((n, g) => n + g.riskPence, 0));
				expect(all.systemCount).toBe(plans.filter((p) => p.outage).length);
				expect(all.systems.reduce((n, s) => n + s.riskPence, 0)).toBe(all.totalPence);
				const firstThree = await outageRollup(o.org.id, { systems: 3 });
				expect(firstThree.systems).toEqual(all.systems.slice(0, 3));
				expect(firstThree.systemCount).toBe(all.systemCount);
				expect(firstThree.totalPence).toBe(all.totalPence);
			}),
			{ numRuns: 20 }
		);
	});
});
