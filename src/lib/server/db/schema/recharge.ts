import {
	sqliteTable,
	integer,
	text,
	index,
	uniqueIndex,
	primaryKey,
	foreignKey,
	check
} from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { organisation, nowUtc } from './organisation';
import { costLine, MAX_AMOUNT_SQL } from './cost';
import { SPEND_TYPES } from '../../../domain/costs/cost';
import { KEY_KINDS, KEY_SCOPES } from '../../../domain/recharges/keys';
import { COST_CENTRE_KINDS } from '../../../domain/recharges/cost-centres';

/**
 * A partner's budget code (a service's or a school's) that a shared service's recharges are posted
 * to. Kept by the shared service (`organisation_id`) for one of its partners.
 */
export const partnerCostCentre = sqliteTable(
	'partner_cost_centre',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		partnerOrganisationId: integer('partner_organisation_id')
			.notNull()
			.references(() => organisation.id),
		code: text('code').notNull(),
		name: text('name').notNull(),
		kind: text('kind', { enum: COST_CENTRE_KINDS }).notNull(),
		version: integer('version').notNull().default(1),
		createdAt: text('created_at').notNull().default(nowUtc),
		updatedAt: text('updated_at').notNull().default(nowUtc),
		archivedAt: text('archived_at')
	},
	(t) => [
		uniqueIndex('partner_cost_centre_code_uq').on(
			t.organisationId,
			t.partnerOrganisationId,
			t.code
		),
		// The target of the (cost centre, partner) foreign keys below: a cost centre and its partner.
		uniqueIndex('partner_cost_centre_partner_uq').on(t.id, t.partnerOrganisationId)
	]
);

/**
 * How a shared service's costs of one financial year are shared: for the whole service (scope_id 0),
 * one workstream, one system or one cost line. Fixed percentages, or a driver with its source and
 * the date its figures were true on. The most specific key covering a line wins.
 */
export const allocationKey = sqliteTable(
	'allocation_key',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		financialYear: text('financial_year').notNull(),
		scope: text('scope', { enum: KEY_SCOPES }).notNull(),
		scopeId: integer('scope_id').notNull(),
		kind: text('kind', { enum: KEY_KINDS }).notNull(),
		measure: text('measure').notNull().default(''),
		source: text('source').notNull().default(''),
		asAt: text('as_at'),
		version: integer('version').notNull().default(1),
		createdAt: text('created_at').notNull().default(nowUtc),
		updatedAt: text('updated_at').notNull().default(nowUtc)
	},
	(t) => [
		uniqueIndex('allocation_key_scope_uq').on(
			t.organisationId,
			t.financialYear,
			t.scope,
			t.scopeId
		),
		check('allocation_key_service_ck', sql`(${t.scope} = 'service') = (${t.scopeId} = 0)`),
		check(
			'allocation_key_driver_ck',
			sql`${t.kind} = 'fixed' OR (${t.measure} <> '' AND ${t.source} <> '' AND ${t.asAt} IS NOT NULL)`
		)
	]
);

/** One partner's value in a key (hundredths of a percent, or hundredths of the driver's measure). */
export const allocationKeyShare = sqliteTable(
	'allocation_key_share',
	{
		keyId: integer('key_id')
			.notNull()
			.references(() => allocationKey.id),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		partnerOrganisationId: integer('partner_organisation_id')
			.notNull()
			.references(() => organisation.id),
		weight: integer('weight').notNull(),
		costCentreId: integer('cost_centre_id')
	},
	(t) => [
		primaryKey({ columns: [t.keyId, t.partnerOrganisationId] }),
		check('allocation_key_share_weight_ck', sql`${t.weight} >= 0`),
		// A share is charged to a cost centre of its own partner, never another's.
		foreignKey({
			name: 'allocation_key_share_cost_centre_fk',
			columns: [t.costCentreId, t.partnerOrganisationId],
			foreignColumns: [partnerCostCentre.id, partnerCostCentre.partnerOrganisationId]
		})
	]
);

/**
 * One cost line's share for one partner (partner_key 0: unallocated shared-service overhead), kept
 * in the same transaction as every change to the cost lines and keys it is worked out from, so the
 * shares of a line always add up to the line. Rebuilt and checked by `npm run costs:rebuild`.
 */
