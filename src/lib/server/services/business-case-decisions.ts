/**
 * The approval workflow: submit, withdraw, decide, revise. A decision is recorded only by an
 * approver of the case's own organisation who edited no version of it; an approval freezes the
 * version with a snapshot of every figure and its SHA-256, read inside the same transaction, after
 * which the database refuses any change to that row. Refusals are audited too.
 */
import { db, transaction } from '../database';
import * as cases from '../repos/business-cases';
import * as settingsRepo from '../repos/appraisal-settings';
import * as users from '../repos/users';
import { recordAudit } from '../repos/audit';
import type { Actor } from './actor';
import { noteEditor, settingsForToday, type CaseResult } from './business-cases';
import { gatherCaseFigures } from './business-case-figures';
import { DECISION_MAKERS, DECISION_OUTCOMES, FREEZING_OUTCOMES, contentHash, nextStatus, submissionProblems, type DecisionInput, type WorkflowStep } from '$lib/domain/business-case';
import { buildSnapshot } from '$lib/domain/business-case-snapshot';
import { isValidIsoDate } from '$lib/domain/dates';
import { can } from '$lib/domain/permissions';
import { isOneOf } from '$lib/domain/system';
import type { FieldErrors } from '$lib/domain/review';

export type WorkflowResult =
	| CaseResult
	/** What stops submission, one line each. */
	| { ok: false; reason: 'incomplete'; problems: string[] }
	/** Not an approver of this organisation, or an editor of the case. */
	| { ok: false; reason: 'forbidden'; message: string };

/** Moves the current version along a step that keeps the same version (submit, withdraw). */
async function step(actor: Actor, caseId: number, expectedVersion: number, workflow: 'submit' | 'withdraw'): Promise<WorkflowResult> {
	return transaction(async (tx): Promise<WorkflowResult> => {
		const row = await cases.getBusinessCase(tx, actor.organisationId, caseId);
		if (!row) return { ok: false, reason: 'not-found' };
		if (row.version !== expectedVersion) return { ok: false, reason: 'conflict', current: row };
		const version = (await cases.getVersion(tx, actor.organisationId, caseId, row.currentVersionNumber))!;
		const next = nextStatus(version.status, { action: workflow });
		if (!next.ok) return { ok: false, reason: 'refused', message: next.reason };
		if (workflow === 'submit') {
			const problems = submissionProblems(version.content);
			if (problems.length > 0) return { ok: false, reason: 'incomplete', problems };
		}
		await cases.setVersionStatus(tx, actor.organisationId, version.id, next.status, workflow === 'submit' ? new Date().toISOString() : null);
		const saved = (await cases.updateBusinessCase(tx, actor.organisationId, caseId, expectedVersion, { status: next.status }))!;
		// Submitting is authorship: whoever puts the case to members may not decide it.
		await noteEditor(tx, actor, caseId, version.id);
		await recordAudit(tx, actor, { entity: 'business_case', entityId: caseId, action: workflow, before: { status: version.status }, after: { status: next.status }, detail: `version ${version.number}` });
		return { ok: true, businessCase: saved, version: { ...version, status: next.status } };
	});
}

/** Puts a complete draft to the decision-maker; its content is fixed from now on. */
export const submitBusinessCase = (actor: Actor, caseId: number, expectedVersion: number) => step(actor, caseId, expectedVersion, 'submit');
/** Takes a submitted case back to draft before it is decided. */
export const withdrawBusinessCase = (actor: Actor, caseId: number, expectedVersion: number) => step(actor, caseId, expectedVersion, 'withdraw');

function decisionErrors(d: DecisionInput): FieldErrors {
	const errors: FieldErrors = {};
	if (!isOneOf(DECISION_OUTCOMES, d.outcome)) errors.outcome = 'Select the decision';
	if (!isOneOf(DECISION_MAKERS, d.decisionMaker)) errors.decisionMaker = 'Select who made the decision';
	if (!isValidIsoDate(d.meetingDate)) errors.meetingDate = 'Enter the date of the meeting';
	if (!d.minuteRef.trim()) errors.minuteRef = 'Enter the minute reference';
	if ((d.outcome === 'approved_with_conditions') !== (d.conditions.trim() !== '')) {
		errors.conditions = d.outcome === 'approved_with_conditions' ? 'Enter the conditions of the approval' : "Conditions go with 'approved with conditions' only";
	}
	return errors;
}

/**
 * Records the decision on the submitted version. The decider must be a signed-in approver of this
 * organisation (checked against the user record, not only the route's guard) who edited no
 * version of the case. Approval, with or without conditions, freezes the version.
 */
