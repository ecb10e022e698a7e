/**
 * The one definition of how the database keeps `system_switch_off`: a view that works every switch-off
 * out from scratch, and the triggers that copy it, system by system, within the statement that changes a
 * system, an outcome or a decommission milestone. The rule is the domain's (`switchOffDates` in
 * domain/milestone.ts): a running system with a current decommission or replace outcome stops on its
 * latest decommission milestone's effective date (actual, else forecast, else planned), else on the
 * earliest target date of those outcomes. The lists come from the domain's own constants.
 *
 * Why triggers here when `cost_total` is kept by services: the systems import writes systems, reviews
 * and outcomes in bulk SQL (repos/import-stage.ts) that no service sees, and a trigger cannot be
 * forgotten by the next bulk path. The migrated database must hold exactly this text
 * (tests/integration/switch-off-sql.test.ts), and a property test holds the SQL to the TypeScript rule.
 * To change the rule: change the domain and this file, then `npx drizzle-kit generate --custom --name
 * switch_off_<what>` and paste what `npm run db:switch-off-sql` prints into the new migration.
 */
import { RUNNING_LIFECYCLES } from '../../domain/systems/system';
import { SWITCH_OFF_MILESTONE, SWITCH_OFF_OUTCOMES } from '../../domain/milestones/milestone';

/** The view that works the switch-offs out from scratch (what costs:rebuild compares with). */
export const SWITCH_OFF_VIEW = 'system_switch_off_source';
/** The columns the triggers copy; the table's generated columns work out the year and the saving. */
export const SWITCH_OFF_COLUMNS =
	'system_id, organisation_id, switch_off_date, annual_run_cost_pence';

const words = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
const outcomes = `(${words(SWITCH_OFF_OUTCOMES)})`;
const milestone = `'${SWITCH_OFF_MILESTONE}'`;
/** A current switch-off outcome of system `s` (repos/current-outcome.ts: is_current = 1). */
const currentSwitchOff = `o.system_id = s.id AND o.is_current = 1 AND o.outcome IN ${outcomes}`;

const view = `CREATE VIEW \`${SWITCH_OFF_VIEW}\` AS
SELECT ${SWITCH_OFF_COLUMNS}
FROM (
	SELECT s.id AS system_id, s.organisation_id AS organisation_id, COALESCE(s.annual_run_cost_pence, 0) AS annual_run_cost_pence,
		COALESCE(
			(SELECT MAX(COALESCE(m.actual_date, m.forecast_date, m.planned_date)) FROM milestone m
				WHERE m.organisation_id = s.organisation_id AND m.system_id = s.id AND m.kind = ${milestone} AND m.archived_at IS NULL),
			(SELECT MIN(o.target_date) FROM review_outcome o
				WHERE ${currentSwitchOff})
		) AS switch_off_date
	FROM system s
	WHERE s.lifecycle IN (${words(RUNNING_LIFECYCLES)})
		AND EXISTS (SELECT 1 FROM review_outcome o WHERE ${currentSwitchOff})
)
WHERE switch_off_date IS NOT NULL`;

/** Replaces one system's kept row with the view's. */
const recompute = (
	systemId: string
) => `	DELETE FROM system_switch_off WHERE system_id = ${systemId};
	INSERT INTO system_switch_off (${SWITCH_OFF_COLUMNS})
		SELECT ${SWITCH_OFF_COLUMNS} FROM ${SWITCH_OFF_VIEW} WHERE system_id = ${systemId};`;

interface Trigger {
	name: string;
	/** AFTER ... ON table */
	event: string;
	when?: string;
	body: string;
}

const isMilestone = (row: 'OLD' | 'NEW') =>
	`${row}.kind = ${milestone} AND ${row}.system_id IS NOT NULL`;

// An outcome never moves to another system (nothing updates system_id), so its update recomputes NEW's.
const TRIGGERS: Trigger[] = [
	{
		name: 'outcome_insert',
		event: 'AFTER INSERT ON review_outcome',
		when: `NEW.outcome IN ${outcomes}`,
		body: recompute('NEW.system_id')
	},
	{
		name: 'outcome_update',
		event: 'AFTER UPDATE ON review_outcome',
		when: `OLD.outcome IN ${outcomes} OR NEW.outcome IN ${outcomes}`,
		body: recompute('NEW.system_id')
	},
	{
		name: 'outcome_delete',
		event: 'AFTER DELETE ON review_outcome',
		when: `OLD.outcome IN ${outcomes}`,
		body: recompute('OLD.system_id')
	},
	{
		name: 'milestone_insert',
		event: 'AFTER INSERT ON milestone',
		when: isMilestone('NEW'),
		body: recompute('NEW.system_id')
	},
	{
		name: 'milestone_update',
		event: 'AFTER UPDATE ON milestone',
		when: `(${isMilestone('OLD')}) OR (${isMilestone('NEW')})`,
		body: `${recompute('OLD.system_id')}\n${recompute('NEW.system_id')}`
	},
	{
		name: 'milestone_delete',
		event: 'AFTER DELETE ON milestone',
		when: isMilestone('OLD'),
		body: recompute('OLD.system_id')
	},
	{
		name: 'system_update',
		event: 'AFTER UPDATE OF lifecycle, annual_run_cost_pence, organisation_id ON system',
		when: 'NEW.lifecycle IS NOT OLD.lifecycle OR NEW.annual_run_cost_pence IS NOT OLD.annual_run_cost_pence OR NEW.organisation_id IS NOT OLD.organisation_id',
		body: recompute('NEW.id')
	},
	{
		name: 'system_delete',
		event: 'AFTER DELETE ON system',
		body: '\tDELETE FROM system_switch_off WHERE system_id = OLD.id;'
	}
];

/** Each statement that defines the view and the triggers, by name, as SQLite keeps them (no final ';'). */
export function switchOffDefinitions(): { name: string; type: 'view' | 'trigger'; sql: string }[] {
	return [
		{ name: SWITCH_OFF_VIEW, type: 'view', sql: view },
		...TRIGGERS.map((t) => {
			const name = `system_switch_off_${t.name}`;
			return {
				name,
				type: 'trigger' as const,
				sql: `CREATE TRIGGER ${name} ${t.event}\n${t.when ? `WHEN ${t.when}\n` : ''}BEGIN\n${t.body}\nEND`
			};
		})
	];
}

/**
 * A migration's body that replaces the view and triggers with this definition and rebuilds the kept
 * rows, in drizzle-kit's statement format.
 */
export function switchOffMigrationSql(): string {
	const definitions = switchOffDefinitions();
	const drops = definitions.map((d) => `DROP ${d.type.toUpperCase()} IF EXISTS \`${d.name}\`;`);
	const rebuild = [
		`DELETE FROM system_switch_off;`,
		`INSERT INTO system_switch_off (${SWITCH_OFF_COLUMNS})\n\tSELECT ${SWITCH_OFF_COLUMNS} FROM ${SWITCH_OFF_VIEW};`
	];
	return [...drops, ...definitions.map((d) => `${d.sql};`), ...rebuild].join(
		'\n--> statement-breakpoint\n'
	);
}
