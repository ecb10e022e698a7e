import { sqliteTable, integer, text, index, check } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { organisation, nowUtc } from './organisation';
import { system } from './system';
import { workstream } from './workstream';
import { OUTCOMES } from '../../../domain/systems/review';
import { MILESTONE_KINDS } from '../../../domain/milestones/milestone';

/**
 * A dated step of a workstream (procurement start ... go-live, parallel running end) or of a
 * system's outcome (its decommission). Three dates: planned (the approved baseline), forecast, actual.
 */
export const milestone = sqliteTable(
	'milestone',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		workstreamId: integer('workstream_id').references(() => workstream.id),
		systemId: integer('system_id').references(() => system.id),
		/** For a system's milestone, the outcome it belongs to (by kind: reviews are superseded). */
		outcome: text('outcome', { enum: OUTCOMES }),
		kind: text('kind', { enum: MILESTONE_KINDS }).notNull(),
		plannedDate: text('planned_date').notNull(),
		forecastDate: text('forecast_date'),
		actualDate: text('actual_date'),
		note: text('note').notNull().default(''),
		version: integer('version').notNull().default(1),
		createdAt: text('created_at').notNull().default(nowUtc),
		updatedAt: text('updated_at').notNull().default(nowUtc),
		archivedAt: text('archived_at')
	},
	(t) => [
		// Exactly one of workstream and system; an outcome only on a system's milestone.
		check(
			'milestone_attached_ck',
			sql`(${t.workstreamId} IS NULL) <> (${t.systemId} IS NULL) AND (${t.outcome} IS NULL OR ${t.systemId} IS NOT NULL)`
		),
		index('milestone_org_kind_idx').on(t.organisationId, t.kind, t.archivedAt),
		// An organisation's milestones in id order (SQLite appends the row id), for reading them a page at a time.
		index('milestone_org_idx').on(t.organisationId),
		index('milestone_org_workstream_idx').on(t.organisationId, t.workstreamId),
		index('milestone_org_system_idx').on(t.organisationId, t.systemId)
	]
);
