/**
 * Governance documents: creating one with its first draft, adding a version, and approving a draft
 * at a meeting. Approval freezes the version as approval freezes a business case version: the
 * SHA-256 of its canonical JSON (business-case.ts contentHash) is stored and database triggers
 * refuse any later change (migration 0020).
 */
import { transaction } from '../db/database';
import * as documents from '../repos/governance-documents';
import * as meetings from '../repos/governance-meetings';
import * as systems from '../repos/systems';
import { recordAudit } from '../repos/audit';
import type { Executor } from '../db';
import type { Actor } from './actor';
import type { FieldErrors } from '$lib/domain/systems';
import { contentHash } from '$lib/domain/hashing';
import {
	DOCUMENT_KIND_LABEL,
	defaultReviewBy,
	type FrozenVersion
} from '$lib/domain/governance/documents';
import type { DocumentInput, VersionInput } from '$lib/domain/governance/forms';

import { storedAttachment, type Attachment } from './governance-attachment';

export type { Attachment };
export type DocumentResult =
	{ ok: true; documentId: number; versionId: number } | { ok: false; errors: FieldErrors };

async function checkAuthors(
	tx: Executor,
	organisationId: number,
	ids: readonly number[]
): Promise<FieldErrors> {
	const known = new Set((await documents.listPeople(tx, organisationId)).map((p) => p.id));
	return ids.every((id) => known.has(id))
		? {}
		: { authorIds: 'Choose authors from the list of people' };
}

export type PersonResult = { ok: true; personId: number } | { ok: false; errors: FieldErrors };

/** Adds someone who writes or tests plans; a name already in the list is refused (one person, one entry). */
export async function addPerson(
	actor: Actor,
	fields: { name: string; jobTitle: string }
): Promise<PersonResult> {
	return transaction(async (tx): Promise<PersonResult> => {
		const existing = await documents.listPeople(tx, actor.organisationId);
		if (existing.some((p) => p.name.toLowerCase() === fields.name.toLowerCase()))
			return { ok: false, errors: { name: `${fields.name} is already in the list` } };
		const person = await documents.insertPerson(tx, actor.organisationId, fields);
		await recordAudit(tx, actor, {
			entity: 'governance_person',
			entityId: person.id,
			action: 'create',
			after: fields
		});
		return { ok: true, personId: person.id };
	});
}

async function addVersionIn(
	tx: Executor,
	actor: Actor,
	documentId: number,
	input: VersionInput,
	attachment: Attachment | null
) {
	const number = await documents.nextVersionNumber(tx, actor.organisationId, documentId);
	const att = storedAttachment(attachment);
	const version = await documents.insertVersion(tx, actor.organisationId, documentId, number, {
		summary: input.summary,
		linkUrl: input.linkUrl,
		attachment: att,
		createdBy: actor.displayName
	});
	await documents.insertAuthors(tx, actor.organisationId, version.id, input.authorIds);
	await recordAudit(tx, actor, {
		entity: 'governance_document',
		entityId: documentId,
		action: 'add-version',
		after: {
			number,
			authors: input.authorIds,
			linkUrl: input.linkUrl,
			attachment: att ? { name: att.name, sha256: att.sha256 } : null
		}
	});
	return version;
}

export async function createDocument(
	actor: Actor,
	input: DocumentInput & VersionInput,
	attachment: Attachment | null
): Promise<DocumentResult> {
	return transaction(async (tx): Promise<DocumentResult> => {
		const errors = await checkAuthors(tx, actor.organisationId, input.authorIds);
		for (const id of input.systemIds)
			if (!(await systems.getSystem(tx, actor.organisationId, id)))
				errors.systemIds = 'Choose systems from the list';
		if (Object.keys(errors).length > 0) return { ok: false, errors };
		const { kind, title, scope, serviceName, restricted } = input;
		const doc = await documents.insertDocument(tx, actor.organisationId, {
			kind,
			title,
			scope,
			serviceName,
			restricted
		});
		await documents.setDocumentSystems(tx, actor.organisationId, doc.id, input.systemIds);
		await recordAudit(tx, actor, {
			entity: 'governance_document',
			entityId: doc.id,
			action: 'create',
			after: { kind, title, scope, serviceName, restricted, systemIds: input.systemIds }
		});
		const version = await addVersionIn(tx, actor, doc.id, input, attachment);
		return { ok: true, documentId: doc.id, versionId: version.id };
	});
}

/** A new draft version of an existing document. */
export async function addVersion(
	actor: Actor,
	documentId: number,
	input: VersionInput,
	attachment: Attachment | null
): Promise<DocumentResult | { ok: false; reason: 'not-found' }> {
	return transaction(async (tx) => {
		if (!(await documents.getDocument(tx, actor.organisationId, documentId)))
			return { ok: false as const, reason: 'not-found' as const };
		const errors = await checkAuthors(tx, actor.organisationId, input.authorIds);
		if (Object.keys(errors).length > 0) return { ok: false as const, errors };
		const version = await addVersionIn(tx, actor, documentId, input, attachment);
		return { ok: true as const, documentId, versionId: version.id };
	});
}

