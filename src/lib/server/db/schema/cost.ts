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
import { organisation, directorate, nowUtc } from './organisation';
import { system } from './system';
import { workstream } from './workstream';
import { MAX_AMOUNT_PENCE } from '../../../domain/money';
import {
	COST_CATEGORIES,
	CONFIDENCE,
	FUNDING_KINDS,
	SPEND_TYPES
} from '../../../domain/costs/cost';
import { OUTCOMES } from '../../../domain/systems/review';

/** The one cap on every amount (domain/money.ts MAX_AMOUNT_PENCE), written into CHECK constraints. */
export const MAX_AMOUNT_SQL = sql.raw(String(MAX_AMOUNT_PENCE));

/** Where money comes from: departmental capital, a pooled pot, a revenue budget, a grant. Funds one spend type. */
export const fundingSource = sqliteTable(
	'funding_source',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		name: text('name').notNull(),
		kind: text('kind', { enum: FUNDING_KINDS }).notNull(),
		spendType: text('spend_type', { enum: SPEND_TYPES }).notNull(),
		notes: text('notes').notNull().default(''),
		version: integer('version').notNull().default(1),
		createdAt: text('created_at').notNull().default(nowUtc),
		updatedAt: text('updated_at').notNull().default(nowUtc)
	},
	(t) => [uniqueIndex('funding_source_org_name_uq').on(t.organisationId, t.name)]
);

/** How much a funding source provides in one financial year ('2026/27'). */
export const fundingAllocation = sqliteTable(
	'funding_allocation',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		fundingSourceId: integer('funding_source_id')
			.notNull()
			.references(() => fundingSource.id),
		financialYear: text('financial_year').notNull(),
		amountPence: integer('amount_pence').notNull()
	},
	(t) => [
		check('funding_allocation_amount_ck', sql`${t.amountPence} BETWEEN 0 AND ${MAX_AMOUNT_SQL}`),
		uniqueIndex('funding_allocation_source_year_uq').on(t.fundingSourceId, t.financialYear),
		index('funding_allocation_org_year_idx').on(t.organisationId, t.financialYear)
	]
);

/**
 * One cost in one financial year. Attached to a system (optionally to one of its outcomes, stored as
 * the outcome's kind because reviews are superseded) or, with no system, to a workstream. A system's
 * line may also be attributed to a workstream. `directorate_id` is copied from the system (and moved
 * with it) so the pre-aggregated totals can be keyed by it without a join.
 */
export const costLine = sqliteTable(
	'cost_line',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		systemId: integer('system_id').references(() => system.id),
		outcome: text('outcome', { enum: OUTCOMES }),
		workstreamId: integer('workstream_id').references(() => workstream.id),
		directorateId: integer('directorate_id').references(() => directorate.id),
		financialYear: text('financial_year').notNull(),
		spendType: text('spend_type', { enum: SPEND_TYPES }).notNull(),
		category: text('category', { enum: COST_CATEGORIES }).notNull(),
		amountPence: integer('amount_pence').notNull(),
		confidence: text('confidence', { enum: CONFIDENCE }).notNull(),
		fundingSourceId: integer('funding_source_id').references(() => fundingSource.id),
		description: text('description').notNull().default(''),
		version: integer('version').notNull().default(1),
		createdAt: text('created_at').notNull().default(nowUtc),
		updatedAt: text('updated_at').notNull().default(nowUtc),
		archivedAt: text('archived_at')
	},
	(t) => [
		// A system line, or a workstream line with no system, outcome or directorate.
		check(
			'cost_line_attached_ck',
			sql`${t.systemId} IS NOT NULL OR (${t.workstreamId} IS NOT NULL AND ${t.outcome} IS NULL AND ${t.directorateId} IS NULL)`
		),
		check('cost_line_amount_ck', sql`${t.amountPence} BETWEEN 0 AND ${MAX_AMOUNT_SQL}`),
		index('cost_line_org_system_idx').on(t.organisationId, t.systemId, t.financialYear),
		index('cost_line_org_workstream_idx').on(t.organisationId, t.workstreamId, t.financialYear),
		index('cost_line_funding_idx').on(t.fundingSourceId)
	]
);

