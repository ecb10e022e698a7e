import {
	sqliteTable,
	integer,
	text,
	index,
	uniqueIndex,
	primaryKey,
	check
} from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { organisation, nowUtc } from './organisation';
import { appUser } from './auth';
import { STAGES } from '../../../domain/business-cases/business-case';
import {
	CASE_STATUSES,
	DECISION_MAKERS,
	DECISION_OUTCOMES
} from '../../../domain/business-cases/business-case-workflow';

/**
 * A set of discount rates and optimism bias uplifts, named and sourced, because HM Treasury revises
 * them. Platform-wide reference data (the Green Book is the same for every council), never edited:
 * a revision is a new row, and each business case version records the one it was appraised with.
 */
export const appraisalSetting = sqliteTable(
	'appraisal_setting',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		/** 'Green Book 2022': the name recorded with every appraisal made with it. */
		name: text('name').notNull(),
		source: text('source').notNull(),
		/** The AppraisalSettings JSON (discount bands and optimism bias, in basis points). */
		settings: text('settings').notNull(),
		/** The day from which new business cases use it (ISO date); the latest on or before today applies. */
		effectiveFrom: text('effective_from').notNull(),
		createdAt: text('created_at').notNull().default(nowUtc)
	},
	(t) => [uniqueIndex('appraisal_setting_name_uq').on(t.name)]
);

/** A business case: what it is called, its stage, and where its workflow stands (its current version's status). */
export const businessCase = sqliteTable(
	'business_case',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		title: text('title').notNull(),
		stage: text('stage', { enum: STAGES }).notNull(),
		status: text('status', { enum: CASE_STATUSES }).notNull().default('draft'),
		currentVersionNumber: integer('current_version_number').notNull().default(1),
		/** Bumped by every change to the case or its current draft, for optimistic edits. */
		version: integer('version').notNull().default(1),
		createdAt: text('created_at').notNull().default(nowUtc),
		updatedAt: text('updated_at').notNull().default(nowUtc)
	},
	(t) => [index('business_case_org_idx').on(t.organisationId, t.status)]
);

/**
 * One version of a case. A draft's content changes; a decided one's does not. On approval the
 * version is frozen: `snapshot` holds every figure members saw and `content_hash` its SHA-256, and
 * triggers (migration 0008) refuse any UPDATE or DELETE of the row from then on.
 */
export const businessCaseVersion = sqliteTable(
	'business_case_version',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		businessCaseId: integer('business_case_id')
			.notNull()
			.references(() => businessCase.id),
		number: integer('number').notNull(),
		status: text('status', { enum: CASE_STATUSES }).notNull().default('draft'),
		/** The BusinessCaseContent JSON ($lib/domain/business-case). */
		content: text('content').notNull(),
		appraisalSettingId: integer('appraisal_setting_id')
			.notNull()
			.references(() => appraisalSetting.id),
		createdByUserId: integer('created_by_user_id').references(() => appUser.id),
		createdBy: text('created_by').notNull(),
		createdAt: text('created_at').notNull().default(nowUtc),
		updatedAt: text('updated_at').notNull().default(nowUtc),
		submittedAt: text('submitted_at'),
		frozenAt: text('frozen_at'),
		contentHash: text('content_hash'),
		snapshot: text('snapshot')
	},
	(t) => [
		uniqueIndex('business_case_version_case_number_uq').on(t.businessCaseId, t.number),
		index('business_case_version_org_idx').on(t.organisationId, t.businessCaseId),
		// Frozen means frozen with its record: never a frozen row without the snapshot and hash.
		check(
			'business_case_version_frozen_ck',
			sql`${t.frozenAt} IS NULL OR (${t.snapshot} IS NOT NULL AND ${t.contentHash} IS NOT NULL)`
		)
	]
);

/** Who edited which version (creating, changing or submitting it): none of them may decide the case. */
export const businessCaseEditor = sqliteTable(
	'business_case_editor',
	{
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		businessCaseId: integer('business_case_id')
			.notNull()
			.references(() => businessCase.id),
		versionId: integer('version_id')
			.notNull()
			.references(() => businessCaseVersion.id),
		userId: integer('user_id')
			.notNull()
			.references(() => appUser.id),
		firstEditedAt: text('first_edited_at').notNull().default(nowUtc)
	},
	(t) => [
		primaryKey({ columns: [t.versionId, t.userId] }),
		index('business_case_editor_case_user_idx').on(t.businessCaseId, t.userId)
	]
);

/** The decision on a submitted version, as the minutes record it. One per version; append-only (migration 0008). */
export const businessCaseDecision = sqliteTable(
	'business_case_decision',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		businessCaseId: integer('business_case_id')
			.notNull()
			.references(() => businessCase.id),
		versionId: integer('version_id')
			.notNull()
			.references(() => businessCaseVersion.id),
		outcome: text('outcome', { enum: DECISION_OUTCOMES }).notNull(),
		decisionMaker: text('decision_maker', { enum: DECISION_MAKERS }).notNull(),
		meetingDate: text('meeting_date').notNull(),
		minuteRef: text('minute_ref').notNull(),
		keyDecision: integer('key_decision', { mode: 'boolean' }).notNull(),
		conditions: text('conditions').notNull().default(''),
		reasons: text('reasons').notNull().default(''),
		decidedByUserId: integer('decided_by_user_id')
			.notNull()
			.references(() => appUser.id),
		decidedBy: text('decided_by').notNull(),
		decidedAt: text('decided_at').notNull().default(nowUtc)
	},
	(t) => [
		uniqueIndex('business_case_decision_version_uq').on(t.versionId),
		index('business_case_decision_org_case_idx').on(t.organisationId, t.businessCaseId),
		check(
			'business_case_decision_conditions_ck',
			sql`(${t.outcome} = 'approved_with_conditions') = (${t.conditions} <> '')`
		)
	]
);
