/**
 * The one definition of how the database keeps `continuity_outcome`: a view that works the rows out
 * from scratch, and triggers that copy it, system by system, within the statement that changes a
 * system, an outcome or a decommission milestone (as db/switch-off-sql.ts keeps `system_switch_off`,
 * and for the same reason: the bulk import writes in SQL no service sees). The rules are the
 * continuity guard's (domain/systems/continuity.ts, services/rollups.ts continuityBreachesOf):
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
import { SWITCH_OFF_MILESTONE, SWITCH_OFF_OUTCOMES } from '../../domain/milestones/milestone';

export const CONTINUITY_VIEW = 'continuity_outcome_source';
export const CONTINUITY_COLUMNS =
	'outcome_id, organisation_id, system_id, system_name, outcome, switch_off_date, replacing_workstream_id';

const outcomes = `(${SWITCH_OFF_OUTCOMES.map((o) => `'${o}'`).join(', ')})`;
const milestone = `'${SWITCH_OFF_MILESTONE}'`;
/** JavaScript's String.trim() white space, as far as statutory duties typed in a form can hold it. */
const BLANKS = `' ' || char(9, 10, 11, 12, 13, 160)`;

const view = `CREATE VIEW \`${CONTINUITY_VIEW}\` AS
SELECT o.id AS outcome_id, o.organisation_id AS organisation_id, s.id AS system_id, s.name AS system_name, o.outcome AS outcome,
	COALESCE(
		(SELECT MAX(COALESCE(m.actual_date, m.forecast_date, m.planned_date)) FROM milestone m
			WHERE m.organisation_id = s.organisation_id AND m.system_id = s.id AND m.kind = ${milestone} AND m.archived_at IS NULL),
		(SELECT MIN(t.target_date) FROM review_outcome t
			WHERE t.system_id = s.id AND t.organisation_id = o.organisation_id AND t.is_current = 1 AND t.outcome IN ${outcomes})
	) AS switch_off_date,
	COALESCE(o.workstream_id,
		(SELECT r.workstream_id FROM review_outcome r
			WHERE r.system_id = s.id AND r.organisation_id = o.organisation_id AND r.is_current = 1 AND r.outcome = 'replace' AND r.workstream_id IS NOT NULL
			ORDER BY r.id LIMIT 1)
	) AS replacing_workstream_id
FROM review_outcome o JOIN system s ON s.id = o.system_id
WHERE o.is_current = 1 AND o.outcome IN ${outcomes} AND s.lifecycle <> 'archived' AND trim(s.statutory_duties, ${BLANKS}) <> ''`;

const recompute = (systemId: string) =>
	`	DELETE FROM continuity_outcome WHERE system_id = ${systemId};
	INSERT INTO continuity_outcome (${CONTINUITY_COLUMNS})
		SELECT ${CONTINUITY_COLUMNS} FROM ${CONTINUITY_VIEW} WHERE system_id = ${systemId};`;

const isMilestone = (row: 'OLD' | 'NEW') =>
	`${row}.kind = ${milestone} AND ${row}.system_id IS NOT NULL`;
const OUTCOME_COLUMNS = [
	'is_current',
	'outcome',
	'system_id',
	'organisation_id',
	'target_date',
	'workstream_id'
];
const SYSTEM_COLUMNS = ['name', 'statutory_duties', 'lifecycle', 'organisation_id'];
const changed = (columns: string[]) => columns.map((c) => `NEW.${c} IS NOT OLD.${c}`).join(' OR ');

const TRIGGERS: { name: string; event: string; when?: string; body: string }[] = [
	{
		name: 'outcome_insert',
		event: 'AFTER INSERT ON review_outcome',
		when: `NEW.outcome IN ${outcomes}`,
		body: recompute('NEW.system_id')
	},
	{
		name: 'outcome_update',
		event: `AFTER UPDATE OF ${OUTCOME_COLUMNS.join(', ')} ON review_outcome`,
		when: `(OLD.outcome IN ${outcomes} OR NEW.outcome IN ${outcomes}) AND (${changed(OUTCOME_COLUMNS)})`,
		body: `${recompute('OLD.system_id')}\n${recompute('NEW.system_id')}`
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
		event: `AFTER UPDATE OF ${SYSTEM_COLUMNS.join(', ')} ON system`,
		when: changed(SYSTEM_COLUMNS),
		body: recompute('NEW.id')
	},
	{
		name: 'system_delete',
		event: 'AFTER DELETE ON system',
		body: '\tDELETE FROM continuity_outcome WHERE system_id = OLD.id;'
	}
];

/** The view and each trigger by name, as SQLite keeps them (no final ';'). */
export function continuityDefinitions(): {
	name: string;
	type: 'view' | 'trigger';
	sql: string;
}[] {
	return [
		{ name: CONTINUITY_VIEW, type: 'view', sql: view },
		...TRIGGERS.map((t) => {
			const name = `continuity_outcome_${t.name}`;
			return {
				name,
				type: 'trigger' as const,
				sql: `CREATE TRIGGER ${name} ${t.event}\n${t.when ? `WHEN ${t.when}\n` : ''}BEGIN\n${t.body}\nEND`
			};
		})
	];
}

/** A migration's body that replaces the view and triggers and rebuilds the kept rows. */
export function continuityMigrationSql(): string {
	const definitions = continuityDefinitions();
	return [
		...definitions.map((d) => `DROP ${d.type.toUpperCase()} IF EXISTS \`${d.name}\`;`),
		...definitions.map((d) => `${d.sql};`),
		'DELETE FROM continuity_outcome;',
		`INSERT INTO continuity_outcome (${CONTINUITY_COLUMNS})\n\tSELECT ${CONTINUITY_COLUMNS} FROM ${CONTINUITY_VIEW};`
	].join('\n--> statement-breakpoint\n');
}
