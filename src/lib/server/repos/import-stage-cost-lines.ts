/**
 * A cost-line import's staged lines (import_stage_cost_line, with their audit rows in
 * import_stage_audit and what the plan relied on in import_stage_watch; see ./import-stage), copied
 * into cost_line by the commit's one write transaction in statements that run inside SQLite, a range
 * at a time. The pre-aggregated totals (cost_total, cost_funding_total) are moved in the same
 * statements' transaction: each updated line's old contribution taken off, each written line's added.
 * An update's audit row is staged (its differences were worked out against the line read after
 * planning); a new line's is made from its staged values.
 */
import type { Executor } from '../db';
import { execute } from '../db/bulk';
import { NOW_UTC_SQL } from '../db/schema';
import type { AuditAuthor } from './import-stage';

/** What copying a run's staged lines needs: the run, the range of lines, and the id the first new line takes. */
export interface CostLineCopyRange {
	runId: number;
	organisationId: number;
	/** Lines with fromSeq <= seq < toSeq. */
	fromSeq: number;
	toSeq: number;
	/** The id the run's first new line takes (new_no 0). */
	firstLineId: number;
}

const IN_RANGE = (c: string) => `${c}.run_id = ? AND ${c}.seq >= ? AND ${c}.seq < ?`;
const range = (r: CostLineCopyRange) => [r.runId, r.fromSeq, r.toSeq];
/** A staged line's id: the updated one, or the id its new line takes. (A bound number is a REAL to @libsql/client: cast it.) */
const LINE_ID = (c: string) => `coalesce(${c}.line_id, CAST(? AS INTEGER) + ${c}.new_no)`;
const NOW = NOW_UTC_SQL;
const VALUE_COLUMNS = [
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
];

/**
 * Adds `sign` times the contribution of the range's lines as they are now to the kept totals, as
 * repos/cost-totals.ts applyLineChange does one line at a time ('none' is 0 or ''). `updatedOnly`:
 * only lines the range updates, and only while still live at the version planned (the others are
 * refused by copyCostLineUpdates, which abandons the whole import).
 */
async function addContribution(
	ex: Executor,
	r: CostLineCopyRange,
	sign: 1 | -1,
	updatedOnly: boolean
): Promise<void> {
	const lines = `FROM import_stage_cost_line s CROSS JOIN cost_line l ON l.id = ${LINE_ID('s')}
		WHERE ${IN_RANGE('s')} AND l.organisation_id = ? AND l.archived_at IS NULL ${updatedOnly ? 'AND s.line_id IS NOT NULL AND l.version = s.version' : ''}`;
	const args = [r.organisationId, r.firstLineId, ...range(r), r.organisationId];
	// (WHERE before ON CONFLICT keeps SQLite from reading the conflict clause as the join's.)
	await execute(
		ex,
		`INSERT INTO cost_total (organisation_id, workstream_key, directorate_key, outcome_key, financial_year, spend_type, confidence, amount_pence, line_count)
		SELECT ?, coalesce(l.workstream_id, 0), coalesce(l.directorate_id, 0), coalesce(l.outcome, ''), l.financial_year, l.spend_type, l.confidence, ${sign} * sum(l.amount_pence), ${sign} * count(*)
		${lines} GROUP BY 2, 3, 4, 5, 6, 7
		ON CONFLICT (organisation_id, workstream_key, directorate_key, outcome_key, financial_year, spend_type, confidence)
		DO UPDATE SET amount_pence = amount_pence + excluded.amount_pence, line_count = line_count + excluded.line_count`,
		args
	);
	await execute(
		ex,
		`INSERT INTO cost_funding_total (organisation_id, funding_source_key, financial_year, spend_type, amount_pence, line_count)
		SELECT ?, coalesce(l.funding_source_id, 0), l.financial_year, l.spend_type, ${sign} * sum(l.amount_pence), ${sign} * count(*)
		${lines} GROUP BY 2, 3, 4
		ON CONFLICT (organisation_id, funding_source_key, financial_year, spend_type)
		DO UPDATE SET amount_pence = amount_pence + excluded.amount_pence, line_count = line_count + excluded.line_count`,
		args
	);
}

/** Takes the lines the range updates off the kept totals, as they are before it writes them. */
export function subtractUpdatedLines(ex: Executor, r: CostLineCopyRange): Promise<void> {
	return addContribution(ex, r, -1, true);
}

/** Adds every line the range wrote (updated or new) to the kept totals. */
export function addWrittenLines(ex: Executor, r: CostLineCopyRange): Promise<void> {
	return addContribution(ex, r, 1, false);
}

/**
 * Saves the range's updates, each only if its line is live and still at the version planned;
 * returns how many were staged and how many saved (fewer: someone saved or archived one meanwhile).
 */
