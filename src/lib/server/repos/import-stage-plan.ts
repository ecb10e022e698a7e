/**
 * A preview's staged plan: the staging run a systems-import preview leaves, marked with what it was
 * planned from, so that the commit can write it without planning the whole file again.
 */
import type { Executor } from '../db';
import { execute } from '../db/bulk';
import { NOW_UTC_SQL } from '../db/schema';

/** What a preview marks its run with. */
export interface StagedPlanMark {
	planHash: string;
	/** A hash of the answers it was planned with (as its commit form posts them) and the UK day. */
	answersKey: string;
	watermark: number;
	/** JSON: what the commit records (repos do not read it). */
	summary: string;
}

/** Marks a run as a preview's plan of its upload and unmarks the upload's earlier ones; returns those, to discard. */
export async function markPreviewRun(
	ex: Executor,
	organisationId: number,
	uploadId: number,
	runId: number,
	mark: StagedPlanMark
): Promise<number[]> {
	const older = await execute(
		ex,
		'SELECT id FROM import_stage_run WHERE organisation_id = ? AND upload_id = ? AND plan_hash IS NOT NULL AND id <> ?',
		[organisationId, uploadId, runId]
	);
	// Unmarked first: a commit can no longer claim them while they are being deleted.
	await execute(
		ex,
		'UPDATE import_stage_run SET plan_hash = NULL WHERE organisation_id = ? AND upload_id = ? AND plan_hash IS NOT NULL AND id <> ?',
		[organisationId, uploadId, runId]
	);
	await execute(
		ex,
		'UPDATE import_stage_run SET plan_hash = ?, answers_key = ?, watermark = ?, summary = ? WHERE id = ? AND organisation_id = ?',
		[mark.planHash, mark.answersKey, mark.watermark, mark.summary, runId, organisationId]
	);
	return older.rows.map((r) => Number(r.id));
}

/**
 * Claims the upload's preview run planned as `planHash` from the answers and day hashing to `answersKey`: the
 * mark is cleared (so no second commit claims it) and its clock restarted (so the clean-up of runs
 * left by a crash leaves it alone while it is copied). Null when there is none.
 */
export async function claimPreviewRun(
	ex: Executor,
	organisationId: number,
	uploadId: number,
	planHash: string,
	answersKey: string
): Promise<{ runId: number; watermark: number; summary: string } | null> {
	const result = await execute(
		ex,
		`UPDATE import_stage_run SET plan_hash = NULL, created_at = ${NOW_UTC_SQL}
		WHERE organisation_id = ? AND upload_id = ? AND plan_hash = ? AND answers_key = ?
		RETURNING id, watermark, summary`,
		[organisationId, uploadId, planHash, answersKey]
	);
	const row = result.rows[0];
	if (!row || row.summary == null || row.watermark == null) return null;
	return { runId: Number(row.id), watermark: Number(row.watermark), summary: String(row.summary) };
}

/**
 * Whether, after the audit row `watermark`, the organisation changed anything a plan reads besides
 * the systems it watches: a directorate, service area or workstream (the file's names resolve
 * against them), or another import (it saves column, value and name mappings).
 */
export async function planInputsChangedSince(
	ex: Executor,
	organisationId: number,
	watermark: number
): Promise<boolean> {
	const result = await execute(
		ex,
		// '+' keeps SQLite on the primary key's range (the rows written since), not an index over the whole trail.
		`SELECT 1 FROM audit_event WHERE id > ? AND +organisation_id = ? AND +entity IN ('directorate', 'service_area', 'workstream', 'import') LIMIT 1`,
		[watermark, organisationId]
	);
	return result.rows.length > 0;
}
