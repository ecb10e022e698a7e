/**
 * An import's staged changes (tables import_stage_*): written a slice at a time while the import is
 * planned, outside the write lock, then copied into the real tables by the commit's one write
 * transaction (./import-stage-copy.ts for systems, ./import-stage-cost-lines.ts for cost lines), so
 * the write lock is held only for the copying. Here: the staging tables' columns, a run's rows
 * staged and deleted, and the 'nothing it relied on changed since' check.
 */
import type { InValue } from '@libsql/client';
import type { Executor } from '../db';
import { execute, insertRows, letOthersRun } from '../db/bulk';
import type { SystemInput } from '$lib/domain/systems';

/** SystemInput keys and their columns, in one order for every statement (the staging table uses the same names). */
export const SYSTEM_COLUMNS: readonly [keyof SystemInput, string][] = [
	['name', 'name'],
	['description', 'description'],
	['supplier', 'supplier'],
	['product', 'product'],
	['hosting', 'hosting'],
	['businessOwner', 'business_owner'],
	['technicalOwner', 'technical_owner'],
	['contactName', 'contact_name'],
	['contactEmail', 'contact_email'],
	['contactPhone', 'contact_phone'],
	['userCount', 'user_count'],
	['annualRunCostPence', 'annual_run_cost_pence'],
	['contractStart', 'contract_start'],
	['contractEnd', 'contract_end'],
	['contractNotice', 'contract_notice'],
	['criticality', 'criticality'],
	['statutoryDuties', 'statutory_duties'],
	['personalData', 'personal_data'],
	['lifecycle', 'lifecycle'],
	['directorateId', 'directorate_id'],
	['serviceAreaId', 'service_area_id'],
	['externalRef', 'external_ref']
];
export const FIELD_COLUMNS = SYSTEM_COLUMNS.map(([, c]) => c);

/**
 * The fields an update changes, as bits in SYSTEM_COLUMNS order: staged in `updates_fields` (0 when
 * an update changes no field), so the copy sets only those columns and SQLite maintains only the
 * indexes and triggers on them (the system table has twenty indexes).
 */
export function changedFieldsMask(changed: readonly (keyof SystemInput)[]): number {
	let mask = 0;
	for (const key of changed) {
		const bit = SYSTEM_COLUMNS.findIndex(([k]) => k === key);
		if (bit < 0) throw new Error(`not a system column: ${key}`);
		mask |= 1 << bit;
	}
	return mask;
}

/** The columns a mask names; the directorate's name goes with its id, as a save through the form writes it. */
export function maskedColumns(mask: number): string[] {
	const columns = FIELD_COLUMNS.filter((_, bit) => (mask & (1 << bit)) !== 0);
	return columns.includes('directorate_id') ? [...columns, 'directorate_name'] : columns;
}

export const CHANGE_COLUMNS = [
	'run_id',
	'seq',
	'system_id',
	'version',
	'new_no',
	'updates_fields',
	'moves_directorate',
	...FIELD_COLUMNS,
	'directorate_name',
	'review_no',
	'reviewed_on',
	'reviewer',
	'review_status',
	'outcome_count',
	'outcome_flags'
] as const;
export const LINK_COLUMNS = ['run_id', 'seq', 'workstream_id', 'note'] as const;
export const OUTCOME_COLUMNS = [
	'run_id',
	'seq',
	'outcome',
	'rationale',
	'status',
	'target_date',
	'workstream_id'
] as const;
export const AUDIT_COLUMNS = ['run_id', 'seq', 'n', 'action', 'before', 'after'] as const;

export const WATCH_COLUMNS = ['run_id', 'entity', 'entity_id'] as const;
/** A staged cost line's columns (copied by ./import-stage-cost-lines). */
export const COST_LINE_COLUMNS = [
	'run_id',
	'seq',
	'line_id',
	'version',
	'new_no',
	'system_id',
	'outcome',
	'workstream_id',
	'directorate_id',
	'financial_year',
	'spend_type',
	'category',
	'amount_pence',
	'confidence',
	'funding_source_id',
	'description'
] as const;

/** One slice of staged rows, each in its table's column order (the cost lines' in ./import-stage-cost-lines). */
export interface StagedRows {
	changes?: InValue[][];
	links?: InValue[][];
	outcomes?: InValue[][];
	audits?: InValue[][];
	/** What the plan relied on: [run, entity, id as text], as the audit trail names it. */
	watches?: InValue[][];
	costLines?: InValue[][];
}

/** Every staging table but the run's own, each with its rows' columns. */
const STAGE_TABLES: [keyof StagedRows, string, readonly string[]][] = [
	['changes', 'import_stage_change', CHANGE_COLUMNS],
	['links', 'import_stage_link', LINK_COLUMNS],
	['outcomes', 'import_stage_outcome', OUTCOME_COLUMNS],
	['audits', 'import_stage_audit', AUDIT_COLUMNS],
	['watches', 'import_stage_watch', WATCH_COLUMNS],
	['costLines', 'import_stage_cost_line', COST_LINE_COLUMNS]
];

export async function startRun(
	ex: Executor,
	organisationId: number,
	uploadId: number
): Promise<number> {
	const result = await execute(
		ex,
		'INSERT INTO import_stage_run (organisation_id, upload_id) VALUES (?, ?)',
		[organisationId, uploadId]
	);
	return Number(result.lastInsertRowid);
}

