import { sqliteTable, integer, text, uniqueIndex, check } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { organisation, nowUtc } from './organisation';
import { MAX_AMOUNT_SQL } from './cost';

/**
 * What a partner has budgeted for its contribution to a shared service in one financial year,
 * recorded by the shared service's officers (`organisation_id`) from the partner's own budget
 * papers. The committee report sets each partner's recharges against it.
 */
export const partnerBudget = sqliteTable(
	'partner_budget',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		partnerOrganisationId: integer('partner_organisation_id')
			.notNull()
			.references(() => organisation.id),
		financialYear: text('financial_year').notNull(),
		amountPence: integer('amount_pence').notNull(),
		version: integer('version').notNull().default(1),
		createdAt: text('created_at').notNull().default(nowUtc),
		updatedAt: text('updated_at').notNull().default(nowUtc)
	},
	(t) => [
		uniqueIndex('partner_budget_year_uq').on(
			t.organisationId,
			t.financialYear,
			t.partnerOrganisationId
		),
		check('partner_budget_amount_ck', sql`${t.amountPence} BETWEEN 0 AND ${MAX_AMOUNT_SQL}`)
	]
);
