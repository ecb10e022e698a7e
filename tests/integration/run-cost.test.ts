/**
 * The run cost saved, read from the switch-offs the triggers keep (repos/run-cost.ts), against the
 * domain's own rules worked in JavaScript (switchOffDates, runCostSavedInYear) on random portfolios,
 * after they are built and again after random later changes (forecasts slipping, milestones archived,
 * reviews superseded, systems' lifecycle and run cost edited): equal to the penny, and equal to a
 * rebuild from scratch.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { db, startDatabase, makeOrganisation, createSystem, systemInput } from './helpers';
import * as reviewService from '$lib/server/services/reviews';
import * as milestoneService from '$lib/server/services/milestones';
import * as systemService from '$lib/server/services/systems';
import * as costService from '$lib/server/services/cost-lines';
import * as rollupRepo from '$lib/server/repos/rollups';
import * as milestones from '$lib/server/repos/milestones';
import { runCostRollup } from '$lib/server/services/rollups';
import { switchOffDates } from '$lib/domain/milestones';
import { runCostSavedInYear } from '$lib/domain/rollups';

beforeAll(async () => {
	await startDatabase();
});

const YEARS = ['2025/26', '2026/27', '2027/28', '2028/29', '2029/30'];
const day = fc
	.integer({ min: 0, max: 5 * 365 })
	.map((n) => new Date(Date.UTC(2025, 3, 1) + n * 86_400_000).toISOString().slice(0, 10));

const systemPlan = fc.record({
	cost: fc.option(fc.integer({ min: 0, max: 50_000_000 }), { nil: null }),
	lifecycle: fc.constantFrom('live', 'being_replaced', 'decommissioned'),
	outcomes: fc.subarray(['decommission', 'replace', 'develop'] as const),
	decommissionTarget: fc.option(day, { nil: null }),
	replaceTarget: fc.option(day, { nil: null }),
	milestone: fc.option(fc.record({ planned: day, forecast: fc.option(day, { nil: null }) }), {
		nil: null
	})
});

const change = fc.record({
	index: fc.nat(),
	kind: fc.constantFrom('forecast', 'actual', 'archive', 'review', 'lifecycle', 'cost'),
	date: day,
	cost: fc.option(fc.integer({ min: 0, max: 50_000_000 }), { nil: null }),
	lifecycle: fc.constantFrom('live', 'being_replaced', 'decommissioned'),
	outcomes: fc.constantFrom<('decommission' | 'replace' | 'develop')[]>(
		['decommission'],
		['replace'],
		['develop'],
		['decommission', 'replace']
	)
});

type Change = typeof change extends fc.Arbitrary<infer T> ? T : never;
type Organisation = Awaited<ReturnType<typeof makeOrganisation>>;
interface Built {
	system: Awaited<ReturnType<typeof createSystem>>;
	reviewId: number | null;
	milestone: milestones.MilestoneRow | null;
}

/** One later change through the services, as an officer would make it. */
async function applyChange(o: Organisation, b: Built, c: Change) {
	if (
		(c.kind === 'forecast' || c.kind === 'actual' || c.kind === 'archive') &&
		b.milestone &&
		!b.milestone.archivedAt
	) {
		const m = b.milestone;
		const result =
			c.kind === 'archive'
				? await milestoneService.archiveMilestone(o.actor, m.id, m.version)
				: await milestoneService.updateMilestone(o.actor, m.id, m.version, {
						kind: 'decommission',
						plannedDate: m.plannedDate,
						forecastDate: c.kind === 'forecast' ? c.date : m.forecastDate,
						actualDate: c.kind === 'actual' ? c.date : m.actualDate,
						note: ''
					});
		if (!result.ok) throw new Error(`milestone change refused: ${result.reason}`);
		b.milestone = result.milestone;
	} else if (c.kind === 'review') {
		const review = await reviewService.recordReview(o.actor, b.system.id, b.reviewId, {
			reviewedOn: '2026-09-01',
			reviewer: 'Group',
			summary: '',
			outcomes: c.outcomes.map((outcome) => ({
				outcome,
				rationale: 'Later',
				status: 'agreed' as const,
				targetDate: outcome === 'develop' ? null : c.date,
				workstreamId: outcome === 'replace' ? o.caseManagement.id : null
			}))
		});
		if (!review.ok) throw new Error(`review refused: ${review.reason}`);
		b.reviewId = review.review.id;
	} else if (c.kind === 'lifecycle' || c.kind === 'cost') {
		const s = b.system;
		const edit =
			c.kind === 'lifecycle' ? { lifecycle: c.lifecycle } : { annualRunCostPence: c.cost };
		const result = await systemService.updateSystem(
			o.actor,
			s.id,
			s.version,
			systemInput({
				name: s.name,
				annualRunCostPence: s.annualRunCostPence,
				lifecycle: s.lifecycle as Change['lifecycle'],
				...edit
			})
		);
		if (!result.ok) throw new Error(`system edit refused: ${result.reason}`);
		b.system = result.system;
	}
}