export async function decideBusinessCase(actor: Actor, caseId: number, expectedVersion: number, decision: DecisionInput): Promise<WorkflowResult> {
	return transaction(async (tx): Promise<WorkflowResult> => {
		const row = await cases.getBusinessCase(tx, actor.organisationId, caseId);
		if (!row) return { ok: false, reason: 'not-found' };
		const refuse = async (message: string): Promise<WorkflowResult> => {
			await recordAudit(tx, actor, { entity: 'business_case', entityId: caseId, action: 'decide-refused', detail: message });
			return { ok: false, reason: 'forbidden', message };
		};
		const user = actor.userId == null ? undefined : await users.getUser(tx, actor.organisationId, actor.userId);
		if (!user || user.disabledAt || !can(user.role, 'business-case:decide')) return refuse('Only an approver of this organisation can record a decision on its business cases');
		if (await cases.hasEditedCase(tx, actor.organisationId, caseId, user.id)) return refuse('You edited or submitted this business case, so you cannot decide it');
		if (row.version !== expectedVersion) return { ok: false, reason: 'conflict', current: row };
		const version = (await cases.getVersion(tx, actor.organisationId, caseId, row.currentVersionNumber))!;
		const next = nextStatus(version.status, { action: 'decide', outcome: decision.outcome } satisfies WorkflowStep);
		if (!next.ok) return { ok: false, reason: 'refused', message: next.reason };
		const errors = decisionErrors(decision);
		if (Object.keys(errors).length > 0) return { ok: false, reason: 'invalid', errors };

		const decidedAt = new Date().toISOString();
		const recorded = { ...decision, conditions: decision.conditions.trim(), reasons: decision.reasons.trim() };
		await cases.insertDecision(tx, actor.organisationId, { ...recorded, businessCaseId: caseId, versionId: version.id, decidedByUserId: user.id, decidedBy: actor.displayName, decidedAt });
		let hash: string | null = null;
		if (FREEZING_OUTCOMES.includes(decision.outcome)) {
			const settings = (await settingsRepo.getAppraisalSetting(tx, version.appraisalSettingId))!;
			const header = { id: row.id, title: row.title, stage: row.stage, versionNumber: version.number, decision: { ...recorded, decidedBy: actor.displayName, decidedAt }, settings: settings.settings };
			const snapshot = buildSnapshot(header, version.content, await gatherCaseFigures(tx, actor.organisationId, version.content));
			hash = await contentHash(snapshot);
			await cases.freezeVersion(tx, actor.organisationId, version.id, next.status, decidedAt, snapshot, hash);
		} else {
			await cases.setVersionStatus(tx, actor.organisationId, version.id, next.status);
		}
		const saved = (await cases.updateBusinessCase(tx, actor.organisationId, caseId, expectedVersion, { status: next.status }))!;
		await recordAudit(tx, actor, {
			entity: 'business_case', entityId: caseId, action: 'decide',
			before: { status: version.status },
			after: { status: next.status, versionNumber: version.number, ...recorded, contentHash: hash }
		});
		return { ok: true, businessCase: saved, version: (await cases.getVersion(tx, actor.organisationId, caseId, version.number))! };
	});
}

/**
 * Starts a new draft version from a decided one, copying its content and appraising it with the
 * settings in force today. The decided version is left exactly as it was.
 */
export async function reviseBusinessCase(actor: Actor, caseId: number, expectedVersion: number): Promise<WorkflowResult> {
	return transaction(async (tx): Promise<WorkflowResult> => {
		const row = await cases.getBusinessCase(tx, actor.organisationId, caseId);
		if (!row) return { ok: false, reason: 'not-found' };
		if (row.version !== expectedVersion) return { ok: false, reason: 'conflict', current: row };
		const from = (await cases.getVersion(tx, actor.organisationId, caseId, row.currentVersionNumber))!;
		const next = nextStatus(from.status, { action: 'revise' });
		if (!next.ok) return { ok: false, reason: 'refused', message: next.reason };
		const settings = await settingsForToday(tx);
		const number = from.number + 1;
		const version = await cases.insertVersion(tx, actor.organisationId, {
			businessCaseId: caseId, number, content: structuredClone(from.content), appraisalSettingId: settings.id, createdByUserId: actor.userId, createdBy: actor.displayName
		});
		const saved = (await cases.updateBusinessCase(tx, actor.organisationId, caseId, expectedVersion, { status: 'draft', currentVersionNumber: number }))!;
		await noteEditor(tx, actor, caseId, version.id);
		await recordAudit(tx, actor, { entity: 'business_case', entityId: caseId, action: 'revise', before: { versionNumber: from.number, status: from.status }, after: { versionNumber: number, status: 'draft', settings: settings.name } });
		return { ok: true, businessCase: saved, version };
	});
}

/**
 * Checks a frozen version against its hash: the SHA-256 of the stored snapshot's canonical JSON.
 * `matches` false means the row was altered outside the app (the triggers make that hard, not impossible).
 */
export async function verifyFrozenVersion(organisationId: number, caseId: number, number: number): Promise<{ storedHash: string; computedHash: string; matches: boolean } | undefined> {
	const version = await cases.getVersion(db(), organisationId, caseId, number);
	if (!version?.snapshot || !version.contentHash) return undefined;
	const computedHash = await contentHash(version.snapshot);
	return { storedHash: version.contentHash, computedHash, matches: computedHash === version.contentHash };
}
