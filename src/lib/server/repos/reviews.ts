/** Reviews of systems and their outcomes. The current review is the latest; earlier ones are history. */
import { and, desc, eq, inArray } from 'drizzle-orm';
import { review, reviewOutcome, workstream } from '../db/schema';
import { currentOutcome } from './current-outcome';
import type { Executor } from '../db';
import type { OutcomeInput, ReviewInput } from '$lib/domain/systems';
import { OUTCOMES } from '$lib/domain/systems';
import { nowIso } from '$lib/domain/dates';

export type Review = typeof review.$inferSelect;
export type ReviewOutcomeRow = typeof reviewOutcome.$inferSelect & {
	workstreamName: string | null;
};
export type ReviewWithOutcomes = Review & { outcomes: ReviewOutcomeRow[] };

async function withOutcomes(
	ex: Executor,
	organisationId: number,
	reviews: Review[]
): Promise<ReviewWithOutcomes[]> {
	if (reviews.length === 0) return [];
	const rows = await ex
		.select({ outcome: reviewOutcome, workstreamName: workstream.name })
		.from(reviewOutcome)
		.leftJoin(workstream, eq(workstream.id, reviewOutcome.workstreamId))
		.where(
			and(
				eq(reviewOutcome.organisationId, organisationId),
				inArray(
					reviewOutcome.reviewId,
					reviews.map((r) => r.id)
				)
			)
		);
	const rank = (o: string) => OUTCOMES.indexOf(o as (typeof OUTCOMES)[number]);
	return reviews.map((r) => ({
		...r,
		outcomes: rows
			.filter((row) => row.outcome.reviewId === r.id)
			.map((row) => ({ ...row.outcome, workstreamName: row.workstreamName }))
			.sort((a, b) => rank(a.outcome) - rank(b.outcome))
	}));
}

/** The system's current review with its outcomes, or undefined when it has never been reviewed. */
export async function getCurrentReview(
	ex: Executor,
	organisationId: number,
	systemId: number
): Promise<ReviewWithOutcomes | undefined> {
	const rows = await ex
		.select()
		.from(review)
		.where(
			and(
				eq(review.organisationId, organisationId),
				eq(review.systemId, systemId),
				eq(review.isCurrent, true)
			)
		);
	const [current] = await withOutcomes(ex, organisationId, rows);
	return current;
}

/** Every review of the system, newest first, each with its outcomes. */
export async function listReviewHistory(
	ex: Executor,
	organisationId: number,
	systemId: number
): Promise<ReviewWithOutcomes[]> {
	const rows = await ex
		.select()
		.from(review)
		.where(and(eq(review.organisationId, organisationId), eq(review.systemId, systemId)))
		.orderBy(desc(review.id));
	return withOutcomes(ex, organisationId, rows);
}

/** Marks the system's current review (and its outcomes) as superseded. */
export async function supersedeCurrentReview(
	ex: Executor,
	organisationId: number,
	systemId: number
): Promise<void> {
	const now = nowIso();
	await ex
		.update(review)
		.set({ isCurrent: false, supersededAt: now })
		.where(
			and(
				eq(review.organisationId, organisationId),
				eq(review.systemId, systemId),
				eq(review.isCurrent, true)
			)
		);
	await ex
		.update(reviewOutcome)
		.set({ isCurrent: false })
		.where(
			and(
				eq(reviewOutcome.organisationId, organisationId),
				eq(reviewOutcome.systemId, systemId),
				currentOutcome()
			)
		);
}

/**
 * Puts current outcomes back to 'proposed' with no workstream: what unlinking a system from the
 * workstream those outcomes named does to them (services/workstreams.ts says why).
 */
export async function reopenOutcomes(
	ex: Executor,
	organisationId: number,
	systemId: number,
	outcomeIds: readonly number[]
): Promise<void> {
	if (outcomeIds.length === 0) return;
	await ex
		.update(reviewOutcome)
		.set({ status: 'proposed', workstreamId: null })
		.where(
			and(
				eq(reviewOutcome.organisationId, organisationId),
				eq(reviewOutcome.systemId, systemId),
				currentOutcome(),
				inArray(reviewOutcome.id, [...outcomeIds])
			)
		);
}

/** Inserts a review as the current one, with its outcomes. Call supersedeCurrentReview first. */
export async function insertReview(
	ex: Executor,
	organisationId: number,
	systemId: number,
	input: ReviewInput
): Promise<Review> {
	const [row] = await ex
		.insert(review)
		.values({
			organisationId,
			systemId,
			reviewedOn: input.reviewedOn,
			reviewer: input.reviewer,
			summary: input.summary,
			isCurrent: true
		})
		.returning();
	const outcomes = input.outcomes.map((o: OutcomeInput) => ({
		...o,
		organisationId,
		systemId,
		reviewId: row!.id,
		isCurrent: true
	}));
	if (outcomes.length > 0) await ex.insert(reviewOutcome).values(outcomes);
	return row!;
}
