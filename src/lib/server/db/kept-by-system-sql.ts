/**
 * One generator for a table the database keeps system by system from a view: `system_switch_off`
 * (db/switch-off-sql.ts) and `continuity_outcome` (db/continuity-sql.ts). Both follow the switch-off
 * rule, so both move when a system, a switch-off outcome or a decommission milestone changes: eight
 * triggers replace the changed system's rows with the view's, within the statement that makes the
 * change. Triggers rather than services because the systems import writes systems, reviews and
 * outcomes in bulk SQL (repos/import-stage.ts) that no service sees, and a trigger cannot be forgotten
 * by the next bulk path. A definition says only what differs: the view's query and the columns whose
 * change moves its rows.
 *
 * The text generated is what the migrations hold, byte for byte (kept-by-system-sql.spec.ts), and what
 * SQLite keeps (the integration tests compare sqlite_master with it).
 */
import { SWITCH_OFF_MILESTONE, SWITCH_OFF_OUTCOMES } from '../../domain/milestones/milestone';

export interface KeptBySystem {
	/** The kept table: rows keyed by `system_id`. */
	table: string;
	/** The view that works the rows out from scratch, and its query (the text after `AS`). */
	view: string;
	query: string;
	/** The columns the triggers copy from the view into the table. */
	columns: string;
	/**
	 * An update of a switch-off outcome moves the rows when one of these columns changes; null: any
	 * update does, and only the outcome's system is recomputed (nothing moves an outcome to another).
	 */
	outcomeColumns: readonly string[] | null;
	/** The system's columns the view reads. */
	systemColumns: readonly string[];
}

export interface SqlDefinition {
	name: string;
	type: 'view' | 'trigger';
	/** As SQLite keeps it: no final ';'. */
	sql: string;
}

/** The switch-off outcomes as an SQL list: `('decommission', 'replace')`. */
export const SWITCH_OFF_OUTCOME_LIST = `(${SWITCH_OFF_OUTCOMES.map((o) => `'${o}'`).join(', ')})`;
/** The milestone kind that sets the switch-off date, as an SQL string. */
export const SWITCH_OFF_MILESTONE_SQL = `'${SWITCH_OFF_MILESTONE}'`;

const changed = (columns: readonly string[]) =>
	columns.map((c) => `NEW.${c} IS NOT OLD.${c}`).join(' OR ');
const isMilestone = (row: 'OLD' | 'NEW') =>
	`${row}.kind = ${SWITCH_OFF_MILESTONE_SQL} AND ${row}.system_id IS NOT NULL`;

/** The view, then each trigger by name (`<table>_<event>`). */
export function keptBySystemDefinitions(kept: KeptBySystem): SqlDefinition[] {
	const { table, view, columns, outcomeColumns, systemColumns } = kept;
	const outcomes = SWITCH_OFF_OUTCOME_LIST;
	const recompute = (systemId: string) =>
		`	DELETE FROM ${table} WHERE system_id = ${systemId};
	INSERT INTO ${table} (${columns})
		SELECT ${columns} FROM ${view} WHERE system_id = ${systemId};`;
	const both = `${recompute('OLD.system_id')}\n${recompute('NEW.system_id')}`;
	const switchOffOutcome = `OLD.outcome IN ${outcomes} OR NEW.outcome IN ${outcomes}`;
	const triggers: { name: string; event: string; when?: string; body: string }[] = [
		{
			name: 'outcome_insert',
			event: 'AFTER INSERT ON review_outcome',
			when: `NEW.outcome IN ${outcomes}`,
			body: recompute('NEW.system_id')
		},
		outcomeColumns
			? {
					name: 'outcome_update',
					event: `AFTER UPDATE OF ${outcomeColumns.join(', ')} ON review_outcome`,
					when: `(${switchOffOutcome}) AND (${changed(outcomeColumns)})`,
					body: both
				}
			: {
					name: 'outcome_update',
					event: 'AFTER UPDATE ON review_outcome',
					when: switchOffOutcome,
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
			body: both
		},
		{
			name: 'milestone_delete',
			event: 'AFTER DELETE ON milestone',
			when: isMilestone('OLD'),
			body: recompute('OLD.system_id')
		},
		{
			name: 'system_update',
			event: `AFTER UPDATE OF ${systemColumns.join(', ')} ON system`,
			when: changed(systemColumns),
			body: recompute('NEW.id')
		},
		{
			name: 'system_delete',
			event: 'AFTER DELETE ON system',
			body: `\tDELETE FROM ${table} WHERE system_id = OLD.id;`
		}
	];
	return [
		{ name: view, type: 'view', sql: `CREATE VIEW \`${view}\` AS\n${kept.query}` },
		...triggers.map((t) => {
			const name = `${table}_${t.name}`;
			return {
				name,
				type: 'trigger' as const,
				sql: `CREATE TRIGGER ${name} ${t.event}\n${t.when ? `WHEN ${t.when}\n` : ''}BEGIN\n${t.body}\nEND`
			};
		})
	];
}

/**
 * A migration's body that replaces the view and the triggers with the definition and rebuilds the
 * kept rows from the view, in drizzle-kit's statement format.
 */
export function keptBySystemMigrationSql(kept: KeptBySystem): string {
	const definitions = keptBySystemDefinitions(kept);
	return [
		...definitions.map((d) => `DROP ${d.type.toUpperCase()} IF EXISTS \`${d.name}\`;`),
		...definitions.map((d) => `${d.sql};`),
		`DELETE FROM ${kept.table};`,
		`INSERT INTO ${kept.table} (${kept.columns})\n\tSELECT ${kept.columns} FROM ${kept.view};`
	].join('\n--> statement-breakpoint\n');
}
