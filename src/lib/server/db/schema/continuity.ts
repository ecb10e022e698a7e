import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';
import { organisation } from './organisation';
import { SWITCH_OFF_OUTCOMES } from '../../../domain/milestones/milestone';

/**
 * Each current decommission or replace outcome of a system that is not archived and has statutory
 * duties recorded: what the continuity guard checks, with the system's switch-off date and the
 * workstream replacing it worked out. Kept by triggers (db/continuity-sql.ts) within the statement
 * that changes a system, an outcome or a decommission milestone, so the dashboard counts and lists
 * breaches from an index instead of reading every such system; `npm run costs:rebuild` checks it.
 */
export const continuityOutcome = sqliteTable(
	'continuity_outcome',
	{
		outcomeId: integer('outcome_id').primaryKey(),
		organisationId: integer('organisation_id')
			.notNull()
			.references(() => organisation.id),
		systemId: integer('system_id').notNull(),
		systemName: text('system_name').notNull(),
		outcome: text('outcome', { enum: SWITCH_OFF_OUTCOMES }).notNull(),
		/** The system's decommission milestone's effective date, else its outcomes' earliest target date. */
		switchOffDate: text('switch_off_date'),
		/** The outcome's own workstream, else that of the system's replace outcome (null: nothing replaces it). */
		replacingWorkstreamId: integer('replacing_workstream_id')
	},
	(t) => [
		index('continuity_outcome_org_date_idx').on(t.organisationId, t.switchOffDate),
		index('continuity_outcome_org_ws_idx').on(
			t.organisationId,
			t.replacingWorkstreamId,
			t.switchOffDate
		),
		index('continuity_outcome_system_idx').on(t.systemId),
		index('continuity_outcome_org_system_idx').on(t.organisationId, t.systemId)
	]
);
