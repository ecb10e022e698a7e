import { sqliteTable, integer, text, index, uniqueIndex, check } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { organisation, directorate, serviceArea, nowUtc } from './organisation';
import { MAX_AMOUNT_PENCE } from '../../../domain/money';
import { MAX_COST_PER_USER_HOUR_PENCE, MAX_OUTAGE_MINUTES } from '../../../domain/systems/outage';
import {
	CRITICALITY,
	CRITICALITY_RANK,
	HOSTING,
	LIFECYCLE,
	NOT_ASSESSED,
	PERSONAL_DATA,
	REVIEW_STATUS
} from '../../../domain/systems/system';
import { TARGET_DATE_NOT_SET_BIT, WORKSTREAM_NOT_SET_BIT } from '../../../domain/systems/review';
import { rankCase, sqlWord } from './domain-sql';

const MAX_AMOUNT = sql.raw(String(MAX_AMOUNT_PENCE));
const MAX_RATE = sql.raw(String(MAX_COST_PER_USER_HOUR_PENCE));
/** Review status in its own order (not reviewed, proposed, agreed), from 1. */
const REVIEW_RANK = Object.fromEntries(REVIEW_STATUS.map((s, i) => [s, i + 1]));

/** A legacy system under review. Archived rather than deleted; `version` guards concurrent edits. */
export const system = sqliteTable(
	'system',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		directorateId: integer('directorate_id').references(() => directorate.id),
		/** Copied from the directorate when the system is saved, so lists sort and show it without a join. */
		directorateName: text('directorate_name').notNull().default(''),
		serviceAreaId: integer('service_area_id').references(() => serviceArea.id),
		name: text('name').notNull(),
		description: text('description').notNull().default(''),
		supplier: text('supplier').notNull().default(''),
		product: text('product').notNull().default(''),
		hosting: text('hosting', { enum: HOSTING }).notNull(),
		businessOwner: text('business_owner').notNull().default(''),
		technicalOwner: text('technical_owner').notNull().default(''),
		/** A named person to contact: personal data, masked for roles that do not need it. */
		contactName: text('contact_name').notNull().default(''),
		contactEmail: text('contact_email').notNull().default(''),
		contactPhone: text('contact_phone').notNull().default(''),
		userCount: integer('user_count'),
		annualRunCostPence: integer('annual_run_cost_pence'),
		contractStart: text('contract_start'),
		contractEnd: text('contract_end'),
		contractNotice: text('contract_notice'),
		criticality: text('criticality', { enum: CRITICALITY }).notNull(),
		statutoryDuties: text('statutory_duties').notNull().default(''),
		personalData: text('personal_data', { enum: PERSONAL_DATA }).notNull(),
		lifecycle: text('lifecycle', { enum: LIFECYCLE }).notNull().default('live'),
		externalRef: text('external_ref'),
		/** Denormalised from the current review, kept in the same transaction, so lists filter on an index. */
		reviewStatus: text('review_status', { enum: REVIEW_STATUS }).notNull().default('not_reviewed'),
		outcomeCount: integer('outcome_count').notNull().default(0),
		/** The current review's outcomes as bits (see OUTCOME_BIT), so the list filters without a subquery. */
		outcomeFlags: integer('outcome_flags').notNull().default(0),
		/** Cost of outage inputs: people using it at once, expected outage a year, and an own cost per user-hour (null = the organisation's default). */
		concurrentUsers: integer('concurrent_users'),
		outageMinutesPerYear: integer('outage_minutes_per_year'),
		costPerUserHourPence: integer('cost_per_user_hour_pence'),
		version: integer('version').notNull().default(1),
		// Sort keys for the list's keyset pagination: never NULL (a blank sorts as the highest value),
		// ranks in their real order rather than alphabetical. Virtual: computed, never stored.
		// 'Not yet assessed' ranks 0: before Low ascending, after Low descending (most critical first), never with Critical.
		criticalityRank: integer('criticality_rank').generatedAlwaysAs(
			rankCase('criticality', CRITICALITY_RANK),
			{ mode: 'virtual' }
		),
		reviewRank: integer('review_rank').generatedAlwaysAs(rankCase('review_status', REVIEW_RANK), {
			mode: 'virtual'
		}),
		usersKey: integer('users_key').generatedAlwaysAs(sql`coalesce(user_count, 9007199254740991)`, {
			mode: 'virtual'
		}),
		costKey: integer('cost_key').generatedAlwaysAs(
			sql`coalesce(annual_run_cost_pence, 9007199254740991)`,
			{ mode: 'virtual' }
		),
		contractEndKey: text('contract_end_key').generatedAlwaysAs(
			sql`coalesce(contract_end, '9999-12-31')`,
			{ mode: 'virtual' }
		),
		createdAt: text('created_at').notNull().default(nowUtc),
		updatedAt: text('updated_at').notNull().default(nowUtc)
	},
	(t) => [
		// The domain's caps (money.ts, outage.ts), so no write path can store a figure that breaks a sum.
		check('system_annual_run_cost_ck', sql`${t.annualRunCostPence} BETWEEN 0 AND ${MAX_AMOUNT}`),
		check('system_cost_per_user_hour_ck', sql`${t.costPerUserHourPence} BETWEEN 1 AND ${MAX_RATE}`),
		check('system_concurrent_users_ck', sql`${t.concurrentUsers} BETWEEN 1 AND 1000000`),
		check(
			'system_outage_minutes_ck',
			sql`${t.outageMinutesPerYear} BETWEEN 0 AND ${sql.raw(String(MAX_OUTAGE_MINUTES))}`
		),
		// The outage figure is an amount too: users x minutes x rate (the most a default can be when none) / 60.
		check(
			'system_outage_risk_ck',
			sql`${t.concurrentUsers} * ${t.outageMinutesPerYear} * coalesce(${t.costPerUserHourPence}, ${MAX_RATE}) <= 60 * ${MAX_AMOUNT}`
		),
		uniqueIndex('system_org_ref_uq').on(t.organisationId, t.externalRef),
		// One index per sort key, each ending in id (the tie-break), so every sort reads only its page.
		index('system_org_name_idx').on(t.organisationId, t.name, t.id),
		index('system_org_supplier_idx').on(t.organisationId, t.supplier, t.id),
		index('system_org_directorate_name_idx').on(t.organisationId, t.directorateName, t.id),
		index('system_org_hosting_idx').on(t.organisationId, t.hosting, t.id),
		index('system_org_criticality_rank_idx').on(t.organisationId, t.criticalityRank, t.id),
		index('system_org_users_key_idx').on(t.organisationId, t.usersKey, t.id),
		index('system_org_cost_key_idx').on(t.organisationId, t.costKey, t.id),
		index('system_org_contract_end_key_idx').on(t.organisationId, t.contractEndKey, t.id),
		index('system_org_review_rank_idx').on(t.organisationId, t.reviewRank, t.id),
		index('system_org_updated_idx').on(t.organisationId, t.updatedAt, t.id),
		// Counts of the whole list or by outcome read only this index, never the table.
		index('system_org_lifecycle_flags_idx').on(t.organisationId, t.lifecycle, t.outcomeFlags),
		// The dashboard's review summary (overall, by directorate, by service area) reads only this index.
		index('system_org_review_summary_idx').on(
			t.organisationId,
			t.directorateId,
			t.serviceAreaId,
			t.lifecycle,
			t.reviewStatus,
			t.outcomeCount
		),
		// Filters that are not also sort keys.
		index('system_org_directorate_idx').on(t.organisationId, t.directorateId),
		index('system_org_service_area_idx').on(t.organisationId, t.serviceAreaId),
		index('system_org_contract_end_idx').on(t.organisationId, t.contractEnd),
		// The data-quality figures (domain/data-quality.ts) count from these alone; each holds only the systems
		// with the gap, so it costs nothing to keep for the rest. Queries must repeat the WHERE term as written.
		index('system_org_personal_not_assessed_idx')
			.on(t.organisationId, t.lifecycle)
			.where(sql`${t.personalData} = ${sql.raw(sqlWord(NOT_ASSESSED))}`),
		index('system_org_target_date_not_set_idx')
			.on(t.organisationId, t.lifecycle, t.outcomeFlags)
			.where(sql`(${t.outcomeFlags} & ${sql.raw(String(TARGET_DATE_NOT_SET_BIT))}) <> 0`),
		index('system_org_workstream_not_set_idx')
			.on(t.organisationId, t.lifecycle, t.outcomeFlags)
			.where(sql`(${t.outcomeFlags} & ${sql.raw(String(WORKSTREAM_NOT_SET_BIT))}) <> 0`),
		// Current run cost: summed from the index alone.
		index('system_org_lifecycle_cost_idx').on(t.organisationId, t.lifecycle, t.annualRunCostPence),
		// Systems with outage figures, with every column the outage roll-up sums: it reads this index alone.
		index('system_org_outage_figures_idx')
			.on(
				t.organisationId,
				t.concurrentUsers,
				t.outageMinutesPerYear,
				t.costPerUserHourPence,
				t.lifecycle
			)
			.where(sql`${t.concurrentUsers} IS NOT NULL AND ${t.outageMinutesPerYear} IS NOT NULL`)
	]
);
