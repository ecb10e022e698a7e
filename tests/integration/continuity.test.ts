/**
 * The continuity guard reads statutory systems a page at a time: on random portfolios, its breaches
 * with pages of two systems equal those of one page, and both equal the domain's rules applied to
 * every switching-off outcome and decommission milestone read at once.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { db, startDatabase, makeOrganisation, createSystem } from './helpers';
import * as reviewService from '$lib/server/services/reviews';
import * as milestoneService from '$lib/server/services/milestones';
import * as rollupRepo from '$lib/server/repos/rollups';
import * as milestones from '$lib/server/repos/milestones';
import * as workstreams from '$lib/server/repos/workstreams';
import { continuityBreachesOf } from '$lib/server/services/rollups';
import { continuityBreaches } from '$lib/domain/systems';
import { effectiveDate, latestBy, switchOffDates } from '$lib/domain/milestones';

beforeAll(async () => {
	await startDatabase();
});

const day = fc
	.integer({ min: 0, max: 4 * 365 })
	.map((n) => new Date(Date.UTC(2026, 3, 1) + n * 86_400_000).toISOString().slice(0, 10));
const systemPlan = fc.record({
	duties: fc.constantFrom('', '  ', 'Children Act 1989 s.17'),
	outcome: fc.constantFrom('decommission', 'replace', 'develop'),
	target: day,
	milestone: fc.option(day, { nil: null })
});

/** The rules applied to everything read at once, as the guard did before it read a page at a time. */
async function allAtOnce(organisationId: number) {
	const outcomes = (await rollupRepo.switchingOffOutcomes(db(), organisationId)).filter(
		(o) => o.statutoryDuties.trim() !== ''
	);
	const dates = switchOffDates(
		outcomes,
		await milestones.systemMilestonesOfKind(db(), organisationId, 'decommission')
	);
	const bySystem = new Map<
		number,
		{
			id: number;
			name: string;
			statutoryDuties: string;
			outcomes: {
				outcome: 'decommission' | 'replace';
				targetDate: string | null;
				workstreamId: number | null;
			}[];
		}
	>();
	for (const o of outcomes) {
		const s = bySystem.get(o.systemId) ?? {
			id: o.systemId,
			name: o.systemName,
			statutoryDuties: o.statutoryDuties,
			outcomes: []
		};
		s.outcomes.push({
			outcome: o.outcome as 'decommission' | 'replace',
			targetDate: dates.get(o.systemId) ?? o.targetDate,
			workstreamId: o.workstreamId
		});
		bySystem.set(o.systemId, s);
	}
	const goLives = latestBy(
		(await milestones.workstreamMilestonesOfKind(db(), organisationId, 'go_live')).map((m) => ({
			...m,
			key: m.workstreamId!
		}))
	);
	const names = new Map(
		(await workstreams.listWorkstreams(db(), organisationId)).map((w) => [w.id, w.name])
	);
	return continuityBreaches(
		[...bySystem.values()],
		new Map([...goLives].map(([id, m]) => [id, effectiveDate(m)])),
		names
	);
}

describe('continuity guard, read a page at a time', () => {
	// A property over random plans written through the services: seconds alone, more on a loaded machine.
	it('finds the same breaches as reading everything at once', { timeout: 120_000 }, async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(systemPlan, { minLength: 1, maxLength: 9 }),
				fc.option(day, { nil: null }),
				async (plans, goLive) => {
					const o = await makeOrganisation();
					if (goLive) {
						const m = await milestoneService.createMilestone(
							o.actor,
							{ workstreamId: o.caseManagement.id },
							{
								kind: 'go_live',
								plannedDate: goLive,
								forecastDate: null,
								actualDate: null,
								note: ''
							}
						);
						if (!m.ok) throw new Error('go-live not created');
					}
					for (const [i, p] of plans.entries()) {
						const s = await createSystem(o.actor, {
							name: `System ${i}`,
							statutoryDuties: p.duties
						});
						const review = await reviewService.recordReview(o.actor, s.id, null, {
							reviewedOn: '2026-06-01',
							reviewer: 'Group',
							summary: '',
							outcomes: [
								{
									outcome: p.outcome,
									rationale: 'Test',
									status: 'agreed',
									targetDate: p.outcome === 'develop' ? null : p.target,
									workstreamId: p.outcome === 'replace' ? o.caseManagement.id : null
								}
							]
						});
						if (!review.ok) throw new Error('review not recorded');
						if (p.milestone) {
							const m = await milestoneService.createMilestone(
								o.actor,
								{ systemId: s.id },
								{
									kind: 'decommission',
									plannedDate: p.milestone,
									forecastDate: null,
									actualDate: null,
									note: ''
								}
							);
							if (!m.ok) throw new Error('milestone not created');
						}
					}
					const expected = await allAtOnce(o.org.id);
					expect(await continuityBreachesOf(o.org.id, { systemsPerPage: 2 })).toEqual(expected);
					expect(await continuityBreachesOf(o.org.id)).toEqual(expected);
					const statutorySwitchingOff = plans.filter(
						(p) => p.duties.trim() !== '' && p.outcome !== 'develop'
					).length;
					if (!goLive) expect(expected).toHaveLength(statutorySwitchingOff);
				}
			),
			{ numRuns: 25 }
		);
	});
});