/**
 * Staged rows per INSERT: a slice's 600 changes in one statement of 22,000 values held the event
 * loop for a tenth of a second and more (SQLite compiles code for every row of a VALUES list);
 * statements of 100 rows take a few milliseconds each, others run between them, and in all they
 * took no longer here.
 */
const STAGE_ROWS_PER_STATEMENT = 100;

export async function stageRows(ex: Executor, rows: StagedRows): Promise<void> {
	for (const [key, table, columns] of STAGE_TABLES) {
		const all = rows[key] ?? [];
		// A watch is staged once however many changes rely on it.
		for (let at = 0; at < all.length; at += STAGE_ROWS_PER_STATEMENT) {
			await insertRows(
				ex,
				table,
				columns,
				all.slice(at, at + STAGE_ROWS_PER_STATEMENT),
				key === 'watches' ? 'ON CONFLICT DO NOTHING' : ''
			);
		}
	}
}

/** Runs started before `before` (ISO): left by a process that stopped mid-import. */
export async function runsStartedBefore(ex: Executor, before: string): Promise<number[]> {
	const result = await execute(ex, 'SELECT id FROM import_stage_run WHERE created_at < ?', [
		before
	]);
	return result.rows.map((r) => Number(r.id));
}

/** Deletes up to `limit` staged rows of a run, a table at a time, then the run; returns whether any were left to delete. */
export async function deleteRunPart(ex: Executor, runId: number, limit: number): Promise<boolean> {
	for (const [, table] of STAGE_TABLES) {
		const result = await execute(
			ex,
			`DELETE FROM ${table} WHERE rowid IN (SELECT rowid FROM ${table} WHERE run_id = ? LIMIT ?)`,
			[runId, limit]
		);
		if (result.rowsAffected > 0) return true;
	}
	await execute(ex, 'DELETE FROM import_stage_run WHERE id = ?', [runId]);
	return false;
}

/** The newest audit row's id: anything audited later was written after this was read. */
export async function auditWatermark(ex: Executor): Promise<number> {
	const result = await execute(ex, 'SELECT coalesce(max(id), 0) AS id FROM audit_event');
	return Number(result.rows[0]!.id);
}

/**
 * Whether anything the run's plan relied on (its watches) was changed after the audit row
 * `watermark`: a system edited, archived, reviewed, linked or unlinked, a cost line saved or
 * archived, a funding source changed, or (for 'system_cost_lines' and 'workstream_cost_lines') any
 * line of that system or workstream added or changed. Every such change writes its audit row in
 * its own transaction, so this reads only the rows written since (a range of the primary key), not
 * the records. A review or link keeps a system's version, so versions alone cannot tell. Views of
 * named contacts and the outage figures change nothing an import writes.
 */
export async function changedSince(
	ex: Executor,
	organisationId: number,
	runId: number,
	watermark: number
): Promise<boolean> {
	const newest = Number(
		(await execute(ex, 'SELECT coalesce(max(id), 0) AS id FROM audit_event')).rows[0]!.id
	);
	if (!Number.isSafeInteger(runId)) throw new Error(`not a run id: ${runId}`);
	const watched = (entity: string, id: string) =>
		`EXISTS (SELECT 1 FROM import_stage_watch w WHERE w.run_id = ${runId} AND w.entity = ${entity} AND w.entity_id = ${id})`;
	// Each newer row is looked up by its id, 10,000 at a time: given 'id > ?', SQLite's planner,
	// misled by statistics gathered while the table was small, scans the whole audit trail instead.
	for (let from = watermark + 1; from <= newest; from += 10_000) {
		const result = await execute(
			ex,
			`WITH RECURSIVE newer(id) AS (SELECT CAST(? AS INTEGER) UNION ALL SELECT id + 1 FROM newer WHERE id < ?)
			SELECT 1 FROM newer WHERE EXISTS (SELECT 1 FROM audit_event a WHERE a.id = newer.id AND a.organisation_id = ? AND a.action NOT IN ('contact-viewed', 'set-outage') AND (
				${watched('a.entity', 'a.entity_id')}
				OR (a.entity = 'cost_line' AND EXISTS (SELECT 1 FROM cost_line l WHERE l.id = CAST(a.entity_id AS INTEGER) AND (
					${watched("'system_cost_lines'", 'CAST(l.system_id AS TEXT)')} OR (l.system_id IS NULL AND ${watched("'workstream_cost_lines'", 'CAST(l.workstream_id AS TEXT)')})
				)))
			)) LIMIT 1`,
			[from, Math.min(newest, from + 9_999), organisationId]
		);
		if (result.rows.length > 0) return true;
		await letOthersRun();
	}
	return false;
}

/** The id the next row of `table` will take (AUTOINCREMENT: above any ever used). */
export async function nextId(
	ex: Executor,
	table: 'system' | 'review' | 'cost_line'
): Promise<number> {
	const result = await execute(
		ex,
		`SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = ?), 0), coalesce((SELECT max(id) FROM ${table}), 0)) + 1 AS id`,
		[table]
	);
	return Number(result.rows[0]!.id);
}

/** Who writes the audit rows, as recordAudit records them. */
export interface AuditAuthor {
	userId: number | null;
	actor: string;
	at: string;
	requestId: string;
	ip: string;
	detail: string;
}
