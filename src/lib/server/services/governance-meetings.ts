/**
 * Partnership meetings: the partners expected (members on the day), who attended for each, and
 * whether the meeting was quorate under the agreement's rule, decided and stored when recorded.
 * Decisions are minuted at a meeting; one taken at an inquorate meeting stands only once a quorate
 * meeting ratifies it.
 */
import { transaction } from '../db/database';
import * as partnerships from '../repos/governance-partnerships';
import * as meetings from '../repos/governance-meetings';
import { recordAudit } from '../repos/audit';
import type { Actor } from './actor';
import type { FieldErrors } from '$lib/domain/systems';
import { expectedPartners, quorum } from '$lib/domain/governance/quorum';
import { todayInUk } from '$lib/domain/dates';
import type { MeetingBody } from '$lib/domain/governance/meeting-form';

export interface MeetingInput {
	body: MeetingBody;
	meetingOn: string;
	title: string;
	minutesUrl: string;
	attendees: Record<number, string>;
}
export type MeetingResult =
	| { ok: true; meetingId: number; quorate: boolean; summary: string }
	| { ok: false; errors: FieldErrors };

export async function recordMeeting(
	actor: Actor,
	input: MeetingInput,
	today = todayInUk()
): Promise<MeetingResult> {
	return transaction(async (tx): Promise<MeetingResult> => {
		const agreement = await partnerships.getAgreement(tx, actor.organisationId);
		if (!agreement)
			return {
				ok: false,
				errors: {
					body: 'Record the partnership agreement and its partners before recording meetings'
				}
			};
		if (input.meetingOn > today)
			return {
				ok: false,
				errors: {
					meetingOn:
						'Date of the meeting must be today or in the past: record who attended after it has happened'
				}
			};
		const expected = expectedPartners(
			await partnerships.memberships(tx, actor.organisationId),
			input.meetingOn
		);
		if (expected.length === 0)
			return {
				ok: false,
				errors: { meetingOn: 'No partner was a member of the partnership on that date' }
			};
		const present = expected.filter((id) => (input.attendees[id] ?? '') !== '');
		if (present.length === 0)
			return {
				ok: false,
				errors: {
					attendees:
						'Enter who attended for at least one partner: a meeting with no partner present is not a meeting of the partnership'
				}
			};
		const q = quorum(agreement.quorumRule, agreement.quorumMinimum, expected, present);
		const meeting = await meetings.insertMeeting(tx, actor.organisationId, {
			body: input.body,
			meetingOn: input.meetingOn,
			title: input.title,
			minutesUrl: input.minutesUrl,
			quorate: q.quorate,
			quorumSummary: q.summary,
			recordedBy: actor.displayName
		});
		await meetings.insertMeetingPartners(
			tx,
			actor.organisationId,
			meeting.id,
			expected.map((id) => ({ partnerOrganisationId: id, attendees: input.attendees[id] ?? '' }))
		);
		await recordAudit(tx, actor, {
			entity: 'governance_meeting',
			entityId: meeting.id,
			action: 'record',
			after: { ...input, quorate: q.quorate, quorum: q.summary }
		});
		return { ok: true, meetingId: meeting.id, quorate: q.quorate, summary: q.summary };
	});
}

export type DecisionResult = { ok: true; decisionId: number } | { ok: false; errors: FieldErrors };

/** A decision minuted at a meeting (other business than approving a document). */
export async function recordDecision(
	actor: Actor,
	meetingId: number,
	input: { minuteRef: string; subject: string }
): Promise<DecisionResult> {
	return transaction(async (tx): Promise<DecisionResult> => {
		if (!(await meetings.getMeeting(tx, actor.organisationId, meetingId)))
			return { ok: false, errors: { subject: 'That meeting is not recorded' } };
		const d = await meetings.insertDecision(tx, actor.organisationId, {
			meetingId,
			...input,
			ratifiesDecisionId: null,
			recordedBy: actor.displayName
		});
		await recordAudit(tx, actor, {
			entity: 'governance_decision',
			entityId: d.id,
			action: 'record',
			after: { meetingId, ...input }
		});
		return { ok: true, decisionId: d.id };
	});
}

/** Ratifies a decision of an inquorate meeting at a quorate one. */
export async function ratifyDecision(
	actor: Actor,
	meetingId: number,
	decisionId: number,
	minuteRef: string
): Promise<DecisionResult> {
	return transaction(async (tx): Promise<DecisionResult> => {
		const meeting = await meetings.getMeeting(tx, actor.organisationId, meetingId);
		if (!meeting?.quorate)
			return { ok: false, errors: { decisionId: 'Only a quorate meeting can ratify a decision' } };
		const original = await meetings.getDecision(tx, actor.organisationId, decisionId);
		if (!original) return { ok: false, errors: { decisionId: 'Choose a decision from the list' } };
		const at = (await meetings.getMeeting(tx, actor.organisationId, original.meetingId))!;
		if (at.quorate)
			return {
				ok: false,
				errors: {
					decisionId: 'That decision was taken at a quorate meeting: it needs no ratifying'
				}
			};
		if (at.meetingOn > meeting.meetingOn)
			return {
				ok: false,
				errors: { decisionId: 'A meeting can ratify only decisions taken before it' }
			};
		const all = await meetings.listDecisions(tx, actor.organisationId);
		const quorateIds = new Set(
			(await meetings.listMeetings(tx, actor.organisationId))
				.filter((m) => m.quorate)
				.map((m) => m.id)
		);
		if (all.some((d) => d.ratifiesDecisionId === decisionId && quorateIds.has(d.meetingId)))
			return { ok: false, errors: { decisionId: 'That decision has already been ratified' } };
		const d = await meetings.insertDecision(tx, actor.organisationId, {
			meetingId,
			minuteRef,
			subject: `Ratified: ${original.subject} (minute ${original.minuteRef})`,
			ratifiesDecisionId: decisionId,
			recordedBy: actor.displayName
		});
		await recordAudit(tx, actor, {
			entity: 'governance_decision',
			entityId: d.id,
			action: 'ratify',
			after: { meetingId, ratifies: decisionId, minuteRef }
		});
		return { ok: true, decisionId: d.id };
	});
}
