/** Linking systems to workstreams. Both ends must belong to the actor's organisation. */
import { db, transaction } from '../db/database';
import * as systems from '../repos/systems';
import * as workstreams from '../repos/workstreams';
import * as reviews from '../repos/reviews';
import { recordAudit } from '../repos/audit';
import {
	OUTCOME_LABEL,
	outcomeFlags,
	reviewStatusOf,
	type Outcome,
	type OutcomeStatus
} from '$lib/domain/systems';
import type { Actor } from './actor';
import type { ServiceResult } from './result';

export type LinkResult = ServiceResult<object>;

/** A current outcome of a system's review that names a workstream. */
export interface NamedOutcome {
	id: number;
	outcome: Outcome;
	status: OutcomeStatus;
	targetDate: string | null;
}

/**
 * Unlinked, with the outcomes put back to proposed; or a conflict when current outcomes name the
 * workstream and the caller has not confirmed exactly these (`current.outcomes`): nothing was changed.
 */
export type UnlinkResult = ServiceResult<
	{ reopened: NamedOutcome[] },
	{ outcomes: NamedOutcome[] }
>;

export async function linkSystemToWorkstream(
	actor: Actor,
	workstreamId: number,
	systemId: number,
	note: string
): Promise<LinkResult> {
	return transaction(async (tx): Promise<LinkResult> => {
		const [ws, sys] = [
			await workstreams.getWorkstream(tx, actor.organisationId, workstreamId),
			await systems.getSystem(tx, actor.organisationId, systemId)
		];
		if (!ws || !sys) return { ok: false, reason: 'not-found' };
		await workstreams.linkSystem(tx, actor.organisationId, workstreamId, systemId, note);
		await recordAudit(tx, actor, {
			entity: 'system',
			entityId: systemId,
			action: 'link-workstream',
			after: { workstream: ws.name, note }
		});
		return { ok: true };
	});
}

/** The system's current outcomes that name the workstream (a 'replace' names the one delivering its replacement). */
export async function outcomesNaming(
	organisationId: number,
	workstreamId: number,
	systemId: number
): Promise<NamedOutcome[]> {
	return named(await reviews.getCurrentReview(db(), organisationId, systemId), workstreamId);
}

function named(
	current: reviews.ReviewWithOutcomes | undefined,
	workstreamId: number
): NamedOutcome[] {
	return (current?.outcomes ?? [])
		.filter((o) => o.workstreamId === workstreamId)
		.map((o) => ({ id: o.id, outcome: o.outcome, status: o.status, targetDate: o.targetDate }));
}

const sameIds = (a: readonly NamedOutcome[], seen: readonly number[]) =>
	a.length === seen.length && a.every((o) => seen.includes(o.id));

/**
 * Unlinks a system from a workstream. When the system's current review has outcomes naming that
 * workstream, they are only changed with the caller's confirmation of exactly those outcomes
 * (`confirmedOutcomeIds`, from the confirmation page); otherwise nothing is written and the answer
 * lists them. Confirmed, each such outcome is put back to 'proposed' with no workstream, in the same
 * transaction: an agreed 'Replace' that names a workstream the system is no longer in would claim a
 * plan that no longer holds, and deleting or superseding it would invent a review nobody held. The
 * review's date, reviewer and reasons stay; the change is in the audit trail, and the strategy group
 * sees the outcome as proposed until it reviews the system again and names a workstream.
 */
export async function unlinkSystemFromWorkstream(
	actor: Actor,
	workstreamId: number,
	systemId: number,
	confirmedOutcomeIds: readonly number[] = []
): Promise<UnlinkResult> {
	return transaction(async (tx): Promise<UnlinkResult> => {
		const ws = await workstreams.getWorkstream(tx, actor.organisationId, workstreamId);
		if (!ws) return { ok: false, reason: 'not-found' };
		const current = await reviews.getCurrentReview(tx, actor.organisationId, systemId);
		const outcomes = named(current, workstreamId);
		if (outcomes.length > 0 && !sameIds(outcomes, confirmedOutcomeIds))
			return { ok: false, reason: 'conflict', current: { outcomes } };
		const removed = await workstreams.unlinkSystem(
			tx,
			actor.organisationId,
			workstreamId,
			systemId
		);
		if (!removed) return { ok: false, reason: 'not-found' };
		if (outcomes.length > 0 && current) {
			await reviews.reopenOutcomes(
				tx,
				actor.organisationId,
				systemId,
				outcomes.map((o) => o.id)
			);
			const after = current.outcomes.map((o) =>
				outcomes.some((n) => n.id === o.id)
					? { ...o, status: 'proposed' as const, workstreamId: null }
					: o
			);
			await systems.setReviewSummary(
				tx,
				actor.organisationId,
				systemId,
				reviewStatusOf(after),
				after.length,
				outcomeFlags(after)
			);
		}
		const describe = (o: NamedOutcome, status: OutcomeStatus, workstream: string) =>
			`${OUTCOME_LABEL[o.outcome]} (${status}, workstream: ${workstream})`;
		await recordAudit(tx, actor, {
			entity: 'system',
			entityId: systemId,
			action: 'unlink-workstream',
			before: {
				workstream: ws.name,
				...(outcomes.length
					? { outcomes: outcomes.map((o) => describe(o, o.status, ws.name)) }
					: {})
			},
			after: outcomes.length
				? { outcomes: outcomes.map((o) => describe(o, 'proposed', 'not set')) }
				: null
		});
		return { ok: true, reopened: outcomes };
	});
}