/** The run-cost roll-up equals the domain's own reckoning from the same rows, to the penny. */
async function expectDomainFigures(organisationId: number) {
	// The domain's own reckoning, from the same rows.
	const outcomes = (await rollupRepo.switchingOffOutcomes(db(), organisationId)).filter(
		(x) => x.lifecycle === 'live' || x.lifecycle === 'being_replaced'
	);
	const dates = switchOffDates(
		outcomes,
		await milestones.systemMilestonesOfKind(db(), organisationId, 'decommission')
	);
	const systems = [
		...new Map(
			outcomes
				.filter((x) => dates.has(x.systemId))
				.map((x) => [
					x.systemId,
					{
						systemId: x.systemId,
						annualRunCostPence: x.annualRunCostPence,
						decommissionDate: dates.get(x.systemId)!
					}
				])
		).values()
	];
	const expected = YEARS.map((y) => systems.reduce((sum, s) => sum + runCostSavedInYear(s, y), 0));

	const run = await runCostRollup(organisationId, YEARS);
	expect(run.byYear.map((y) => y.savedPence)).toEqual(expected);
	expect(run.systemCount).toBe(systems.length);
	expect(new Map(run.systems.map((s) => [s.systemId, s.decommissionDate]))).toEqual(
		new Map(systems.map((s) => [s.systemId, s.decommissionDate]))
	);
	expect(run.switchedOffRunCostPence).toBe(
		systems.reduce((sum, s) => sum + (s.annualRunCostPence ?? 0), 0)
	);
	const firstTwo = await runCostRollup(organisationId, YEARS, { systems: 2 });
	expect(firstTwo.systems).toEqual(run.systems.slice(0, 2));
	expect(firstTwo.byYear).toEqual(run.byYear);
}

describe('run cost saved, from the kept switch-offs', () => {
	it(
		'equals the domain rules on random portfolios, year by year and system by system',
		{ timeout: 120_000 },
		async () => {
			await fc.assert(
				fc.asyncProperty(
					fc.array(systemPlan, { minLength: 1, maxLength: 12 }),
					fc.array(change, { maxLength: 12 }),
					async (plans, changes) => {
						const o = await makeOrganisation();
						const built: Built[] = [];
						for (const [i, p] of plans.entries()) {
							const s = await createSystem(o.actor, {
								name: `S${i}`,
								annualRunCostPence: p.cost,
								lifecycle: p.lifecycle
							});
							const b: Built = { system: s, reviewId: null, milestone: null };
							built.push(b);
							if (p.outcomes.length > 0) {
								const review = await reviewService.recordReview(o.actor, s.id, null, {
									reviewedOn: '2026-06-01',
									reviewer: 'Group',
									summary: '',
									outcomes: p.outcomes.map((outcome) => ({
										outcome,
										rationale: 'Test',
										status: 'agreed' as const,
										targetDate:
											outcome === 'decommission'
												? (p.decommissionTarget ?? '2027-03-31')
												: outcome === 'replace'
													? (p.replaceTarget ?? '2028-03-31')
													: null,
										workstreamId: outcome === 'replace' ? o.caseManagement.id : null
									}))
								});
								if (!review.ok) throw new Error('review not recorded');
								b.reviewId = review.review.id;
							}
							if (p.milestone) {
								const m = await milestoneService.createMilestone(
									o.actor,
									{ systemId: s.id },
									{
										kind: 'decommission',
										plannedDate: p.milestone.planned,
										forecastDate: p.milestone.forecast,
										actualDate: null,
										note: ''
									}
								);
								if (!m.ok) throw new Error('milestone not created');
								b.milestone = m.milestone;
							}
						}
						await expectDomainFigures(o.org.id);
						for (const c of changes) {
							const target = built[c.index % built.length]!;
							await applyChange(o, target, c);
						}
						await expectDomainFigures(o.org.id);
						expect(await costService.rebuildCostTotals(o.actor)).toEqual([]);
					}
				),
				{ numRuns: 25 }
			);
		}
	);
});
