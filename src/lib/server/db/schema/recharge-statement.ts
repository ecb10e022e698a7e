import {
	sqliteTable,
	integer,
	text,
	index,
	uniqueIndex,
	check,
	primaryKey
} from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { organisation, nowUtc } from './organisation';
import { appUser } from './auth';
import { costLine } from './cost';
import { SPEND_TYPES } from '../../../domain/costs/cost';
import { STATEMENT_LINE_KINDS, STATEMENT_STATUSES } from '../../../domain/recharges/statements';
import { sqlWords } from './domain-sql';

/**
 * What a shared service (`organisation_id`) charges one partner for a financial year (quarter 0) or
 * one quarter of it. A draft's lines are worked out live; issuing copies them into
 * `recharge_statement_line`, stores the SHA-256 of the whole statement's canonical JSON
 * (`content_hash`) and its summary (`content`: header, totals, line count; statements issued before the
 * stmt1m_statement_scale migration hold the whole JSON there) with the summary's own hash, after which triggers refuse
 * any change but the partner's answer (issued -> agreed or disputed).
 */
export const rechargeStatement = sqliteTable(
	'recharge_statement',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		partnerOrganisationId: integer('partner_organisation_id')
			.notNull()
			.references(() => organisation.id),
		financialYear: text('financial_year').notNull(),
		quarter: integer('quarter').notNull(),
		status: text('status', { enum: STATEMENT_STATUSES }).notNull().default('draft'),
		version: integer('version').notNull().default(1),
		createdBy: text('created_by').notNull(),
		createdAt: text('created_at').notNull().default(nowUtc),
		updatedAt: text('updated_at').notNull().default(nowUtc),
		issuedAt: text('issued_at'),
		issuedByUserId: integer('issued_by_user_id').references(() => appUser.id),
		issuedBy: text('issued_by'),
		content: text('content'),
		contentHash: text('content_hash'),
		/** SHA-256 of `content` (the summary: header, totals, line count, content hash), checked on every view. */
		summaryHash: text('summary_hash'),
		totalPence: integer('total_pence'),
		respondedAt: text('responded_at'),
		respondedByUserId: integer('responded_by_user_id').references(() => appUser.id),
		respondedBy: text('responded_by'),
		disputeReason: text('dispute_reason')
	},
	(t) => [
		uniqueIndex('recharge_statement_period_uq').on(
			t.organisationId,
			t.partnerOrganisationId,
			t.financialYear,
			t.quarter
		),
		index('recharge_statement_partner_idx').on(t.partnerOrganisationId, t.status),
		check('recharge_statement_quarter_ck', sql`${t.quarter} BETWEEN 0 AND 4`),
		check('recharge_statement_status_ck', sql`${t.status} IN (${sqlWords(STATEMENT_STATUSES)})`),
		check(
			'recharge_statement_issued_ck',
			sql`${t.status} = 'draft' OR (${t.issuedAt} IS NOT NULL AND ${t.issuedBy} IS NOT NULL AND ${t.content} IS NOT NULL AND ${t.contentHash} IS NOT NULL AND ${t.totalPence} IS NOT NULL)`
		),
		// Agreed or disputed says by whom and when; a dispute says why.
		check(
			'recharge_statement_answer_ck',
			sql`${t.status} IN ('draft', 'issued') OR (${t.respondedAt} IS NOT NULL AND ${t.respondedBy} IS NOT NULL AND (${t.status} = 'agreed' OR length(trim(coalesce(${t.disputeReason}, ''))) > 0))`
		)
	]
);

/**
 * A line of an issued statement, copied from the recharges at issue: a charge for the statement's
 * period, or an adjustment (was, now, and the difference in amount_pence) to a period already
 * stated. Written only while its statement is a draft, in the transaction that issues it.
 */
