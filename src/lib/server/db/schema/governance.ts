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
import { DOCUMENT_KINDS, DOCUMENT_SCOPES } from '../../../domain/governance/documents';
import { TEST_RESULTS, TEST_TYPES } from '../../../domain/governance/recovery';
import { MAX_OBJECTIVE_MINUTES } from '../../../domain/governance/duration';

const MAX_MIN = sql.raw(String(MAX_OBJECTIVE_MINUTES));

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

/** A meeting of a shared service's board or joint committee; quorate is decided when recorded. */
export const governanceMeeting = sqliteTable(
	'governance_meeting',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		body: text('body', { enum: ['board', 'joint_committee'] }).notNull(),
		meetingOn: text('meeting_on').notNull(),
		title: text('title').notNull(),
		minutesUrl: text('minutes_url').notNull().default(''),
		quorate: integer('quorate', { mode: 'boolean' }).notNull(),
		quorumSummary: text('quorum_summary').notNull(),
		recordedBy: text('recorded_by').notNull(),
		createdAt: text('created_at').notNull().default(nowUtc)
	},
	(t) => [index('governance_meeting_org_idx').on(t.organisationId, t.meetingOn)]
);

/** Each partner expected at a meeting, and who attended for it ('' = not present). */
export const governanceMeetingPartner = sqliteTable(
	'governance_meeting_partner',
	{
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		meetingId: integer('meeting_id')
			.notNull()
			.references(() => governanceMeeting.id),
		partnerOrganisationId: integer('partner_organisation_id')
			.notNull()
			.references(() => organisation.id),
		attendees: text('attendees').notNull().default('')
	},
	(t) => [primaryKey({ columns: [t.meetingId, t.partnerOrganisationId] })]
);

/** A decision minuted at a meeting: approving a document version, ratifying an earlier decision, or other business. */
export const governanceDecision = sqliteTable(
	'governance_decision',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		meetingId: integer('meeting_id')
			.notNull()
			.references(() => governanceMeeting.id),
		minuteRef: text('minute_ref').notNull(),
		subject: text('subject').notNull(),
		/** The decision this one ratifies (one taken at an inquorate meeting). */
		ratifiesDecisionId: integer('ratifies_decision_id'),
		recordedBy: text('recorded_by').notNull(),
		createdAt: text('created_at').notNull().default(nowUtc)
	},
	(t) => [
		index('governance_decision_org_idx').on(t.organisationId, t.meetingId),
		index('governance_decision_ratifies_idx').on(t.ratifiesDecisionId)
	]
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
		status: text('status', { enum: ['draft', 'approved'] })
			.notNull()
			.default('draft'),
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

/** A system's recovery objectives, in whole minutes, as its business owner agreed them. */
export const recoveryObjective = sqliteTable(
	'recovery_objective',
	{
		systemId: integer('system_id')
			.primaryKey()
			.references(() => system.id),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		rtoMinutes: integer('rto_minutes').notNull(),
		rpoMinutes: integer('rpo_minutes').notNull(),
		mtpdMinutes: integer('mtpd_minutes').notNull(),
		restorationOrder: integer('restoration_order'),
		agreedBy: text('agreed_by').notNull(),
		agreedOn: text('agreed_on').notNull(),
		version: integer('version').notNull().default(1),
		updatedAt: text('updated_at').notNull().default(nowUtc)
	},
	(t) => [
		index('recovery_objective_org_idx').on(t.organisationId),
		check(
			'recovery_objective_minutes_ck',
			sql`${t.rtoMinutes} BETWEEN 1 AND ${MAX_MIN} AND ${t.rpoMinutes} BETWEEN 1 AND ${MAX_MIN} AND ${t.mtpdMinutes} BETWEEN 1 AND ${MAX_MIN}`
		),
		check('recovery_objective_rto_mtpd_ck', sql`${t.rtoMinutes} <= ${t.mtpdMinutes}`),
		check(
			'recovery_objective_order_ck',
			sql`${t.restorationOrder} IS NULL OR ${t.restorationOrder} >= 1`
		)
	]
);

/** A recovery test of one plan version. */
export const recoveryTest = sqliteTable(
	'recovery_test',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		versionId: integer('version_id')
			.notNull()
			.references(() => governanceDocumentVersion.id),
		testType: text('test_type', { enum: TEST_TYPES }).notNull(),
		testedOn: text('tested_on').notNull(),
		result: text('result', { enum: TEST_RESULTS }).notNull(),
		evidence: text('evidence').notNull().default(''),
		findings: text('findings').notNull().default(''),
		recordedBy: text('recorded_by').notNull(),
		createdAt: text('created_at').notNull().default(nowUtc)
	},
	(t) => [
		index('recovery_test_org_idx').on(t.organisationId, t.testedOn),
		check(
			'recovery_test_pass_evidence_ck',
			sql`${t.result} <> 'passed' OR trim(${t.evidence}) <> ''`
		)
	]
);

export const recoveryTestTester = sqliteTable(
	'recovery_test_tester',
	{
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		testId: integer('test_id')
			.notNull()
			.references(() => recoveryTest.id),
		personId: integer('person_id')
			.notNull()
			.references(() => governancePerson.id)
	},
	(t) => [primaryKey({ columns: [t.testId, t.personId] })]
);

/** Each system tested: the time and data loss achieved, and its RTO when tested (kept, as objectives change). */
export const recoveryTestSystem = sqliteTable(
	'recovery_test_system',
	{
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		testId: integer('test_id')
			.notNull()
			.references(() => recoveryTest.id),
		systemId: integer('system_id')
			.notNull()
			.references(() => system.id),
		rtoMinutes: integer('rto_minutes'),
		achievedMinutes: integer('achieved_minutes').notNull(),
		dataLossMinutes: integer('data_loss_minutes'),
		withinRto: integer('within_rto', { mode: 'boolean' })
	},
	(t) => [
		primaryKey({ columns: [t.testId, t.systemId] }),
		index('recovery_test_system_sys_idx').on(t.organisationId, t.systemId),
		check(
			'recovery_test_system_minutes_ck',
			sql`${t.achievedMinutes} >= 0 AND coalesce(${t.dataLossMinutes}, 0) >= 0`
		)
	]
);

/** An action from a test's findings (or a meeting), with an owner and a due date. */
export const governanceAction = sqliteTable(
	'governance_action',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		testId: integer('test_id').references(() => recoveryTest.id),
		description: text('description').notNull(),
		owner: text('owner').notNull(),
		dueOn: text('due_on').notNull(),
		completedOn: text('completed_on'),
		createdAt: text('created_at').notNull().default(nowUtc)
	},
	(t) => [index('governance_action_org_due_idx').on(t.organisationId, t.completedOn, t.dueOn)]
);
