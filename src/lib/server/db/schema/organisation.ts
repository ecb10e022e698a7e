import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';

export const nowUtc = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

/** A partner of the shared service: a council, a school, a fire service. Every portfolio row belongs to one. */
export const organisation = sqliteTable(
	'organisation',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		slug: text('slug').notNull(),
		name: text('name').notNull(),
		/**
		 * The loaded cost of an hour of one person's time, for systems with no figure of their own.
		 * 1300 = £13: the county's £26,000 an hour lost across 2,000 users.
		 */
		defaultCostPerUserHourPence: integer('default_cost_per_user_hour_pence').notNull().default(1300),
		/** How the default was worked out, in words, shown beside it. */
		costPerUserHourBasis: text('cost_per_user_hour_basis').notNull().default('£26,000 an hour lost across 2,000 users'),
		createdAt: text('created_at').notNull().default(nowUtc)
	},
	(t) => [uniqueIndex('organisation_slug_uq').on(t.slug)]
);

export const directorate = sqliteTable(
	'directorate',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		organisationId: integer('organisation_id').notNull().references(() => organisation.id),
		name: text('name').notNull()
	},
	(t) => [uniqueIndex('directorate_org_name_uq').on(t.organisationId, t.name)]
);

export const serviceArea = sqliteTable(
	'service_area',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		organisationId: integer('organisation_id').notNull().references(() => organisation.id),
		directorateId: integer('directorate_id').notNull().references(() => directorate.id),
		name: text('name').notNull()
	},
	(t) => [uniqueIndex('service_area_dir_name_uq').on(t.directorateId, t.name), index('service_area_org_idx').on(t.organisationId)]
);