export const rechargeStatementLine = sqliteTable(
	'recharge_statement_line',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		statementId: integer('statement_id')
			.notNull()
			.references(() => rechargeStatement.id),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		partnerOrganisationId: integer('partner_organisation_id')
			.notNull()
			.references(() => organisation.id),
		position: integer('position').notNull(),
		kind: text('kind', { enum: STATEMENT_LINE_KINDS }).notNull(),
		financialYear: text('financial_year').notNull(),
		costLineId: integer('cost_line_id')
			.notNull()
			.references(() => costLine.id),
		description: text('description').notNull(),
		systemName: text('system_name'),
		costCentreId: integer('cost_centre_id'),
		costCentre: text('cost_centre').notNull(),
		spendType: text('spend_type', { enum: SPEND_TYPES }).notNull(),
		keyApplied: text('key_applied').notNull(),
		wasPence: integer('was_pence'),
		nowPence: integer('now_pence'),
		amountPence: integer('amount_pence').notNull()
	},
	(t) => [
		uniqueIndex('recharge_statement_line_position_uq').on(t.statementId, t.position),
		// What a partner has been charged so far per item, in the order a draft compares it with the
		// recharges now (year, capital or revenue, line): covering, so adjustments never read the table.
		index('recharge_statement_line_partner_idx').on(
			t.organisationId,
			t.partnerOrganisationId,
			t.financialYear,
			t.spendType,
			t.costLineId,
			t.costCentreId,
			t.amountPence
		),
		check(
			'recharge_statement_line_kind_ck',
			sql`(${t.kind} = 'charge') = (${t.wasPence} IS NULL AND ${t.nowPence} IS NULL) AND (${t.kind} = 'charge' OR ${t.amountPence} = ${t.nowPence} - ${t.wasPence})`
		)
	]
);

/**
 * Where a partner's recharges changed since its last issued statement: one row per partner (0:
 * unallocated overhead), year and block of 16,384 cost-line ids (`bucket` = cost_line_id >> 14),
 * written by triggers on every insert, update and delete of a recharge and cleared for the partner
 * when one of its statements is issued. Issuing brings every item of every year the partner has
 * been stated up to what is due, so a draft's adjustments can only be in a marked block: it compares
 * those blocks' recharges with the lines issued, never a whole year that has not changed since.
 */
export const rechargeChange = sqliteTable(
	'recharge_change',
	{
		organisationId: integer('organisation_id').notNull(),
		partnerKey: integer('partner_key').notNull(),
		financialYear: text('financial_year').notNull(),
		bucket: integer('bucket').notNull()
	},
	(t) => [primaryKey({ columns: [t.organisationId, t.partnerKey, t.financialYear, t.bucket] })]
);

/**
 * The issued statement lines summed by partner, year (the line's, which for an adjustment may be
 * another than its statement's), cost centre (cost_centre_key 0: none) and capital/revenue: what
 * the partner has been charged, which a reconciliation compares its ledger with. Kept by triggers on
 * `recharge_statement_line` (whose lines are only ever inserted, at issue), so no writer can
 * forget it. A statement's summary cannot answer this: its totals are by cost centre in words, not
 * by year. Checked and repaired by `npm run costs:rebuild`.
 */
export const rechargeStatedTotal = sqliteTable(
	'recharge_stated_total',
	{
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		partnerOrganisationId: integer('partner_organisation_id')
			.notNull()
			.references(() => organisation.id),
		financialYear: text('financial_year').notNull(),
		costCentreKey: integer('cost_centre_key').notNull(),
		costCentreId: integer('cost_centre_id'),
		spendType: text('spend_type', { enum: SPEND_TYPES }).notNull(),
		amountPence: integer('amount_pence').notNull(),
		lineCount: integer('line_count').notNull()
	},
	(t) => [
		primaryKey({
			columns: [
				t.organisationId,
				t.partnerOrganisationId,
				t.financialYear,
				t.costCentreKey,
				t.spendType
			]
		}),
		check(
			'recharge_stated_total_centre_ck',
			sql`${t.costCentreKey} = coalesce(${t.costCentreId}, 0)`
		)
	]
);