export async function copyCostLineUpdates(
	ex: Executor,
	r: CostLineCopyRange
): Promise<{ staged: number; saved: number }> {
	const staged = await execute(
		ex,
		`SELECT count(*) AS n FROM import_stage_cost_line s WHERE ${IN_RANGE('s')} AND s.line_id IS NOT NULL`,
		range(r)
	);
	const result = await execute(
		ex,
		`UPDATE cost_line SET ${VALUE_COLUMNS.map((c) => `${c} = s.${c}`).join(', ')}, version = cost_line.version + 1, updated_at = ${NOW}
		FROM import_stage_cost_line s WHERE ${IN_RANGE('s')} AND s.line_id IS NOT NULL
		AND cost_line.id = s.line_id AND cost_line.organisation_id = ? AND cost_line.version = s.version AND cost_line.archived_at IS NULL`,
		[...range(r), r.organisationId]
	);
	return { staged: Number(staged.rows[0]!.n), saved: result.rowsAffected };
}

/** Creates the range's new lines with the ids decided for them, in file order. */
export async function copyCostLineCreates(ex: Executor, r: CostLineCopyRange): Promise<void> {
	await execute(
		ex,
		`INSERT INTO cost_line (id, organisation_id, ${VALUE_COLUMNS.join(', ')})
		SELECT CAST(? AS INTEGER) + s.new_no, ?, ${VALUE_COLUMNS.map((c) => `s.${c}`).join(', ')}
		FROM import_stage_cost_line s WHERE ${IN_RANGE('s')} AND s.line_id IS NULL ORDER BY s.seq`,
		[r.firstLineId, r.organisationId, ...range(r)]
	);
}

/**
 * The fields of a new line's audit row, as the forms' service records them (CostLineAttachment then
 * CostLineInput, in that order), made from the staged line rather than staged as JSON of their own.
 */
const CREATED = `json_object('systemId', s.system_id, 'outcome', s.outcome, 'workstreamId', s.workstream_id, 'directorateId', s.directorate_id,
	'financialYear', s.financial_year, 'spendType', s.spend_type, 'category', s.category, 'amountPence', s.amount_pence, 'confidence', s.confidence,
	'fundingSourceId', s.funding_source_id, 'description', s.description)`;

/** One audit row per staged line, naming the id its line has (or took): a new line's from its staged values, an update's as staged. */
export async function copyCostLineAudit(
	ex: Executor,
	r: CostLineCopyRange,
	by: AuditAuthor
): Promise<void> {
	const author = [r.organisationId, by.userId, by.actor, by.at];
	const trail = [by.requestId, by.ip, by.detail];
	await execute(
		ex,
		`INSERT INTO audit_event (organisation_id, user_id, actor, at, entity, entity_id, action, before, after, request_id, ip, detail)
		SELECT ?, ?, ?, ?, 'cost_line', CAST(CAST(? AS INTEGER) + s.new_no AS TEXT), 'create', NULL, ${CREATED}, ?, ?, ?
		FROM import_stage_cost_line s WHERE ${IN_RANGE('s')} AND s.line_id IS NULL ORDER BY s.seq`,
		[...author, r.firstLineId, ...trail, ...range(r)]
	);
	await execute(
		ex,
		`INSERT INTO audit_event (organisation_id, user_id, actor, at, entity, entity_id, action, before, after, request_id, ip, detail)
		SELECT ?, ?, ?, ?, 'cost_line', CAST(s.line_id AS TEXT), a.action, a.before, a.after, ?, ?, ?
		FROM import_stage_audit a JOIN import_stage_cost_line s ON s.run_id = a.run_id AND s.seq = a.seq WHERE ${IN_RANGE('a')} ORDER BY a.seq, a.n`,
		[...author, ...trail, ...range(r)]
	);
}

/** Removes the organisation's kept totals with no lines left, so they hold exactly the keys a rebuild would. */
export async function dropEmptyTotals(ex: Executor, organisationId: number): Promise<void> {
	await execute(
		ex,
		'DELETE FROM cost_total WHERE organisation_id = ? AND line_count = 0 AND amount_pence = 0',
		[organisationId]
	);
	await execute(
		ex,
		'DELETE FROM cost_funding_total WHERE organisation_id = ? AND line_count = 0 AND amount_pence = 0',
		[organisationId]
	);
}

/** The ids of every line a run wrote (updated, or created with the ids decided for them). */
export async function writtenLineIds(
	ex: Executor,
	runId: number,
	firstLineId: number
): Promise<number[]> {
	const result = await execute(
		ex,
		`SELECT ${LINE_ID('s')} AS id FROM import_stage_cost_line s WHERE s.run_id = ? ORDER BY s.seq`,
		[firstLineId, runId]
	);
	return result.rows.map((r) => Number(r.id));
}
