/** Governance documents, their versions, authors and covered systems. Every query filters by organisation. */
import { and, asc, desc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import {
	governancePerson,
	governanceDocument,
	governanceDocumentAuthor,
	governanceDocumentSystem,
	governanceDocumentVersion,
	system,
	nowUtc
} from '../db/schema';
import type { Executor } from '../db';
import type { DocumentKind, DocumentScope } from '$lib/domain/governance/documents';

export type DocumentRow = typeof governanceDocument.$inferSelect;
export type VersionRow = Omit<typeof governanceDocumentVersion.$inferSelect, 'attachment'>;

/** The version columns without the attachment's bytes, which only the download reads. */
const { attachment: _bytes, ...versionColumns } = getTableColumns(governanceDocumentVersion);

export interface DocumentFields {
	kind: DocumentKind;
	title: string;
	scope: DocumentScope;
	serviceName: string;
	restricted: boolean;
}
export interface VersionFields {
	summary: string;
	linkUrl: string | null;
	attachment: { name: string; type: string; bytes: Buffer; sha256: string } | null;
	createdBy: string;
}

export async function listDocuments(ex: Executor, organisationId: number): Promise<DocumentRow[]> {
	return ex
		.select()
		.from(governanceDocument)
		.where(eq(governanceDocument.organisationId, organisationId))
		.orderBy(asc(governanceDocument.kind), asc(governanceDocument.title));
}

export async function getDocument(
	ex: Executor,
	organisationId: number,
	id: number
): Promise<DocumentRow | undefined> {
	const [row] = await ex
		.select()
		.from(governanceDocument)
		.where(
			and(eq(governanceDocument.organisationId, organisationId), eq(governanceDocument.id, id))
		);
	return row;
}

export async function insertDocument(
	ex: Executor,
	organisationId: number,
	fields: DocumentFields
): Promise<DocumentRow> {
	const [row] = await ex
		.insert(governanceDocument)
		.values({ ...fields, organisationId })
		.returning();
	return row!;
}

/** Every version of the organisation's documents (or of one), newest first, without attachment bytes. */
export async function listVersions(
	ex: Executor,
	organisationId: number,
	documentId?: number
): Promise<VersionRow[]> {
	const where =
		documentId == null
			? eq(governanceDocumentVersion.organisationId, organisationId)
			: and(
					eq(governanceDocumentVersion.organisationId, organisationId),
					eq(governanceDocumentVersion.documentId, documentId)
				);
	return ex
		.select(versionColumns)
		.from(governanceDocumentVersion)
		.where(where)
		.orderBy(asc(governanceDocumentVersion.documentId), desc(governanceDocumentVersion.number));
}

export async function getVersion(
	ex: Executor,
	organisationId: number,
	versionId: number
): Promise<VersionRow | undefined> {
	const [row] = await ex
		.select(versionColumns)
		.from(governanceDocumentVersion)
		.where(
			and(
				eq(governanceDocumentVersion.organisationId, organisationId),
				eq(governanceDocumentVersion.id, versionId)
			)
		);
	return row;
}

export async function getAttachment(ex: Executor, organisationId: number, versionId: number) {
	const [row] = await ex
		.select({
			name: governanceDocumentVersion.attachmentName,
			type: governanceDocumentVersion.attachmentType,
			bytes: governanceDocumentVersion.attachment,
			documentId: governanceDocumentVersion.documentId
		})
		.from(governanceDocumentVersion)
		.where(
			and(
				eq(governanceDocumentVersion.organisationId, organisationId),
				eq(governanceDocumentVersion.id, versionId)
			)
		);
	return row?.bytes ? row : undefined;
}

export async function nextVersionNumber(
	ex: Executor,
	organisationId: number,
	documentId: number
): Promise<number> {
	const [row] = await ex
		.select({ n: sql<number>`coalesce(max(${governanceDocumentVersion.number}), 0) + 1` })
		.from(governanceDocumentVersion)
		.where(
			and(
				eq(governanceDocumentVersion.organisationId, organisationId),
				eq(governanceDocumentVersion.documentId, documentId)
			)
		);
	return Number(row?.n ?? 1);
}

export async function insertVersion(
	ex: Executor,
	organisationId: number,
	documentId: number,
	number: number,
	fields: VersionFields
): Promise<VersionRow> {
	const a = fields.attachment;
	const [row] = await ex
		.insert(governanceDocumentVersion)
		.values({
			organisationId,
			documentId,
			number,
			summary: fields.summary,
			linkUrl: fields.linkUrl,
			createdBy: fields.createdBy,
			attachmentName: a?.name ?? null,
			attachmentType: a?.type ?? null,
			attachment: a?.bytes ?? null,
			attachmentSha256: a?.sha256 ?? null
		})
		.returning(versionColumns);
	return row!;
}

export async function insertAuthors(
	ex: Executor,
	organisationId: number,
	versionId: number,
	personIds: readonly number[]
) {
	if (personIds.length > 0)
		await ex
			.insert(governanceDocumentAuthor)
			.values(personIds.map((personId) => ({ organisationId, versionId, personId })));
}

/** Authors of the given versions, with their names, by version. */
export async function listAuthors(
	ex: Executor,
	organisationId: number,
	versionIds: readonly number[]
) {
	if (versionIds.length === 0) return [];
	return ex
		.select({
			versionId: governanceDocumentAuthor.versionId,
			personId: governanceDocumentAuthor.personId,
			name: governancePerson.name
		})
		.from(governanceDocumentAuthor)
		.innerJoin(governancePerson, eq(governancePerson.id, governanceDocumentAuthor.personId))
		.where(
			and(
				eq(governanceDocumentAuthor.organisationId, organisationId),
				inArray(governanceDocumentAuthor.versionId, [...versionIds])
			)
		)
		.orderBy(asc(governancePerson.name));
}

export async function setDocumentSystems(
	ex: Executor,
	organisationId: number,
	documentId: number,
	systemIds: readonly number[]
) {
	await ex
		.delete(governanceDocumentSystem)
		.where(
			and(
				eq(governanceDocumentSystem.organisationId, organisationId),
				eq(governanceDocumentSystem.documentId, documentId)
			)
		);
	if (systemIds.length > 0)
		await ex
			.insert(governanceDocumentSystem)
			.values(systemIds.map((systemId) => ({ organisationId, documentId, systemId })));
}

/** Systems covered by each document (all documents when none named). */
export async function listDocumentSystems(
	ex: Executor,
	organisationId: number,
	documentId?: number
) {
	const where =
		documentId == null
			? eq(governanceDocumentSystem.organisationId, organisationId)
			: and(
					eq(governanceDocumentSystem.organisationId, organisationId),
					eq(governanceDocumentSystem.documentId, documentId)
				);
	return ex
		.select({
			documentId: governanceDocumentSystem.documentId,
			systemId: governanceDocumentSystem.systemId,
			name: system.name
		})
		.from(governanceDocumentSystem)
		.innerJoin(system, eq(system.id, governanceDocumentSystem.systemId))
		.where(where)
		.orderBy(asc(system.name));
}

/** Approves and freezes a draft; undefined when it is not (or no longer) a draft of this organisation. */
export async function freezeVersion(
	ex: Executor,
	organisationId: number,
	versionId: number,
	f: { reviewBy: string; approvedOn: string; decisionId: number; contentHash: string }
) {
	const [row] = await ex
		.update(governanceDocumentVersion)
		.set({ ...f, status: 'approved', frozenAt: nowUtc })
		.where(
			and(
				eq(governanceDocumentVersion.organisationId, organisationId),
				eq(governanceDocumentVersion.id, versionId),
				eq(governanceDocumentVersion.status, 'draft')
			)
		)
		.returning(versionColumns);
	return row;
}

export type PersonRow = typeof governancePerson.$inferSelect;

/** The people who write and test the organisation's plans, by name. */
export async function listPeople(ex: Executor, organisationId: number): Promise<PersonRow[]> {
	return ex
		.select()
		.from(governancePerson)
		.where(eq(governancePerson.organisationId, organisationId))
		.orderBy(asc(governancePerson.name));
}

export async function insertPerson(
	ex: Executor,
	organisationId: number,
	fields: { name: string; jobTitle: string }
): Promise<PersonRow> {
	const [row] = await ex
		.insert(governancePerson)
		.values({ ...fields, organisationId })
		.returning();
	return row!;
}
