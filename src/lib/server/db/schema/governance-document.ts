/** Schema of governance documents: the people who write and test them, documents, versions, authors. */
import {
	sqliteTable,
	integer,
	text,
	blob,
	index,
	uniqueIndex,
	primaryKey,
	check
} from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { organisation, nowUtc } from './organisation';
import { system } from './system';
import { governanceDecision } from './governance-meeting';
import {
	DOCUMENT_KINDS,
	DOCUMENT_SCOPES,
	STORED_STATUSES
} from '../../../domain/governance/documents';

/**
 * Someone who writes or tests plans: an officer, an internal auditor, a contractor. Not necessarily
 * a user of the app (testers from a partner's internal audit often have no account), so authors and
 * testers are people of the register, named once per organisation.
 */
export const governancePerson = sqliteTable(
	'governance_person',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		name: text('name').notNull(),
		jobTitle: text('job_title').notNull().default(''),
		createdAt: text('created_at').notNull().default(nowUtc)
	},
	(t) => [uniqueIndex('governance_person_org_name_uq').on(t.organisationId, t.name)]
);

export const governanceDocument = sqliteTable(
	'governance_document',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		kind: text('kind', { enum: DOCUMENT_KINDS }).notNull(),
		title: text('title').notNull(),
		scope: text('scope', { enum: DOCUMENT_SCOPES }).notNull(),
		/** The service covered, when the scope is a service. */
		serviceName: text('service_name').notNull().default(''),
		/** A restricted security policy: every view of it is audited. */
		restricted: integer('restricted', { mode: 'boolean' }).notNull().default(false),
		createdAt: text('created_at').notNull().default(nowUtc)
	},
	(t) => [index('governance_document_org_idx').on(t.organisationId, t.kind)]
);

/** The systems a document covers, when its scope is a set of systems (or a recovery plan's systems). */
export const governanceDocumentSystem = sqliteTable(
	'governance_document_system',
	{
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		documentId: integer('document_id')
			.notNull()
			.references(() => governanceDocument.id),
		systemId: integer('system_id')
			.notNull()
			.references(() => system.id)
	},
	(t) => [
		primaryKey({ columns: [t.documentId, t.systemId] }),
		index('governance_document_system_sys_idx').on(t.organisationId, t.systemId)
	]
);

/**
 * One version of a document. A draft changes; on approval it is frozen: `content_hash` is the
 * SHA-256 of its canonical JSON (as business case versions are), and triggers refuse any UPDATE or
 * DELETE of a frozen row, or any change to its authors.
 */
export const governanceDocumentVersion = sqliteTable(
	'governance_document_version',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		documentId: integer('document_id')
			.notNull()
			.references(() => governanceDocument.id),
		number: integer('number').notNull(),
		status: text('status', { enum: STORED_STATUSES }).notNull().default('draft'),
		summary: text('summary').notNull().default(''),
		linkUrl: text('link_url'),
		attachmentName: text('attachment_name'),
		attachmentType: text('attachment_type'),
		attachment: blob('attachment', { mode: 'buffer' }),
		attachmentSha256: text('attachment_sha256'),
		reviewBy: text('review_by'),
		approvedOn: text('approved_on'),
		decisionId: integer('decision_id').references(() => governanceDecision.id),
		contentHash: text('content_hash'),
		frozenAt: text('frozen_at'),
		/** Bumped by every change to a draft, for optimistic edits. */
		version: integer('version').notNull().default(1),
		createdBy: text('created_by').notNull(),
		createdAt: text('created_at').notNull().default(nowUtc),
		updatedAt: text('updated_at').notNull().default(nowUtc)
	},
	(t) => [
		uniqueIndex('governance_document_version_uq').on(t.documentId, t.number),
		index('governance_document_version_org_idx').on(t.organisationId, t.documentId),
		check(
			'governance_document_version_frozen_ck',
			sql`${t.frozenAt} IS NULL OR (${t.status} = 'approved' AND ${t.contentHash} IS NOT NULL AND ${t.decisionId} IS NOT NULL AND ${t.reviewBy} IS NOT NULL)`
		),
		check(
			'governance_document_version_approved_ck',
			sql`${t.status} = 'draft' OR ${t.frozenAt} IS NOT NULL`
		)
	]
);

/** The people who wrote a version: none of them may test it (triggers in the migration). */
export const governanceDocumentAuthor = sqliteTable(
	'governance_document_author',
	{
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		versionId: integer('version_id')
			.notNull()
			.references(() => governanceDocumentVersion.id),
		personId: integer('person_id')
			.notNull()
			.references(() => governancePerson.id)
	},
	(t) => [primaryKey({ columns: [t.versionId, t.personId] })]
);
