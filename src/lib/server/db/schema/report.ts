import { sqliteTable, integer, text, uniqueIndex, index, check } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { organisation, nowUtc } from './organisation';
import { appUser } from './auth';
import { REPORT_STATUSES } from '../../../domain/reports/report-draft';
import { sqlWords } from './domain-sql';

/**
 * A quarterly progress report to committee: one per organisation per quarter. A draft holds only the
 * officer's parts (`draft`: summary, narratives, RAG overrides, recommendations); its figures are
 * assembled live. Issuing freezes the full content (`snapshot`, with the exempt annex) and the public
 * version (`public_snapshot`, without it) as canonical JSON with their SHA-256s, after which triggers
 * (migration 0009) refuse any UPDATE or DELETE of the row.
 */
export const committeeReport = sqliteTable(
	'committee_report',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		financialYear: text('financial_year').notNull(),
		quarter: integer('quarter').notNull(),
		title: text('title').notNull(),
		status: text('status', { enum: REPORT_STATUSES }).notNull().default('draft'),
		/** Bumped by every change to a draft, for optimistic edits. */
		version: integer('version').notNull().default(1),
		/** The ReportDraft JSON ($lib/domain/report). */
		draft: text('draft').notNull(),
		createdBy: text('created_by').notNull(),
		createdAt: text('created_at').notNull().default(nowUtc),
		updatedAt: text('updated_at').notNull().default(nowUtc),
		issuedAt: text('issued_at'),
		issuedByUserId: integer('issued_by_user_id').references(() => appUser.id),
		issuedBy: text('issued_by'),
		snapshot: text('snapshot'),
		contentHash: text('content_hash'),
		publicSnapshot: text('public_snapshot'),
		publicHash: text('public_hash')
	},
	(t) => [
		uniqueIndex('committee_report_org_quarter_uq').on(t.organisationId, t.financialYear, t.quarter),
		index('committee_report_org_status_idx').on(
			t.organisationId,
			t.status,
			t.financialYear,
			t.quarter
		),
		check('committee_report_quarter_ck', sql`${t.quarter} BETWEEN 1 AND 4`),
		check('committee_report_status_ck', sql`${t.status} IN (${sqlWords(REPORT_STATUSES)})`),
		// Issued means issued with its record: both snapshots, both hashes, when and by whom.
		check(
			'committee_report_issued_ck',
			sql`${t.status} = 'draft' OR (${t.issuedAt} IS NOT NULL AND ${t.issuedBy} IS NOT NULL AND ${t.snapshot} IS NOT NULL AND ${t.contentHash} IS NOT NULL AND ${t.publicSnapshot} IS NOT NULL AND ${t.publicHash} IS NOT NULL)`
		)
	]
);
