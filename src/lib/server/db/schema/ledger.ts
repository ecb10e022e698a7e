import { sqliteTable, integer, text, index, check } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { organisation, nowUtc } from './organisation';
import { MAX_AMOUNT_SQL } from './cost';
import { SPEND_TYPES } from '../../../domain/costs/cost';

/**
 * A partner's ledger extract, uploaded by the partner for reconciling against a shared service's
 * recharges (`organisation_id` the shared service, `partner_organisation_id` the partner). It covers
 * the financial years its lines are in; a later extract of the same years replaces its lines.
 */
export const ledgerExtract = sqliteTable(
	'ledger_extract',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		partnerOrganisationId: integer('partner_organisation_id')
			.notNull()
			.references(() => organisation.id),
		fileName: text('file_name').notNull(),
		sha256: text('sha256').notNull(),
		/** The years its lines are in, comma-separated ('2026/27,2027/28'). */
		financialYears: text('financial_years').notNull(),
		lineCount: integer('line_count').notNull(),
		uploadedBy: text('uploaded_by').notNull(),
		createdAt: text('created_at').notNull().default(nowUtc)
	},
	(t) => [index('ledger_extract_partner_idx').on(t.organisationId, t.partnerOrganisationId)]
);

/** One line of a partner's ledger as the extract gave it: the code as printed, the amount signed (a credit below zero). */
export const ledgerLine = sqliteTable(
	'ledger_line',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		extractId: integer('extract_id')
			.notNull()
			.references(() => ledgerExtract.id),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		partnerOrganisationId: integer('partner_organisation_id')
			.notNull()
			.references(() => organisation.id),
		rowNumber: integer('row_number').notNull(),
		costCentreCode: text('cost_centre_code').notNull(),
		financialYear: text('financial_year').notNull(),
		postingDate: text('posting_date'),
		spendType: text('spend_type', { enum: SPEND_TYPES }).notNull(),
		amountPence: integer('amount_pence').notNull(),
		description: text('description').notNull().default(''),
		reference: text('reference').notNull().default('')
	},
	(t) => [
		check(
			'ledger_line_amount_ck',
			sql`${t.amountPence} BETWEEN -${MAX_AMOUNT_SQL} AND ${MAX_AMOUNT_SQL}`
		),
		index('ledger_line_partner_year_idx').on(
			t.organisationId,
			t.partnerOrganisationId,
			t.financialYear
		),
		index('ledger_line_extract_idx').on(t.extractId)
	]
);

/** A shared service's reconciliation settings: the tolerance within which a difference counts as agreeing. */
export const reconciliationSetting = sqliteTable(
	'reconciliation_setting',
	{
		organisationId: integer('organisation_id')
			.primaryKey()
			.references(() => organisation.id),
		tolerancePence: integer('tolerance_pence').notNull(),
		updatedAt: text('updated_at').notNull().default(nowUtc)
	},
	(t) => [check('reconciliation_tolerance_ck', sql`${t.tolerancePence} BETWEEN 0 AND 100000000`)]
);
