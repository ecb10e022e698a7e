/** Recording a review: supersede the last, store the new one, keep the system's summary in step. */
import { transaction } from '../db/database';
import * as systems from '../repos/systems';
import * as reviews from '../repos/reviews';
import * as workstreams from '../repos/workstreams';
import { recordAudit } from '../repos/audit';
import { outcomeFlags, reviewStatusOf, type ReviewInput } from '$lib/domain/systems';
import type { Actor } from './actor';
import type { ServiceResult } from './result';

/** A conflict: someone recorded another review since the form was opened; `current` is it. */
export type RecordReviewResult = ServiceResult<
	{ review: reviews.Review },
	reviews.ReviewWithOutcomes | undefined
>;

/**
 * Records a review of a system. `basedOnReviewId` is the review that was current when the form was
 * opened (null if none): if another review has been recorded since, nothing is written.
 * A 'replace' outcome links the system to the workstream delivering its replacement.
 */
export async function recordReview(
	actor: Actor,
	systemId: number,
	basedOnReviewId: number | null,
	input: ReviewInput
): Promise<RecordReviewResult> {
	return transaction(async (tx): Promise<RecordReviewResult> => {
		const found = await systems.getSystem(tx, actor.organisationId, systemId);
		if (!found) return { ok: false, reason: 'not-found' };
		const current = await reviews.getCurrentReview(tx, actor.organisationId, systemId);
		if ((current?.id ?? null) !== basedOnReviewId)
			return { ok: false, reason: 'conflict', current };
		await reviews.supersedeCurrentReview(tx, actor.organisationId, systemId);
		const saved = await reviews.insertReview(tx, actor.organisationId, systemId, input);
		await systems.setReviewSummary(
			tx,
			actor.organisationId,
			systemId,
			reviewStatusOf(input.outcomes),
			input.outcomes.length,
			outcomeFlags(input.outcomes)
		);
		for (const outcome of input.outcomes) {
			if (outcome.workstreamId != null) {
				const note =
					outcome.outcome === 'replace' ? 'Delivers the replacement' : 'Named in the review';
				await workstreams.ensureLinked(
					tx,
					actor.organisationId,
					outcome.workstreamId,
					systemId,
					note
				);
			}
		}
		await recordAudit(tx, actor, {
			entity: 'system',
			entityId: systemId,
			action: 'review',
			before: current
				? {
						reviewId: current.id,
						outcomes: current.outcomes.map((o) => `${o.outcome} (${o.status})`)
					}
				: null,
			after: {
				reviewId: saved.id,
				reviewedOn: input.reviewedOn,
				reviewer: input.reviewer,
				outcomes: input.outcomes.map((o) => `${o.outcome} (${o.status})`)
			}
		});
		return { ok: true, review: saved };
	});
}
