/**
 * The one definition of how the database keeps `review_count` and `workstream_review_count`, the
 * dashboard's pre-aggregated review figures: triggers that add each changed row's contribution and
 * take away its old one, within the statement that changes a system, a current outcome or a
 * workstream link, and the queries that work every figure out from scratch (for the rebuild and its
 * check). Triggers rather than services, as for `system_switch_off`: the systems import writes
 * systems, outcomes and links in bulk SQL (repos/import-stage.ts) that no service sees.
 *
 * A system counts while it is not archived. Its contribution is one system, reviewed when its
 * review status is not 'not_reviewed', multiple when it has more than one current outcome, and one
 * per current outcome of each kind (repos/current-outcome.ts: is_current = 1); to a workstream, the
 * same for every system linked to it. Each trigger reads the database as it is after its row's
 * change, so the kept figures equal the from-scratch ones after every row of every statement.
 *
 * To change it: change this file, then `npx drizzle-kit generate --custom --name review_count_<what>`
 * and paste what `npm run db:review-count-sql` prints into the new migration.
 */
import { OUTCOMES } from '../../domain/systems/review';

export const REVIEW_COUNT_TABLES = ['review_count', 'workstream_review_count'] as const;
/** The kept figures, in the tables' column order after their keys. */
export const COUNT_COLUMNS = ['systems', 'reviewed', 'multiple', ...OUTCOMES] as const;

const LIVE = (s: string) => `${s}.lifecycle <> 'archived'`;
const set = COUNT_COLUMNS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ');
const upsert = (table: string, keys: string, select: string) =>
	`\tINSERT INTO ${table} (${keys}, ${COUNT_COLUMNS.join(', ')})\n\t\t${select}\n\t\tON CONFLICT (${keys}) DO UPDATE SET ${set};`;
const GROUP_KEYS = 'organisation_id, directorate_key, service_area_key';
const WORKSTREAM_KEYS = 'organisation_id, workstream_id';

/** A system's current outcomes counted by kind, as a one-row subquery `oc` (zeros when it has none). */
const outcomesOf = (systemId: string, organisationId?: string) =>
	`(SELECT ${OUTCOMES.map((o) => `coalesce(sum(o.outcome = '${o}'), 0) AS ${o}`).join(', ')} FROM review_outcome o WHERE o.system_id = ${systemId} AND o.is_current = 1${organisationId ? ` AND o.organisation_id = ${organisationId}` : ''}) oc`;

/** System `r`'s (OLD or NEW) whole contribution, times `sign`, to its group and to each workstream it is linked to. */
function systemDelta(r: 'OLD' | 'NEW', sign: 1 | -1): string {
	const x = (v: string) => (sign === 1 ? v : `-(${v})`);
	const figures = [
		x('1'),
		x(`${r}.review_status <> 'not_reviewed'`),
		x(`${r}.outcome_count > 1`),
		...OUTCOMES.map((o) => x(`oc.${o}`))
	].join(', ');
	return [
		upsert(
			'review_count',
			GROUP_KEYS,
			`SELECT ${r}.organisation_id, coalesce(${r}.directorate_id, 0), coalesce(${r}.service_area_id, 0), ${figures}\n\t\tFROM ${outcomesOf(`${r}.id`, `${r}.organisation_id`)} WHERE ${LIVE(r)}`
		),
		upsert(
			'workstream_review_count',
			WORKSTREAM_KEYS,
			`SELECT l.organisation_id, l.workstream_id, ${figures}\n\t\tFROM system_workstream l, ${outcomesOf(`${r}.id`)} WHERE l.system_id = ${r}.id AND ${LIVE(r)}`
		)
	].join('\n');
}

/** Outcome `r`'s contribution, times `sign`, to its live system's group and workstreams (none unless current). */
function outcomeDelta(r: 'OLD' | 'NEW', sign: 1 | -1): string {
	const figures = [
		'0, 0, 0',
		...OUTCOMES.map((o) => `${sign === 1 ? '' : '-'}(${r}.outcome = '${o}')`)
	].join(', ');
	const current = `${r}.is_current = 1`;
	return [
		upsert(
			'review_count',
			GROUP_KEYS,
			`SELECT s.organisation_id, coalesce(s.directorate_id, 0), coalesce(s.service_area_id, 0), ${figures}\n\t\tFROM system s WHERE s.id = ${r}.system_id AND s.organisation_id = ${r}.organisation_id AND ${LIVE('s')} AND ${current}`
		),
		upsert(
			'workstream_review_count',
			WORKSTREAM_KEYS,
			`SELECT l.organisation_id, l.workstream_id, ${figures}\n\t\tFROM system_workstream l JOIN system s ON s.id = l.system_id WHERE l.system_id = ${r}.system_id AND ${LIVE('s')} AND ${current}`
		)
	].join('\n');
}

/** Link `r`'s contribution, times `sign`: its live system's whole contribution to its workstream. */
function linkDelta(r: 'OLD' | 'NEW', sign: 1 | -1): string {
	const x = (v: string) => (sign === 1 ? v : `-(${v})`);
	const figures = [
		x('1'),
		x(`s.review_status <> 'not_reviewed'`),
		x('s.outcome_count > 1'),
		...OUTCOMES.map((o) => x(`oc.${o}`))
	].join(', ');
	return upsert(
		'workstream_review_count',
		WORKSTREAM_KEYS,
		`SELECT ${r}.organisation_id, ${r}.workstream_id, ${figures}\n\t\tFROM system s, ${outcomesOf(`${r}.system_id`)} WHERE s.id = ${r}.system_id AND ${LIVE('s')}`
	);
}

interface Trigger {
	name: string;
	event: string;
	when?: string;
	body: string;
}

