/**
 * Editing a draft version of a plan or policy in place, from the version its form was opened at:
 * summary, link, authors and (optionally) a new file. An approved version is frozen: refused here,
 * and by the database. Someone else's save in between is a conflict carrying the draft as now
 * saved; nothing is overwritten. An author may not be someone who has tested the version.
 */
import { transaction } from '../db/database';
import * as documents from '../repos/governance-documents';
import * as drafts from '../repos/governance-drafts';
import * as recovery from '../repos/governance-recovery';
import { recordAudit } from '../repos/audit';
import type { Executor } from '../db';
import type { Actor } from './actor';
import type { ServiceResult } from './result';
import { storedAttachment, type Attachment } from './governance-attachment';
import { draftValues, type DraftValues, type VersionInput } from '$lib/domain/governance/forms';

/** A draft as saved now: its version counter and its values in words. */
export interface DraftState {
	version: number;
	values: DraftValues;
}

async function stateOf(
	ex: Executor,
	organisationId: number,
	version: documents.VersionRow
): Promise<DraftState> {
	const authors = await documents.listAuthors(ex, organisationId, [version.id]);
	return {
		version: version.version,
		values: draftValues({ ...version, authorNames: authors.map((a) => a.name) })
	};
}

/** The draft of document `documentId` with id `versionId`, as its edit form opens it; undefined if none. */
export async function draftState(
	ex: Executor,
	organisationId: number,
	documentId: number,
	versionId: number
): Promise<DraftState | undefined> {
	const version = await documents.getVersion(ex, organisationId, versionId);
	if (!version || version.documentId !== documentId || version.status !== 'draft') return undefined;
	return stateOf(ex, organisationId, version);
}

export async function updateDraft(
	actor: Actor,
	documentId: number,
	versionId: number,
	expectedVersion: number,
	input: VersionInput,
	attachment: Attachment | null
): Promise<ServiceResult<{ versionId: number }, DraftState>> {
	return transaction(async (tx) => {
		const org = actor.organisationId;
		const version = await documents.getVersion(tx, org, versionId);
		if (!version || version.documentId !== documentId)
			return { ok: false as const, reason: 'not-found' as const };
		if (version.status !== 'draft')
			return {
				ok: false as const,
				reason: 'forbidden' as const,
				message: `Version ${version.number} is approved and frozen exactly as approved: start a new version to change it`
			};
		const before = await stateOf(tx, org, version);
		if (version.version !== expectedVersion)
			return { ok: false as const, reason: 'conflict' as const, current: before };
		const people = new Map((await documents.listPeople(tx, org)).map((p) => [p.id, p.name]));
		if (!input.authorIds.every((id) => people.has(id)))
			return {
				ok: false as const,
				reason: 'invalid' as const,
				errors: { authorIds: 'Choose authors from the list of people' }
			};
		// The scrutiny committee's rule from the other side: whoever tested this version cannot become its author.
		const tests = (await recovery.listTests(tx, org)).filter((t) => t.versionId === versionId);
		const testers = await recovery.listTesters(
			tx,
			org,
			tests.map((t) => t.id)
		);
		const both = [
			...new Set(testers.filter((t) => input.authorIds.includes(t.personId)).map((t) => t.name))
		];
		if (both.length > 0)
			return {
				ok: false as const,
				reason: 'invalid' as const,
				errors: {
					authorIds: `${both.join(' and ')} tested version ${version.number}, so cannot be ${both.length === 1 ? 'an author' : 'authors'} of it`
				}
			};
		const file = storedAttachment(attachment);
		const saved = await drafts.updateDraft(tx, org, versionId, expectedVersion, {
			summary: input.summary,
			linkUrl: input.linkUrl,
			attachment: file
		});
		if (!saved) return { ok: false as const, reason: 'conflict' as const, current: before };
		await drafts.replaceAuthors(tx, org, versionId, input.authorIds);
		const after = draftValues({
			summary: input.summary,
			linkUrl: input.linkUrl,
			authorNames: input.authorIds.map((id) => people.get(id)!),
			attachmentName: file?.name ?? version.attachmentName
		});
		const changed = (Object.keys(after) as (keyof DraftValues)[]).filter(
			(k) => after[k] !== before.values[k]
		);
		await recordAudit(tx, actor, {
			entity: 'governance_document',
			entityId: documentId,
			action: 'edit-draft',
			before: Object.fromEntries(changed.map((k) => [k, before.values[k]])),
			after: {
				number: version.number,
				...Object.fromEntries(changed.map((k) => [k, after[k]])),
				...(file ? { sha256: file.sha256 } : {})
			}
		});
		return { ok: true as const, versionId };
	});
}
