import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import {
	DEFAULT_COST_PER_USER_HOUR_BASIS,
	DEFAULT_COST_PER_USER_HOUR_PENCE
} from '../../../domain/systems/outage';

/**
 * The current instant as the UTC text every timestamp column holds (2026-12-06T05:07:47.123Z, the
 * form of Date.toISOString), worked out by SQLite when the statement runs: NOW_UTC_SQL for hand-written
 * SQL, nowUtc for drizzle (column defaults, `set`).
 */
export const NOW_UTC_SQL = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;
export const nowUtc = sql.raw(`(${NOW_UTC_SQL})`);

/** A partner of the shared service: a council, a school, a fire service. Every portfolio row belongs to one. */
export const organisation = sqliteTable(
	'organisation',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		slug: text('slug').notNull(),
		name: text('name').notNull(),
		/** The loaded cost of an hour of one person's time, for systems with no figure of their own (domain/outage.ts). */
		defaultCostPerUserHourPence: integer('default_cost_per_user_hour_pence')
			.notNull()
			.default(DEFAULT_COST_PER_USER_HOUR_PENCE),
		/** How the default was worked out, in words, shown beside it. */
		costPerUserHourBasis: text('cost_per_user_hour_basis')
			.notNull()
			.default(DEFAULT_COST_PER_USER_HOUR_BASIS),
		createdAt: text('created_at').notNull().default(nowUtc)
	},
	(t) => [uniqueIndex('organisation_slug_uq').on(t.slug)]
);

/**
 * A counter per organisation that triggers raise whenever what /systems shows beside its rows changes:
 * a directorate, service area or workstream added, renamed or removed, a system added or removed, or
 * a system's lifecycle, criticality, personal data or outcome flags changed (the data-quality
 * figures). The list page keeps those per organisation while the counter stands still
 * (repos/system-list-facts.ts). The triggers are in migration ops15b_list_version.
 */
export const organisationListVersion = sqliteTable('organisation_list_version', {
	organisationId: integer('organisation_id')
		.primaryKey()
		.references(() => organisation.id, { onDelete: 'cascade' }),
	version: integer('version').notNull().default(0)
});

export const directorate = sqliteTable(
	'directorate',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		name: text('name').notNull()
	},
	(t) => [uniqueIndex('directorate_org_name_uq').on(t.organisationId, t.name)]
);

export const serviceArea = sqliteTable(
	'service_area',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		directorateId: integer('directorate_id')
			.notNull()
			.references(() => directorate.id),
		name: text('name').notNull()
	},
	(t) => [
		uniqueIndex('service_area_dir_name_uq').on(t.directorateId, t.name),
		index('service_area_org_idx').on(t.organisationId)
	]
);