/**
 * Live cost lines pre-aggregated by every dimension the roll-ups group by, kept in the same
 * transaction as each cost change, so a roll-up reads a few hundred rows instead of a million.
 * 'None' is 0 (ids) or '' (outcome), never NULL, because NULLs are distinct in a primary key.
 */
export const costTotal = sqliteTable(
	'cost_total',
	{
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		workstreamKey: integer('workstream_key').notNull(),
		directorateKey: integer('directorate_key').notNull(),
		outcomeKey: text('outcome_key').notNull(),
		financialYear: text('financial_year').notNull(),
		spendType: text('spend_type', { enum: SPEND_TYPES }).notNull(),
		confidence: text('confidence', { enum: CONFIDENCE }).notNull(),
		amountPence: integer('amount_pence').notNull(),
		lineCount: integer('line_count').notNull()
	},
	(t) => [
		primaryKey({
			columns: [
				t.organisationId,
				t.workstreamKey,
				t.directorateKey,
				t.outcomeKey,
				t.financialYear,
				t.spendType,
				t.confidence
			]
		})
	]
);

/** Live cost lines pre-aggregated by funding source (0 = none), year and spend type, kept like cost_total. */
export const costFundingTotal = sqliteTable(
	'cost_funding_total',
	{
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		fundingSourceKey: integer('funding_source_key').notNull(),
		financialYear: text('financial_year').notNull(),
		spendType: text('spend_type', { enum: SPEND_TYPES }).notNull(),
		amountPence: integer('amount_pence').notNull(),
		lineCount: integer('line_count').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.organisationId, t.fundingSourceKey, t.financialYear, t.spendType] })
	]
);

/**
 * One row per running system being switched off: the date its run cost stops (its decommission
 * milestone, else the earliest target date of its current decommission or replace outcomes), its
 * annual run cost, and the part of that saved in the financial year of the switch-off. Kept by
 * triggers on system, review_outcome and milestone within the statement that changes them, so
 * /rollups sums these rows rather than working out every switch-off per request. The triggers and
 * `system_switch_off_source`, the view that works them out from scratch, are defined once in
 * db/switch-off-sql.ts (applied by migrations 0010 and 0012).
 */
export const systemSwitchOff = sqliteTable(
	'system_switch_off',
	{
		systemId: integer('system_id')
			.primaryKey()
			.references(() => system.id),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		switchOffDate: text('switch_off_date').notNull(),
		annualRunCostPence: integer('annual_run_cost_pence').notNull(),
		/** The calendar year the switch-off's financial year starts in (2026 for 2026/27). */
		startYear: integer('start_year')
			.notNull()
			.generatedAlwaysAs(
				sql`CAST(substr(switch_off_date, 1, 4) AS INTEGER) - (CASE WHEN CAST(substr(switch_off_date, 6, 2) AS INTEGER) >= 4 THEN 0 ELSE 1 END)`,
				{ mode: 'stored' }
			),
		/** The days of that year after the switch-off (saved) and the days in it. */
		daysSaved: integer('days_saved')
			.notNull()
			.generatedAlwaysAs(
				sql`CAST(julianday(printf('%04d-03-31', start_year + 1)) - julianday(switch_off_date) AS INTEGER)`,
				{ mode: 'stored' }
			),
		daysInYear: integer('days_in_year')
			.notNull()
			.generatedAlwaysAs(
				sql`CAST(julianday(printf('%04d-03-31', start_year + 1)) - julianday(printf('%04d-04-01', start_year)) AS INTEGER) + 1`,
				{ mode: 'stored' }
			),
		/**
		 * Saved in the year of switch-off: the annual cost for the days after it, rounded down to the
		 * penny (integer division of numbers 0 or more), as domain/rollup.ts runCostSavedInYear does.
		 */
		savedInYearPence: integer('saved_in_year_pence')
			.notNull()
			.generatedAlwaysAs(sql`(annual_run_cost_pence * days_saved) / days_in_year`, {
				mode: 'stored'
			})
	},
	(t) => [
		index('system_switch_off_org_year_idx').on(
			t.organisationId,
			t.startYear,
			t.annualRunCostPence,
			t.savedInYearPence
		),
		index('system_switch_off_org_date_idx').on(t.organisationId, t.switchOffDate)
	]
);
