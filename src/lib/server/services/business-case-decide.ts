/**
 * Deciding a submitted business case. A decision is recorded only by an approver of the case's own
 * organisation who edited no version of it, and only about exactly what the decider saw: the decision
 * page carries the fingerprint of the figures it showed (`decisionBasis`), and the decision is
 * recorded only if the snapshot built inside the transaction has that same fingerprint. Approval
 * freezes the version with those figures and their SHA-256. Refusals are audited too.
 */
import { db, transaction } from '../db/database';
import * as cases from '../repos/business-cases';
import * as users from '../repos/users';
import { recordAudit } from '../repos/audit';
import type { Actor } from './actor';
import { type CaseResult } from './business-case-draft';
import { refused } from './result';
import { previewSnapshot } from './business-case-figures';
import {
	DECISION_MAKERS,
	DECISION_OUTCOMES,
	FREEZING_OUTCOMES,
	nextStatus,
	type DecisionInput,
	type WorkflowStep,
	caseFigureLines,
	caseFiguresTooLarge
} from '$lib/domain/business-cases';
import {
	contentHash,
	shownHash,
	changedLines,
	tooLargeToFreeze,
	type FigureLines,
	type Seen
} from '$lib/domain/hashing';
import type { BusinessCaseSnapshot } from '$lib/domain/business-cases';
import { isValidIsoDate, nowIso } from '$lib/domain/dates';
import { can } from '$lib/domain/permissions';
import { isOneOf } from '$lib/domain/systems';
import type { FieldErrors } from '$lib/domain/systems';

function decisionErrors(d: DecisionInput): FieldErrors {
	const errors: FieldErrors = {};
	if (!isOneOf(DECISION_OUTCOMES, d.outcome)) errors.outcome = 'Select the decision';
	if (!isOneOf(DECISION_MAKERS, d.decisionMaker))
		errors.decisionMaker = 'Select who made the decision';
	if (!isValidIsoDate(d.meetingDate)) errors.meetingDate = 'Enter the date of the meeting';
	if (!d.minuteRef.trim()) errors.minuteRef = 'Enter the minute reference';
	if ((d.outcome === 'approved_with_conditions') !== (d.conditions.trim() !== '')) {
		errors.conditions =
			d.outcome === 'approved_with_conditions'
				? 'Enter the conditions of the approval'
				: "Conditions go with 'approved with conditions' only";
	}
	return errors;
}

/** What the decision page shows: the current version's figures as they stand, their fingerprint and their lines. */
export async function decisionBasis(
	organisationId: number,
	caseId: number
): Promise<{ figures: BusinessCaseSnapshot; fingerprint: string; lines: FigureLines } | undefined> {
	const row = await cases.getBusinessCase(db(), organisationId, caseId);
	const version =
		row && (await cases.getVersion(db(), organisationId, caseId, row.currentVersionNumber));
	if (!row || !version) return undefined;
	const figures = await previewSnapshot(db(), organisationId, row, version);
	return { figures, fingerprint: await shownHash(figures), lines: caseFigureLines(figures) };
}

/** The fingerprint the decider was shown for a frozen version: its snapshot's hash with the decision left out. */
export const figuresFingerprint = (snapshot: BusinessCaseSnapshot) =>
	contentHash({ ...snapshot, decision: null });

/**
 * Records the decision on the submitted version. The decider must be a signed-in approver of this
 * organisation (checked against the user record, not only the route's guard) who edited no
 * version of the case, and `seen` must be the fingerprint of the figures as they stand now.
 * Approval, with or without conditions, freezes the version with exactly those figures.
 */