export const recharge = sqliteTable(
	'recharge',
	{
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		costLineId: integer('cost_line_id')
			.notNull()
			.references(() => costLine.id),
		/** The partner charged, or 0 for unallocated overhead (0, not NULL, because it is in the key). */
		partnerKey: integer('partner_key').notNull(),
		partnerOrganisationId: integer('partner_organisation_id').references(() => organisation.id),
		financialYear: text('financial_year').notNull(),
		spendType: text('spend_type', { enum: SPEND_TYPES }).notNull(),
		amountPence: integer('amount_pence').notNull(),
		allocationKeyId: integer('allocation_key_id').references(() => allocationKey.id),
		costCentreId: integer('cost_centre_id')
	},
	(t) => [
		primaryKey({ columns: [t.costLineId, t.partnerKey] }),
		check(
			'recharge_partner_ck',
			sql`${t.partnerKey} = coalesce(${t.partnerOrganisationId}, 0) AND (${t.partnerKey} = 0) = (${t.allocationKeyId} IS NULL)`
		),
		check('recharge_amount_ck', sql`${t.amountPence} BETWEEN 0 AND ${MAX_AMOUNT_SQL}`),
		foreignKey({
			name: 'recharge_cost_centre_fk',
			columns: [t.costCentreId, t.partnerOrganisationId],
			foreignColumns: [partnerCostCentre.id, partnerCostCentre.partnerOrganisationId]
		}),
		// A partner's lines of a year in page order (capital or revenue, then line) without a sort, and
		// covering for cost by partner per year (repos/recharge-rollups.ts) and for a draft statement's
		// totals by cost centre and its adjustments (repos/recharge-statement-draft.ts): grouped scans
		// of this index, never of the table.
		index('recharge_partner_year_idx').on(
			t.organisationId,
			t.partnerKey,
			t.financialYear,
			t.spendType,
			t.costLineId,
			t.amountPence,
			t.costCentreId
		),
		index('recharge_key_idx').on(t.allocationKeyId)
	]
);

/**
 * The recharges summed by partner (partner_key 0: unallocated overhead), year and capital/revenue,
 * kept in the same transaction as every change to `recharge` (repos/recharge-totals.ts), as
 * cost_total is for cost lines: the pages and roll-ups read a few hundred rows here instead of
 * summing ten million. Checked and repaired by `npm run costs:rebuild`.
 */
export const rechargeTotal = sqliteTable(
	'recharge_total',
	{
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		partnerKey: integer('partner_key').notNull(),
		partnerOrganisationId: integer('partner_organisation_id').references(() => organisation.id),
		financialYear: text('financial_year').notNull(),
		spendType: text('spend_type', { enum: SPEND_TYPES }).notNull(),
		amountPence: integer('amount_pence').notNull(),
		lineCount: integer('line_count').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.organisationId, t.partnerKey, t.financialYear, t.spendType] }),
		check(
			'recharge_total_partner_ck',
			sql`${t.partnerKey} = coalesce(${t.partnerOrganisationId}, 0)`
		)
	]
);

/**
 * The recharges summed by partner, cost centre (cost_centre_key 0: the key named none), year and
 * capital/revenue: what a reconciliation compares a partner's ledger with. Kept beside
 * `recharge_total` by the same writes (repos/recharge-totals.ts), so reading a partner's year is a
 * few rows, not 140,000 recharges. Checked and repaired by `npm run costs:rebuild`.
 */
export const rechargeCentreTotal = sqliteTable(
	'recharge_centre_total',
	{
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		partnerKey: integer('partner_key').notNull(),
		partnerOrganisationId: integer('partner_organisation_id').references(() => organisation.id),
		financialYear: text('financial_year').notNull(),
		costCentreKey: integer('cost_centre_key').notNull(),
		costCentreId: integer('cost_centre_id'),
		spendType: text('spend_type', { enum: SPEND_TYPES }).notNull(),
		amountPence: integer('amount_pence').notNull(),
		lineCount: integer('line_count').notNull()
	},
	(t) => [
		primaryKey({
			columns: [t.organisationId, t.partnerKey, t.financialYear, t.costCentreKey, t.spendType]
		}),
		check(
			'recharge_centre_total_keys_ck',
			sql`${t.partnerKey} = coalesce(${t.partnerOrganisationId}, 0) AND ${t.costCentreKey} = coalesce(${t.costCentreId}, 0)`
		)
	]
);
