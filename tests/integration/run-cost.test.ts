/**
 * The run cost saved, summed in SQL (repos/run-cost.ts), against the domain's own rules worked in
 * JavaScript (switchOffDates, runCostSavedInYear) on random portfolios: equal to the penny.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { db, startDatabase, makeOrganisation, createSystem } from './helpers';
import * as reviewService from '$lib/server/services/reviews';
import * as milestoneService from '$lib/server/services/milestones';
import * as rollupRepo from '$lib/server/repos/rollups';
import * as milestones from '$lib/server/repos/milestones';
import { runCostRollup } from '$lib/server/services/rollups';
import { switchOffDates } from '$lib/domain/milestone';
import { runCostSavedInYear } from '$lib/domain/rollup';

beforeAll(async () => {
	await startDatabase();
});

const YEARS = ['2025/26', '2026/27', '2027/28', '2028/29', '2029/30'];
const day = fc.integer({ min: 0, max: 5 * 365 }).map((n) => new Date(Date.UTC(2025, 3, 1) + n * 86_400_000).toISOString().slice(0, 10));

const systemPlan = fc.record({
	cost: fc.option(fc.integer({ min: 0, max: 50_000_000 }), { nil: null }),
	lifecycle: fc.constantFrom('live', 'being_replaced', 'decommissioned'),
	outcomes: fc.subarray(['decommission', 'replace', 'develop'] as const),
	decommissionTarget: fc.option(day, { nil: null }),
	replaceTarget: fc.option(day, { nil: null }),
	milestone: fc.option(fc.record({ planned: day, forecast: fc.option(day, { nil: null }) }), { nil: null })
});

describe('run cost saved, summed in SQL', () => {
	it('equals the domain rules on random portfolios, year by year and system by system', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(systemPlan, { minLength: 1, maxLength: 12 }), async (plans) => {
				const o = await makeOrganisation();
				for (const [i, p] of plans.entries()) {
					const s = await createSystem(o.actor, { name: `S${i}`, annualRunCostPence: p.cost, lifecycle: p.lifecycle });
					if (p.outcomes.length > 0) {
						const review = await reviewService.recordReview(o.actor, s.id, null, {
							reviewedOn: '2026-06-01', reviewer: 'Group', summary: '',
							outcomes: p.outcomes.map((outcome) => ({
								outcome,
								rationale: 'Test',
								status: 'agreed' as const,
								targetDate: outcome === 'decommission' ? p.decommissionTarget ?? '2027-03-31' : outcome === 'replace' ? p.replaceTarget ?? '2028-03-31' : null,
								workstreamId: outcome === 'replace' ? o.caseManagement.id : null
							}))
						});
						expect(review.ok).toBe(true);
					}
					if (p.milestone) {
						const m = await milestoneService.createMilestone(o.actor, { systemId: s.id }, { kind: 'decommission', plannedDate: p.milestone.planned, forecastDate: p.milestone.forecast, actualDate: null, note: '' });
						expect(m.ok).toBe(true);
					}
				}
				// The domain's own reckoning, from the same rows.
				const outcomes = (await rollupRepo.switchingOffOutcomes(db(), o.org.id)).filter((x) => x.lifecycle === 'live' || x.lifecycle === 'being_replaced');
				const dates = switchOffDates(outcomes, await milestones.systemMilestonesOfKind(db(), o.org.id, 'decommission'));
				const systems = [...new Map(outcomes.filter((x) => dates.has(x.systemId)).map((x) => [x.systemId, { systemId: x.systemId, annualRunCostPence: x.annualRunCostPence, decommissionDate: dates.get(x.systemId)! }])).values()];
				const expected = YEARS.map((y) => systems.reduce((sum, s) => sum + runCostSavedInYear(s, y), 0));

				const run = await runCostRollup(o.org.id, YEARS);
				expect(run.byYear.map((y) => y.savedPence)).toEqual(expected);
				expect(run.systemCount).toBe(systems.length);
				expect(new Map(run.systems.map((s) => [s.systemId, s.decommissionDate]))).toEqual(new Map(systems.map((s) => [s.systemId, s.decommissionDate])));
				expect(run.switchedOffRunCostPence).toBe(systems.reduce((sum, s) => sum + (s.annualRunCostPence ?? 0), 0));
				const firstTwo = await runCostRollup(o.org.id, YEARS, { systems: 2 });
				expect(firstTwo.systems).toEqual(run.systems.slice(0, 2));
				expect(firstTwo.byYear).toEqual(run.byYear);
			}),
			{ numRuns: 25 }
		);
	});
});