export async function decideBusinessCase(
	actor: Actor,
	caseId: number,
	expectedVersion: number,
	decision: DecisionInput,
	seen: Seen
): Promise<CaseResult> {
	return transaction(async (tx): Promise<CaseResult> => {
		const row = await cases.getBusinessCase(tx, actor.organisationId, caseId);
		if (!row) return { ok: false, reason: 'not-found' };
		const refuse = async (message: string): Promise<CaseResult> => {
			await recordAudit(tx, actor, {
				entity: 'business_case',
				entityId: caseId,
				action: 'decide-refused',
				detail: message
			});
			return { ok: false, reason: 'forbidden', message };
		};
		const user =
			actor.userId == null
				? undefined
				: await users.getUser(tx, actor.organisationId, actor.userId);
		if (!user || user.disabledAt || !can(user.role, 'business-case:decide'))
			return refuse(
				'Only an approver of this organisation can record a decision on its business cases'
			);
		if (await cases.hasEditedCase(tx, actor.organisationId, caseId, user.id))
			return refuse('You edited or submitted this business case, so you cannot decide it');
		const version = (await cases.getVersion(
			tx,
			actor.organisationId,
			caseId,
			row.currentVersionNumber
		))!;
		const stale = row.version !== expectedVersion;
		if (stale && version.status !== 'submitted')
			return { ok: false, reason: 'conflict', current: row };
		const preview = await previewSnapshot(tx, actor.organisationId, row, version);
		const fingerprint = await shownHash(preview);
		if (fingerprint !== seen.fingerprint) {
			await recordAudit(tx, actor, {
				entity: 'business_case',
				entityId: caseId,
				action: 'decide-refused',
				before: { fingerprint: seen.fingerprint },
				after: { fingerprint },
				detail: 'the figures changed after the decision page was opened'
			});
			// A conflict whose `changes` are the figures that moved (none listed when the lines shown cannot be read back).
			return {
				ok: false,
				reason: 'conflict',
				current: row,
				changes: changedLines(seen.lines, caseFigureLines(preview))
			};
		}
		if (stale) return { ok: false, reason: 'conflict', current: row };
		const next = nextStatus(version.status, {
			action: 'decide',
			outcome: decision.outcome
		} satisfies WorkflowStep);
		if (!next.ok) return refused(next.reason);
		const errors = decisionErrors(decision);
		if (Object.keys(errors).length > 0) return { ok: false, reason: 'invalid', errors };
		// Its figures may have grown past what can be shown since it was submitted (they stay live until then).
		const tooLarge = FREEZING_OUTCOMES.includes(decision.outcome)
			? caseFiguresTooLarge(preview)
			: [];
		if (tooLarge.length > 0) {
			const message = tooLargeToFreeze('An approved business case', tooLarge);
			await recordAudit(tx, actor, {
				entity: 'business_case',
				entityId: caseId,
				action: 'decide-refused',
				detail: message
			});
			return refused(message);
		}

		const decidedAt = nowIso();
		const recorded = {
			...decision,
			conditions: decision.conditions.trim(),
			reasons: decision.reasons.trim()
		};
		await cases.insertDecision(tx, actor.organisationId, {
			...recorded,
			businessCaseId: caseId,
			versionId: version.id,
			decidedByUserId: user.id,
			decidedBy: user.displayName,
			decidedAt
		});
		let hash: string | null = null;
		if (FREEZING_OUTCOMES.includes(decision.outcome)) {
			// Exactly the figures whose fingerprint the decider was shown, with the decision as recorded.
			const snapshot: BusinessCaseSnapshot = {
				...preview,
				decision: { ...recorded, decidedBy: user.displayName, decidedAt }
			};
			hash = await contentHash(snapshot);
			await cases.freezeVersion(
				tx,
				actor.organisationId,
				version.id,
				next.status,
				decidedAt,
				snapshot,
				hash
			);
		} else {
			await cases.setVersionStatus(tx, actor.organisationId, version.id, next.status);
		}
		const saved = (await cases.updateBusinessCase(
			tx,
			actor.organisationId,
			caseId,
			expectedVersion,
			{ status: next.status }
		))!;
		await recordAudit(tx, actor, {
			entity: 'business_case',
			entityId: caseId,
			action: 'decide',
			before: { status: version.status },
			after: {
				status: next.status,
				versionNumber: version.number,
				...recorded,
				contentHash: hash,
				figuresFingerprint: fingerprint
			}
		});
		return {
			ok: true,
			businessCase: saved,
			version: (await cases.getVersion(tx, actor.organisationId, caseId, version.number))!
		};
	});
}

/**
 * Starts a new draft version from a decided one, copying its content and appraising it with the
 * settings in force today. The decided version is left exactly as it was.
 */
