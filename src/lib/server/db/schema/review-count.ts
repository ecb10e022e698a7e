import { sqliteTable, integer, primaryKey } from 'drizzle-orm/sqlite-core';
import { organisation } from './organisation';

/**
 * The dashboard's review figures for the live systems, pre-aggregated: systems, reviewed, with more
 * than one current outcome, and current outcomes of each kind. Kept by triggers (db/review-count-sql.ts)
 * within the statement that changes a system, an outcome or a workstream link, so every write path
 * (forms, the bulk import, archive and restore) keeps them; `npm run costs:rebuild` checks them.
 */
const counts = () => ({
	systems: integer('systems').notNull().default(0),
	reviewed: integer('reviewed').notNull().default(0),
	multiple: integer('multiple').notNull().default(0),
	maintain: integer('maintain').notNull().default(0),
	develop: integer('develop').notNull().default(0),
	decommission: integer('decommission').notNull().default(0),
	replace: integer('replace').notNull().default(0)
});

/** By directorate and service area (0 = none recorded): the totals and both groupings sum these few rows. */
export const reviewCount = sqliteTable(
	'review_count',
	{
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		directorateKey: integer('directorate_key').notNull(),
		serviceAreaKey: integer('service_area_key').notNull(),
		...counts()
	},
	(t) => [primaryKey({ columns: [t.organisationId, t.directorateKey, t.serviceAreaKey] })]
);

/**
 * By workstream: each live system linked to it, and each current outcome of those systems. No foreign
 * key on the workstream, so a row left at zero never stops a workstream being removed.
 */
export const workstreamReviewCount = sqliteTable(
	'workstream_review_count',
	{
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		workstreamId: integer('workstream_id').notNull(),
		...counts()
	},
	(t) => [primaryKey({ columns: [t.organisationId, t.workstreamId] })]
);
