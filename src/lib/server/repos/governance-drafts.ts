/**
 * Editing a draft version of a governance document in place: only while it is a draft (an
 * approved version is frozen, and the database refuses any change to it) and only at the version
 * the editor's form was opened with.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { governanceDocumentAuthor, governanceDocumentVersion, nowUtc } from '../db/schema';
import type { Executor } from '../db';
import type { StoredAttachment } from '../services/governance-attachment';

/**
 * Saves a draft's summary, link and (when a new file is given) attachment, if it is still a draft
 * at `expectedVersion`; returns whether it did.
 */
export async function updateDraft(
	ex: Executor,
	organisationId: number,
	versionId: number,
	expectedVersion: number,
	fields: { summary: string; linkUrl: string | null; attachment: StoredAttachment | null }
): Promise<boolean> {
	const a = fields.attachment;
	const rows = await ex
		.update(governanceDocumentVersion)
		.set({
			summary: fields.summary,
			linkUrl: fields.linkUrl,
			...(a
				? {
						attachmentName: a.name,
						attachmentType: a.type,
						attachment: a.bytes,
						attachmentSha256: a.sha256
					}
				: {}),
			version: sql`${governanceDocumentVersion.version} + 1`,
			updatedAt: nowUtc
		})
		.where(
			and(
				eq(governanceDocumentVersion.organisationId, organisationId),
				eq(governanceDocumentVersion.id, versionId),
				eq(governanceDocumentVersion.version, expectedVersion),
				eq(governanceDocumentVersion.status, 'draft'),
				isNull(governanceDocumentVersion.frozenAt)
			)
		)
		.returning({ id: governanceDocumentVersion.id });
	return rows.length === 1;
}

/** Replaces a draft's authors (the database refuses this for a frozen version, or a tester as author). */
export async function replaceAuthors(
	ex: Executor,
	organisationId: number,
	versionId: number,
	personIds: readonly number[]
) {
	await ex
		.delete(governanceDocumentAuthor)
		.where(
			and(
				eq(governanceDocumentAuthor.organisationId, organisationId),
				eq(governanceDocumentAuthor.versionId, versionId)
			)
		);
	if (personIds.length > 0)
		await ex
			.insert(governanceDocumentAuthor)
			.values(personIds.map((personId) => ({ organisationId, versionId, personId })));
}