export type ApprovalResult =
	{ ok: true; contentHash: string; decisionId: number } | { ok: false; errors: FieldErrors };

/**
 * Approves a draft at a recorded meeting: minutes the decision, then freezes the version with its
 * hash, both or neither. The review-by date defaults to 12 months after the meeting.
 */
export async function approveVersion(
	actor: Actor,
	versionId: number,
	input: { meetingId: number; minuteRef: string; reviewBy: string | null }
): Promise<ApprovalResult> {
	return transaction(async (tx): Promise<ApprovalResult> => {
		const version = await documents.getVersion(tx, actor.organisationId, versionId);
		if (!version || version.status !== 'draft')
			return {
				ok: false,
				errors: { meetingId: 'Only a draft version can be approved: this one is not a draft' }
			};
		const doc = (await documents.getDocument(tx, actor.organisationId, version.documentId))!;
		const meeting = await meetings.getMeeting(tx, actor.organisationId, input.meetingId);
		if (!meeting)
			return {
				ok: false,
				errors: { meetingId: 'Choose the meeting from the list (record the meeting first)' }
			};
		const reviewBy = input.reviewBy ?? defaultReviewBy(meeting.meetingOn);
		if (reviewBy <= meeting.meetingOn)
			return {
				ok: false,
				errors: { reviewBy: 'Review by must be after the date of the meeting that approved it' }
			};
		const authors = await documents.listAuthors(tx, actor.organisationId, [version.id]);
		const decision = await meetings.insertDecision(tx, actor.organisationId, {
			meetingId: meeting.id,
			minuteRef: input.minuteRef,
			subject: `Approved ${DOCUMENT_KIND_LABEL[doc.kind].toLowerCase()} '${doc.title}', version ${version.number}`,
			ratifiesDecisionId: null,
			recordedBy: actor.displayName
		});
		const frozen: FrozenVersion = {
			documentId: doc.id,
			kind: doc.kind,
			title: doc.title,
			number: version.number,
			summary: version.summary,
			linkUrl: version.linkUrl,
			attachmentSha256: version.attachmentSha256,
			authorPersonIds: authors.map((a) => a.personId).sort((a, b) => a - b),
			reviewBy,
			approvedOn: meeting.meetingOn,
			decisionId: decision.id
		};
		const hash = await contentHash(frozen);
		const saved = await documents.freezeVersion(tx, actor.organisationId, version.id, {
			reviewBy,
			approvedOn: meeting.meetingOn,
			decisionId: decision.id,
			contentHash: hash
		});
		if (!saved)
			throw new Error(
				`governance_document_version ${version.id} stopped being a draft inside its own transaction`
			);
		await recordAudit(tx, actor, {
			entity: 'governance_document',
			entityId: doc.id,
			action: 'approve',
			after: {
				version: version.number,
				meetingId: meeting.id,
				minuteRef: input.minuteRef,
				reviewBy,
				quorate: meeting.quorate,
				contentHash: hash
			}
		});
		return { ok: true, contentHash: hash, decisionId: decision.id };
	});
}

/** Recomputes a frozen version's hash from what is stored: true when it still matches. */
export async function verifyVersion(
	tx: Executor,
	organisationId: number,
	versionId: number
): Promise<boolean | undefined> {
	const version = await documents.getVersion(tx, organisationId, versionId);
	if (!version?.contentHash || version.decisionId == null) return undefined;
	const doc = (await documents.getDocument(tx, organisationId, version.documentId))!;
	const authors = await documents.listAuthors(tx, organisationId, [version.id]);
	const frozen: FrozenVersion = {
		documentId: doc.id,
		kind: doc.kind,
		title: doc.title,
		number: version.number,
		summary: version.summary,
		linkUrl: version.linkUrl,
		attachmentSha256: version.attachmentSha256,
		authorPersonIds: authors.map((a) => a.personId).sort((a, b) => a - b),
		reviewBy: version.reviewBy!,
		approvedOn: version.approvedOn!,
		decisionId: version.decisionId
	};
	return (await contentHash(frozen)) === version.contentHash;
}

/** The attachment of a version, with an audit row when the document is a restricted security policy. */
export async function readAttachment(actor: Actor, versionId: number) {
	return transaction(async (tx) => {
		const file = await documents.getAttachment(tx, actor.organisationId, versionId);
		if (!file) return undefined;
		const doc = await documents.getDocument(tx, actor.organisationId, file.documentId);
		if (doc?.restricted)
			await recordAudit(tx, actor, {
				entity: 'governance_document',
				entityId: doc.id,
				action: 'view-restricted',
				detail: `downloaded the attachment of version ${versionId}`
			});
		return file;
	});
}

/** Records that someone opened a restricted security policy. */
export async function recordRestrictedView(
	actor: Actor,
	documentId: number,
	detail: string
): Promise<void> {
	await transaction((tx) =>
		recordAudit(tx, actor, {
			entity: 'governance_document',
			entityId: documentId,
			action: 'view-restricted',
			detail
		})
	);
}
