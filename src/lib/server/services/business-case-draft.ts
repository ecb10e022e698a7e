/**
 * What every change to a business case's draft shares: the one result type, the appraisal settings in
 * force today, recording the actor as an editor of the version (which bars them from deciding it), and
 * `editDraft`, which applies a change to the current draft in one transaction with its audit row.
 */
import { transaction } from '../db/database';
import * as cases from '../repos/business-cases';
import * as settingsRepo from '../repos/appraisal-settings';
import { recordAudit } from '../repos/audit';
import type { Executor } from '../db';
import type { Actor } from './actor';
import { refused, type Conflict, type Invalid, type NotFound, type ServiceResult } from './result';
import {
	contentChanges,
	type BusinessCaseContent,
	type ContentChange,
	type Stage
} from '$lib/domain/business-cases';
import { todayInUk } from '$lib/domain/dates';
import type { FieldErrors } from '$lib/domain/systems';

/**
 * A change to a case's draft or a workflow step: done with the case and the version as saved, or the
 * one ServiceResult refusal. Submission problems are `invalid`, one line each; figures that moved under
 * a decision are a `conflict` whose `changes` say what moved; the workflow not allowing a step (not a
 * draft; removing 'do minimum') is `refused`.
 */
export type CaseResult = ServiceResult<
	{ businessCase: cases.BusinessCaseRow; version: cases.VersionRow; itemId?: string },
	cases.BusinessCaseRow
>;

/** Submission's problems, one line each, as the `invalid` result's errors (keyed by their order). */
export const incomplete = (problems: string[]): Invalid => ({
	ok: false,
	reason: 'invalid',
	errors: Object.fromEntries(problems.map((p, i) => [`problem-${i + 1}`, p]))
});

/**
 * The case the caller read, at the version they read it, with its current version: or not found, or
 * a conflict carrying the case as saved now. Every step that changes a case starts here.
 */
export async function caseAtVersion(
	tx: Executor,
	actor: Actor,
	caseId: number,
	expectedVersion: number
): Promise<
	| { ok: true; row: cases.BusinessCaseRow; version: cases.VersionRow }
	| NotFound
	| Conflict<cases.BusinessCaseRow>
> {
	const row = await cases.getBusinessCase(tx, actor.organisationId, caseId);
	if (!row) return { ok: false, reason: 'not-found' };
	if (row.version !== expectedVersion) return { ok: false, reason: 'conflict', current: row };
	const version = (await cases.getVersion(
		tx,
		actor.organisationId,
		caseId,
		row.currentVersionNumber
	))!;
	return { ok: true, row, version };
}

/** The settings in force today; the migration seeds the Green Book's, so there always are some. */
export async function settingsForToday(ex: Executor) {
	const settings = await settingsRepo.settingsInForce(ex, todayInUk());
	if (!settings)
		throw new Error(
			'no appraisal settings in force: migration 0008 seeds the Green Book 2022 figures'
		);
	return settings;
}

/** Records the actor as an editor of the version (scripts and seeding, with no user, are not recorded). */
export async function noteEditor(
	ex: Executor,
	actor: Actor,
	businessCaseId: number,
	versionId: number
): Promise<void> {
	if (actor.userId != null)
		await cases.recordEditor(ex, actor.organisationId, businessCaseId, versionId, actor.userId);
}

export type DraftChange = ContentChange | { ok: false; reason: 'invalid'; errors: FieldErrors };

/**
 * Applies `change` to the current draft's content (and, with `fields`, the case's title or stage),
 * checking the case's version first; audited as `action` with what changed.
 */
export async function editDraft(
	actor: Actor,
	caseId: number,
	expectedVersion: number,
	action: string,
	change: (tx: Executor, content: BusinessCaseContent) => Promise<DraftChange> | DraftChange,
	fields: { title?: string; stage?: Stage } = {}
): Promise<CaseResult> {
	return transaction(async (tx): Promise<CaseResult> => {
		const found = await caseAtVersion(tx, actor, caseId, expectedVersion);
		if (!found.ok) return found;
		const { row, version } = found;
		if (version.status !== 'draft') {
			return refused(
				'Only a draft can be edited: withdraw a submitted case, or revise a decided one as a new version'
			);
		}
		const changed = await change(tx, version.content);
		if (!changed.ok) {
			if (changed.reason === 'invalid') return changed;
			return changed.reason === 'missing'
				? { ok: false, reason: 'not-found' }
				: refused(changed.message);
		}
		await cases.setVersionContent(tx, actor.organisationId, version.id, changed.content);
		const saved = await cases.updateBusinessCase(
			tx,
			actor.organisationId,
			caseId,
			expectedVersion,
			fields
		);
		if (!saved) throw new Error(`business case ${caseId} moved on inside its own transaction`);
		await noteEditor(tx, actor, caseId, version.id);
		const [was, now] = contentChanges(version.content, changed.content);
		for (const key of ['title', 'stage'] as const)
			if (fields[key] !== undefined && fields[key] !== row[key])
				[was[key], now[key]] = [row[key], fields[key]];
		await recordAudit(tx, actor, {
			entity: 'business_case',
			entityId: caseId,
			action,
			before: was,
			after: now,
			detail: `version ${version.number}${changed.id ? `, ${changed.id}` : ''}`
		});
		return {
			ok: true,
			businessCase: saved,
			version: { ...version, content: changed.content },
			itemId: changed.id || undefined
		};
	});
}
