/**
 * How the database keeps `system_switch_off`: a view that works every switch-off out from scratch,
 * which the triggers of db/kept-by-system-sql.ts copy system by system. The rule is the domain's
 * (`switchOffDates` in domain/milestones/milestone.ts): a running system with a current decommission
 * or replace outcome stops on its latest decommission milestone's effective date (actual, else
 * forecast, else planned), else on the earliest target date of those outcomes. The lists come from
 * the domain's own constants, and a property test (tests/integration/switch-off-sql.test.ts) holds
 * the SQL to the TypeScript rule.
 *
 * To change the rule: change the domain and this file, then `npx drizzle-kit generate --custom --name
 * switch_off_<what>` and paste what `npm run db:switch-off-sql` prints into the new migration.
 */
import { RUNNING_LIFECYCLES } from '../../domain/systems/system';
import {
	keptBySystemDefinitions,
	keptBySystemMigrationSql,
	SWITCH_OFF_MILESTONE_SQL,
	SWITCH_OFF_OUTCOME_LIST,
	type KeptBySystem
} from './kept-by-system-sql';

/** The view that works the switch-offs out from scratch (what costs:rebuild compares with). */
export const SWITCH_OFF_VIEW = 'system_switch_off_source';
/** The columns the triggers copy; the table's generated columns work out the year and the saving. */
export const SWITCH_OFF_COLUMNS =
	'system_id, organisation_id, switch_off_date, annual_run_cost_pence';

/** A current switch-off outcome of system `s` (repos/current-outcome.ts: is_current = 1). */
const currentSwitchOff = `o.system_id = s.id AND o.is_current = 1 AND o.outcome IN ${SWITCH_OFF_OUTCOME_LIST}`;
const running = RUNNING_LIFECYCLES.map((l) => `'${l}'`).join(', ');

export const SWITCH_OFF: KeptBySystem = {
	table: 'system_switch_off',
	view: SWITCH_OFF_VIEW,
	columns: SWITCH_OFF_COLUMNS,
	query: `SELECT ${SWITCH_OFF_COLUMNS}
FROM (
	SELECT s.id AS system_id, s.organisation_id AS organisation_id, COALESCE(s.annual_run_cost_pence, 0) AS annual_run_cost_pence,
		COALESCE(
			(SELECT MAX(COALESCE(m.actual_date, m.forecast_date, m.planned_date)) FROM milestone m
				WHERE m.organisation_id = s.organisation_id AND m.system_id = s.id AND m.kind = ${SWITCH_OFF_MILESTONE_SQL} AND m.archived_at IS NULL),
			(SELECT MIN(o.target_date) FROM review_outcome o
				WHERE ${currentSwitchOff})
		) AS switch_off_date
	FROM system s
	WHERE s.lifecycle IN (${running})
		AND EXISTS (SELECT 1 FROM review_outcome o WHERE ${currentSwitchOff})
)
WHERE switch_off_date IS NOT NULL`,
	// An outcome never moves to another system (nothing updates system_id): any update recomputes NEW's.
	outcomeColumns: null,
	systemColumns: ['lifecycle', 'annual_run_cost_pence', 'organisation_id']
};

/** Each statement that defines the view and the triggers, by name, as SQLite keeps them (no final ';'). */
export const switchOffDefinitions = () => keptBySystemDefinitions(SWITCH_OFF);

/** A migration's body that replaces the view and triggers and rebuilds the kept rows. */
export const switchOffMigrationSql = () => keptBySystemMigrationSql(SWITCH_OFF);