const SYSTEM_COLUMNS = [
	'lifecycle',
	'directorate_id',
	'service_area_id',
	'review_status',
	'outcome_count',
	'organisation_id'
];
const OUTCOME_COLUMNS = ['is_current', 'outcome', 'system_id', 'organisation_id'];
const LINK_COLUMNS = ['organisation_id', 'system_id', 'workstream_id'];
const changed = (columns: string[]) => columns.map((c) => `NEW.${c} IS NOT OLD.${c}`).join(' OR ');

const TRIGGERS: Trigger[] = [
	{ name: 'system_insert', event: 'AFTER INSERT ON system', body: systemDelta('NEW', 1) },
	{
		name: 'system_update',
		event: `AFTER UPDATE OF ${SYSTEM_COLUMNS.join(', ')} ON system`,
		when: changed(SYSTEM_COLUMNS),
		body: `${systemDelta('OLD', -1)}\n${systemDelta('NEW', 1)}`
	},
	{ name: 'system_delete', event: 'AFTER DELETE ON system', body: systemDelta('OLD', -1) },
	{
		name: 'outcome_insert',
		event: 'AFTER INSERT ON review_outcome',
		when: 'NEW.is_current = 1',
		body: outcomeDelta('NEW', 1)
	},
	{
		name: 'outcome_update',
		event: `AFTER UPDATE OF ${OUTCOME_COLUMNS.join(', ')} ON review_outcome`,
		when: `(OLD.is_current = 1 OR NEW.is_current = 1) AND (${changed(OUTCOME_COLUMNS)})`,
		body: `${outcomeDelta('OLD', -1)}\n${outcomeDelta('NEW', 1)}`
	},
	{
		name: 'outcome_delete',
		event: 'AFTER DELETE ON review_outcome',
		when: 'OLD.is_current = 1',
		body: outcomeDelta('OLD', -1)
	},
	{ name: 'link_insert', event: 'AFTER INSERT ON system_workstream', body: linkDelta('NEW', 1) },
	{
		name: 'link_update',
		event: `AFTER UPDATE OF ${LINK_COLUMNS.join(', ')} ON system_workstream`,
		when: changed(LINK_COLUMNS),
		body: `${linkDelta('OLD', -1)}\n${linkDelta('NEW', 1)}`
	},
	{ name: 'link_delete', event: 'AFTER DELETE ON system_workstream', body: linkDelta('OLD', -1) }
];

/** How many current outcomes of kind `o` system `s` has: one index search (review_outcome_system_idx). */
const countOf = (o: string, s: string, organisationId?: string) =>
	`(SELECT count(*) FROM review_outcome o WHERE o.system_id = ${s}.id AND o.is_current = 1 AND o.outcome = '${o}'${organisationId ? ` AND o.organisation_id = ${organisationId}` : ''})`;

/** The view that works each table's rows out from scratch (a `WHERE organisation_id = ?` on it reaches its GROUP BY). */
export const sourceView = (table: (typeof REVIEW_COUNT_TABLES)[number]) => `${table}_source`;

const base = `count(*) AS systems, sum(s.review_status <> 'not_reviewed') AS reviewed, sum(s.outcome_count > 1) AS multiple`;
/**
 * Every figure worked out from scratch, keyed as the tables are: the same predicates as the
 * triggers, as set-based queries. The rebuild copies these rows; its check compares them.
 */
const VIEWS = {
	review_count: `SELECT s.organisation_id AS organisation_id, coalesce(s.directorate_id, 0) AS directorate_key, coalesce(s.service_area_id, 0) AS service_area_key,
	${base},
	${OUTCOMES.map((o) => `sum(${countOf(o, 's', 's.organisation_id')}) AS ${o}`).join(',\n\t')}
FROM system s
WHERE ${LIVE('s')}
GROUP BY 1, 2, 3`,
	workstream_review_count: `SELECT l.organisation_id AS organisation_id, l.workstream_id AS workstream_id,
	${base},
	${OUTCOMES.map((o) => `sum(${countOf(o, 's')}) AS ${o}`).join(',\n\t')}
FROM system_workstream l JOIN system s ON s.id = l.system_id
WHERE ${LIVE('s')}
GROUP BY 1, 2`
};

/** Each view and trigger by name, as SQLite keeps its text (no final ';'). */
export function reviewCountDefinitions(): {
	name: string;
	type: 'view' | 'trigger';
	sql: string;
}[] {
	return [
		...REVIEW_COUNT_TABLES.map((t) => ({
			name: sourceView(t),
			type: 'view' as const,
			sql: `CREATE VIEW \`${sourceView(t)}\` AS\n${VIEWS[t]}`
		})),
		...TRIGGERS.map((t) => {
			const name = `review_count_${t.name}`;
			return {
				name,
				type: 'trigger' as const,
				sql: `CREATE TRIGGER ${name} ${t.event}\n${t.when ? `WHEN ${t.when}\n` : ''}BEGIN\n${t.body}\nEND`
			};
		})
	];
}

/**
 * A migration's body that replaces the views and triggers with this definition and rebuilds the kept
 * rows for every organisation, in drizzle-kit's statement format.
 */
export function reviewCountMigrationSql(): string {
	const definitions = reviewCountDefinitions();
	return [
		...definitions.map((d) => `DROP ${d.type.toUpperCase()} IF EXISTS \`${d.name}\`;`),
		...definitions.map((d) => `${d.sql};`),
		...REVIEW_COUNT_TABLES.flatMap((t) => [
			`DELETE FROM ${t};`,
			`INSERT INTO ${t} SELECT * FROM ${sourceView(t)};`
		])
	].join('\n--> statement-breakpoint\n');
}
