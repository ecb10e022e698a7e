import { beforeAll, describe, expect, it } from 'vitest';
import { db, startDatabase, makeOrganisation, createSystem } from './helpers';
import * as systems from '$lib/server/repos/systems';
import * as reviews from '$lib/server/repos/reviews';
import * as workstreams from '$lib/server/repos/workstreams';
import * as dashboard from '$lib/server/repos/dashboard';
import * as reviewService from '$lib/server/services/reviews';
import { DEFAULT_QUERY } from '$lib/domain/systems';
import type { ReviewInput } from '$lib/domain/systems';

beforeAll(async () => {
	await startDatabase();
});

function review(outcomes: ReviewInput['outcomes']): ReviewInput {
	return { reviewedOn: '2026-11-14', reviewer: 'CFA ICT Strategy Group', summary: '', outcomes };
}

describe('recording reviews', () => {
	it('records two outcomes, counts the system under both, and links the replacing workstream', async () => {
		const { actor, org, caseManagement } = await makeOrganisation();
		const s = await createSystem(actor, { name: 'Early Help Module' });
		const result = await reviewService.recordReview(
			actor,
			s.id,
			null,
			review([
				{
					outcome: 'replace',
					rationale: 'Moving to the new case system',
					status: 'agreed',
					targetDate: '2028-03-31',
					workstreamId: caseManagement.id
				},
				{
					outcome: 'develop',
					rationale: 'Interim reporting changes',
					status: 'agreed',
					targetDate: null,
					workstreamId: null
				}
			])
		);
		expect(result.ok).toBe(true);

		const saved = await systems.getSystem(db(), org.id, s.id);
		expect(saved).toMatchObject({ reviewStatus: 'agreed', outcomeCount: 2, version: s.version });
		const totals = await dashboard.reviewTotals(db(), org.id);
		expect(totals).toMatchObject({
			systems: 1,
			reviewed: 1,
			notReviewed: 0,
			multiple: 1,
			outcomeTotal: 2,
			outcomes: { replace: 1, develop: 1, maintain: 0, decommission: 0 }
		});
		const linked = await workstreams.listLinkedSystems(db(), org.id, caseManagement.id);
		expect(linked.map((l) => l.note)).toEqual(['Delivers the replacement']);
		const multiple = await systems.listSystems(db(), org.id, {
			...DEFAULT_QUERY,
			outcome: 'multiple'
		});
		expect(multiple.rows[0]?.outcomes).toEqual(['develop', 'replace']);
		expect(
			(await systems.listSystems(db(), org.id, { ...DEFAULT_QUERY, outcome: 'maintain' })).total
		).toBe(0);
	});

	it('supersedes the last review and keeps it as history', async () => {
		const { actor, org } = await makeOrganisation();
		const s = await createSystem(actor);
		const first = await reviewService.recordReview(
			actor,
			s.id,
			null,
			review([
				{
					outcome: 'maintain',
					rationale: 'Stable',
					status: 'proposed',
					targetDate: null,
					workstreamId: null
				}
			])
		);
		if (!first.ok) throw new Error('first review failed');
		const second = await reviewService.recordReview(
			actor,
			s.id,
			first.review.id,
			review([
				{
					outcome: 'decommission',
					rationale: 'No longer used',
					status: 'agreed',
					targetDate: '2027-06-30',
					workstreamId: null
				}
			])
		);
		expect(second.ok).toBe(true);

		const history = await reviews.listReviewHistory(db(), org.id, s.id);
		expect(history.map((r) => [r.isCurrent, r.outcomes.map((o) => o.outcome)])).toEqual([
			[true, ['decommission']],
			[false, ['maintain']]
		]);
		const totals = await dashboard.reviewTotals(db(), org.id);
		expect(totals.outcomes).toEqual({ maintain: 0, develop: 0, decommission: 1, replace: 0 });
	});

	it('refuses a review based on one that has since been superseded', async () => {
		const { actor, org } = await makeOrganisation();
		const s = await createSystem(actor);
		const outcome = [
			{
				outcome: 'maintain' as const,
				rationale: 'Stable',
				status: 'proposed' as const,
				targetDate: null,
				workstreamId: null
			}
		];
		const first = await reviewService.recordReview(actor, s.id, null, review(outcome));
		expect(first.ok).toBe(true);
		const stale = await reviewService.recordReview(actor, s.id, null, review(outcome));
		expect(stale).toMatchObject({ ok: false, reason: 'conflict' });
		expect(await reviews.listReviewHistory(db(), org.id, s.id)).toHaveLength(1);
	});

	it('saves nothing when any part of a review fails', async () => {
		const { actor, org } = await makeOrganisation();
		const s = await createSystem(actor);
		// A workstream id that does not exist breaks the foreign key on the second outcome.
		await expect(
			reviewService.recordReview(
				actor,
				s.id,
				null,
				review([
					{
						outcome: 'develop',
						rationale: 'x',
						status: 'agreed',
						targetDate: null,
						workstreamId: null
					},
					{
						outcome: 'replace',
						rationale: 'y',
						status: 'agreed',
						targetDate: '2028-01-01',
						workstreamId: 999_999
					}
				])
			)
		).rejects.toThrow();
		expect(await reviews.listReviewHistory(db(), org.id, s.id)).toEqual([]);
		expect(await systems.getSystem(db(), org.id, s.id)).toMatchObject({
			reviewStatus: 'not_reviewed',
			outcomeCount: 0
		});
	});

	it("will not review another organisation's system", async () => {
		const a = await makeOrganisation();
		const b = await makeOrganisation();
		const s = await createSystem(a.actor);
		const result = await reviewService.recordReview(
			b.actor,
			s.id,
			null,
			review([
				{
					outcome: 'maintain',
					rationale: 'x',
					status: 'agreed',
					targetDate: null,
					workstreamId: null
				}
			])
		);
		expect(result).toEqual({ ok: false, reason: 'not-found' });
		expect(await reviews.listReviewHistory(db(), a.org.id, s.id)).toEqual([]);
	});
});
