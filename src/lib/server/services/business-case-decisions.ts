/**
 * The approval workflow: submit, withdraw, decide (./business-case-decide), revise. A decision is recorded only by an
 * approver of the case's own organisation who edited no version of it; an approval freezes the
 * version with a snapshot of every figure and its SHA-256, read inside the same transaction, after
 * which the database refuses any change to that row. Refusals are audited too.
 *
 * A decision is about exactly what the decider saw: the decision page carries the fingerprint (the
 * SHA-256 of the snapshot it showed, decision left out), and the decision is recorded only if the
 * snapshot built inside the transaction has that same fingerprint. Cost lines, funding and
 * milestones in scope stay live while a case waits for its decision, so without this a cost line
 * added after the page was opened would be frozen into an approval nobody saw.
 */
import { db, transaction } from '../db/database';
import * as cases from '../repos/business-cases';
import { recordAudit } from '../repos/audit';
import type { Actor } from './actor';
import {
	caseAtVersion,
	incomplete,
	noteEditor,
	settingsForToday,
	type CaseResult
} from './business-case-draft';
import { refused } from './result';
import { figuresFingerprint } from './business-case-decide';

export type { CaseResult } from './business-case-draft';
export * from './business-case-decide';
import { previewSnapshot } from './business-case-figures';
import { nextStatus, submissionProblems, caseFiguresTooLarge } from '$lib/domain/business-cases';
import { contentHash, tooLargeToFreeze } from '$lib/domain/hashing';
import { nowIso } from '$lib/domain/dates';

async function step(
	actor: Actor,
	caseId: number,
	expectedVersion: number,
	workflow: 'submit' | 'withdraw'
): Promise<CaseResult> {
	return transaction(async (tx): Promise<CaseResult> => {
		const found = await caseAtVersion(tx, actor, caseId, expectedVersion);
		if (!found.ok) return found;
		const { row, version } = found;
		const next = nextStatus(version.status, { action: workflow });
		if (!next.ok) return refused(next.reason);
		if (workflow === 'submit') {
			const problems = submissionProblems(version.content);
			const tooLarge = caseFiguresTooLarge(
				await previewSnapshot(tx, actor.organisationId, row, version)
			);
			if (tooLarge.length > 0)
				problems.push(tooLargeToFreeze('A business case put to members', tooLarge));
			if (problems.length > 0) return incomplete(problems);
		}
		await cases.setVersionStatus(
			tx,
			actor.organisationId,
			version.id,
			next.status,
			workflow === 'submit' ? nowIso() : null
		);
		const saved = (await cases.updateBusinessCase(
			tx,
			actor.organisationId,
			caseId,
			expectedVersion,
			{ status: next.status }
		))!;
		// Submitting is authorship: whoever puts the case to members may not decide it.
		await noteEditor(tx, actor, caseId, version.id);
		await recordAudit(tx, actor, {
			entity: 'business_case',
			entityId: caseId,
			action: workflow,
			before: { status: version.status },
			after: { status: next.status },
			detail: `version ${version.number}`
		});
		return { ok: true, businessCase: saved, version: { ...version, status: next.status } };
	});
}

/** Puts a complete draft to the decision-maker; its content is fixed from now on. */
export const submitBusinessCase = (actor: Actor, caseId: number, expectedVersion: number) =>
	step(actor, caseId, expectedVersion, 'submit');
/** Takes a submitted case back to draft before it is decided. */
export const withdrawBusinessCase = (actor: Actor, caseId: number, expectedVersion: number) =>
	step(actor, caseId, expectedVersion, 'withdraw');

export async function reviseBusinessCase(
	actor: Actor,
	caseId: number,
	expectedVersion: number
): Promise<CaseResult> {
	return transaction(async (tx): Promise<CaseResult> => {
		const found = await caseAtVersion(tx, actor, caseId, expectedVersion);
		if (!found.ok) return found;
		const { version: from } = found;
		const next = nextStatus(from.status, { action: 'revise' });
		if (!next.ok) return refused(next.reason);
		const settings = await settingsForToday(tx);
		const number = from.number + 1;
		const version = await cases.insertVersion(tx, actor.organisationId, {
			businessCaseId: caseId,
			number,
			content: structuredClone(from.content),
			appraisalSettingId: settings.id,
			createdByUserId: actor.userId,
			createdBy: actor.displayName
		});
		const saved = (await cases.updateBusinessCase(
			tx,
			actor.organisationId,
			caseId,
			expectedVersion,
			{ status: 'draft', currentVersionNumber: number }
		))!;
		await noteEditor(tx, actor, caseId, version.id);
		await recordAudit(tx, actor, {
			entity: 'business_case',
			entityId: caseId,
			action: 'revise',
			before: { versionNumber: from.number, status: from.status },
			after: { versionNumber: number, status: 'draft', settings: settings.name }
		});
		return { ok: true, businessCase: saved, version };
	});
}

/**
 * Checks a frozen version against its hash: the SHA-256 of the stored snapshot's canonical JSON.
 * `matches` false means the row was altered outside the app (the triggers make that hard, not impossible).
 * `figuresFingerprint` is the fingerprint the decision page showed the decider for these figures.
 */
export async function verifyFrozenVersion(
	organisationId: number,
	caseId: number,
	number: number
): Promise<
	| { storedHash: string; computedHash: string; matches: boolean; figuresFingerprint: string }
	| undefined
> {
	const version = await cases.getVersion(db(), organisationId, caseId, number);
	if (!version?.snapshot || !version.contentHash) return undefined;
	const computedHash = await contentHash(version.snapshot);
	return {
		storedHash: version.contentHash,
		computedHash,
		matches: computedHash === version.contentHash,
		figuresFingerprint: await figuresFingerprint(version.snapshot)
	};
}
