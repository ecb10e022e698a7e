/**
 * How the database keeps `continuity_outcome`: a view that works the rows out from scratch, which the
 * triggers of db/kept-by-system-sql.ts copy system by system (as they keep `system_switch_off`). The
 * rules are the continuity guard's (domain/systems/continuity.ts, services/rollups.ts
 * continuityBreachesOf):
 *  - a current decommission or replace outcome of a system that is not archived and has statutory
 *    duties recorded (not only white space);
 *  - its switch-off date is the system's: the latest decommission milestone's effective date (actual,
 *    else forecast, else planned), else the earliest target date of its current such outcomes;
 *  - the replacing workstream is the outcome's own, else that of the system's first replace outcome
 *    with one.
 * Whether an outcome is a breach depends on the workstreams' go-lives, which the reader applies.
 *
 * To change it: change this file, then `npx drizzle-kit generate --custom --name continuity_<what>`
 * and paste what `npm run db:review-count-sql` prints into the new migration.
 */
import {
	keptBySystemDefinitions,
	keptBySystemMigrationSql,
	SWITCH_OFF_MILESTONE_SQL,
	SWITCH_OFF_OUTCOME_LIST,
	type KeptBySystem
} from './kept-by-system-sql';

export const CONTINUITY_VIEW = 'continuity_outcome_source';
export const CONTINUITY_COLUMNS =
	'outcome_id, organisation_id, system_id, system_name, outcome, switch_off_date, replacing_workstream_id';

const outcomes = SWITCH_OFF_OUTCOME_LIST;
/** JavaScript's String.trim() white space, as far as statutory duties typed in a form can hold it. */
const BLANKS = `' ' || char(9, 10, 11, 12, 13, 160)`;

export const CONTINUITY: KeptBySystem = {
	table: 'continuity_outcome',
	view: CONTINUITY_VIEW,
	columns: CONTINUITY_COLUMNS,
	query: `SELECT o.id AS outcome_id, o.organisation_id AS organisation_id, s.id AS system_id, s.name AS system_name, o.outcome AS outcome,
	COALESCE(
		(SELECT MAX(COALESCE(m.actual_date, m.forecast_date, m.planned_date)) FROM milestone m
			WHERE m.organisation_id = s.organisation_id AND m.system_id = s.id AND m.kind = ${SWITCH_OFF_MILESTONE_SQL} AND m.archived_at IS NULL),
		(SELECT MIN(t.target_date) FROM review_outcome t
			WHERE t.system_id = s.id AND t.organisation_id = o.organisation_id AND t.is_current = 1 AND t.outcome IN ${outcomes})
	) AS switch_off_date,
	COALESCE(o.workstream_id,
		(SELECT r.workstream_id FROM review_outcome r
			WHERE r.system_id = s.id AND r.organisation_id = o.organisation_id AND r.is_current = 1 AND r.outcome = 'replace' AND r.workstream_id IS NOT NULL
			ORDER BY r.id LIMIT 1)
	) AS replacing_workstream_id
FROM review_outcome o JOIN system s ON s.id = o.system_id
WHERE o.is_current = 1 AND o.outcome IN ${outcomes} AND s.lifecycle <> 'archived' AND trim(s.statutory_duties, ${BLANKS}) <> ''`,
	// A row names the outcome, its system and its workstream, so any of them moving moves it.
	outcomeColumns: [
		'is_current',
		'outcome',
		'system_id',
		'organisation_id',
		'target_date',
		'workstream_id'
	],
	systemColumns: ['name', 'statutory_duties', 'lifecycle', 'organisation_id']
};

/** The view and each trigger by name, as SQLite keeps them (no final ';'). */
export const continuityDefinitions = () => keptBySystemDefinitions(CONTINUITY);

/** A migration's body that replaces the view and triggers and rebuilds the kept rows. */
export const continuityMigrationSql = () => keptBySystemMigrationSql(CONTINUITY);
