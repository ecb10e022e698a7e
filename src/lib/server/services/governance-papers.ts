/**
 * Minutes and papers attached to a partnership meeting (one transaction with its audit row), and
 * the files of a shared service as its partners may download them: a plan's attachment (never a
 * restricted security policy's: that stays with the shared service) and a meeting's papers. A
 * partner is let in only by a membership covering today, so another partner's, or a former
 * partner's, attempt finds nothing; the route answers that with the audited 404.
 */
import { db, transaction } from '../db/database';
import * as papers from '../repos/governance-papers';
import * as meetings from '../repos/governance-meetings';
import * as documents from '../repos/governance-documents';
import * as partnerships from '../repos/governance-partnerships';
import { recordAudit } from '../repos/audit';
import type { Actor } from './actor';
import type { ServiceResult } from './result';
import { storedAttachment, type Attachment } from './governance-attachment';
import type { PaperKind } from '$lib/domain/governance/papers';

/** A file ready to send: its name, checked type and bytes. */
export interface FileToSend {
	name: string;
	type: string;
	bytes: Uint8Array;
}

/** Attaches minutes or papers to a meeting of the caller's organisation. */
export async function attachPaper(
	actor: Actor,
	meetingId: number,
	input: { kind: PaperKind; title: string },
	attachment: Attachment
): Promise<ServiceResult<{ paper: papers.PaperSummary }>> {
	return transaction(async (tx) => {
		if (!(await meetings.getMeeting(tx, actor.organisationId, meetingId)))
			return { ok: false as const, reason: 'not-found' as const };
		const file = storedAttachment(attachment)!;
		const paper = await papers.insertPaper(tx, actor.organisationId, meetingId, {
			...input,
			fileName: file.name,
			fileType: file.type,
			bytes: file.bytes,
			sha256: file.sha256,
			uploadedBy: actor.displayName
		});
		await recordAudit(tx, actor, {
			entity: 'governance_meeting',
			entityId: meetingId,
			action: 'attach-paper',
			after: {
				number: paper.number,
				kind: input.kind,
				title: input.title,
				name: file.name,
				sha256: file.sha256
			}
		});
		return { ok: true as const, paper };
	});
}

/** Paper `number` of a meeting of the caller's organisation, or undefined. */
export async function readPaper(
	organisationId: number,
	meetingId: number,
	number: number
): Promise<FileToSend | undefined> {
	const row = await papers.getPaper(db(), organisationId, meetingId, number);
	return row && { name: row.fileName, type: row.fileType, bytes: row.bytes };
}

/**
 * Why a partner's download found nothing: not a partner today; a restricted policy; no such
 * document or meeting in the shared service (`not-found`); no such file of one that is (`no-file`).
 */
export type SharedRead =
	| { ok: true; file: FileToSend }
	| { ok: false; reason: 'not-partner' | 'restricted' | 'not-found' | 'no-file' };

/**
 * A shared service's plan attachment as a partner downloads it: only while the caller's
 * organisation is a partner, only of the shared service's own documents, never a restricted
 * security policy's. A partner's download is audited in the partner's trail.
 */
export async function readSharedAttachment(
	actor: Actor,
	sharedId: number,
	documentId: number,
	number: number,
	today: string
): Promise<SharedRead> {
	if (!(await partnerships.isPartnerOn(db(), sharedId, actor.organisationId, today)))
		return { ok: false, reason: 'not-partner' };
	const doc = await documents.getDocument(db(), sharedId, documentId);
	if (!doc) return { ok: false, reason: 'not-found' };
	if (doc.restricted) return { ok: false, reason: 'restricted' };
	const version = (await documents.listVersions(db(), sharedId, documentId)).find(
		(v) => v.number === number
	);
	const file = version && (await documents.getAttachment(db(), sharedId, version.id));
	if (!file?.bytes) return { ok: false, reason: 'no-file' };
	await transaction((tx) =>
		recordAudit(tx, actor, {
			entity: 'governance_document',
			entityId: documentId,
			action: 'partner-download',
			detail: `version ${number} of '${doc.title}', shared service ${sharedId}`
		})
	);
	return {
		ok: true,
		file: {
			name: file.name ?? 'document',
			type: file.type ?? 'application/octet-stream',
			bytes: file.bytes
		}
	};
}

/** A shared service's meeting paper as a partner downloads it: only while a partner. */
export async function readSharedPaper(
	actor: Actor,
	sharedId: number,
	meetingId: number,
	number: number,
	today: string
): Promise<SharedRead> {
	if (!(await partnerships.isPartnerOn(db(), sharedId, actor.organisationId, today)))
		return { ok: false, reason: 'not-partner' };
	if (!(await meetings.getMeeting(db(), sharedId, meetingId)))
		return { ok: false, reason: 'not-found' };
	const file = await readPaper(sharedId, meetingId, number);
	return file ? { ok: true, file } : { ok: false, reason: 'no-file' };
}
