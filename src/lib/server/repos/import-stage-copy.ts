/**
 * Copying a systems import's staged changes (./import-stage.ts) into the real tables, inside the
 * commit's one write transaction: statements that run inside SQLite (INSERT ... SELECT,
 * UPDATE ... FROM), a range of changes at a time, so no row passes through JavaScript.
 */
import type { Executor } from '../db';
import { execute } from '../db/bulk';
import { NOW_UTC_SQL } from '../db/schema';
import { FIELD_COLUMNS, maskedColumns, type AuditAuthor } from './import-stage';

/** What copying a run's staged changes needs: the run, the range of changes, and who is writing. */
export interface CopyRange {
	runId: number;
	organisationId: number;
	/** Changes with fromSeq <= seq < toSeq. */
	fromSeq: number;
	toSeq: number;
	/** The id the run's first new system takes (new_no 0), and its first review. */
	firstSystemId: number;
	firstReviewId: number;
}

/** A staged change's system: the matched one, or the id its new system takes. */
/** (A number is bound as a REAL by @libsql/client: cast it, or an id written as text reads '12.0'.) */
const SYSTEM_ID = (c: string) => `coalesce(${c}.system_id, CAST(? AS INTEGER) + ${c}.new_no)`;
const IN_RANGE = (c: string) => `${c}.run_id = ? AND ${c}.seq >= ? AND ${c}.seq < ?`;
const NOW = NOW_UTC_SQL;

/**
 * Whether a system the range would create now has a namesake or its external reference among the
 * organisation's live systems made before this import (its first new id): one created or renamed
 * since planning, which the plan would have matched rather than duplicated.
 */
export async function createsCollide(ex: Executor, r: CopyRange): Promise<boolean> {
	const result = await execute(
		ex,
		`SELECT 1 FROM import_stage_change s WHERE ${IN_RANGE('s')} AND s.system_id IS NULL AND (
			EXISTS (SELECT 1 FROM system y WHERE y.organisation_id = ? AND y.name = s.name AND y.id < ? AND y.lifecycle <> 'archived')
			OR (s.external_ref IS NOT NULL AND EXISTS (SELECT 1 FROM system y WHERE y.organisation_id = ? AND y.external_ref = s.external_ref AND y.id < ? AND y.lifecycle <> 'archived'))
		) LIMIT 1`,
		[
			r.runId,
			r.fromSeq,
			r.toSeq,
			r.organisationId,
			r.firstSystemId,
			r.organisationId,
			r.firstSystemId
		]
	);
	return result.rows.length > 0;
}

/**
 * Saves the range's edits of existing systems, each only if its version is still the one planned;
 * returns how many were staged and how many saved (fewer: someone else saved one meanwhile). One
 * statement per set of changed fields in the range (a file usually changes the same few columns),
 * each setting only those columns.
 */
export async function copyUpdates(
	ex: Executor,
	r: CopyRange
): Promise<{ staged: number; saved: number }> {
	const sets = await execute(
		ex,
		`SELECT s.updates_fields AS mask, count(*) AS n FROM import_stage_change s WHERE ${IN_RANGE('s')} AND s.updates_fields <> 0 AND s.system_id IS NOT NULL GROUP BY s.updates_fields`,
		[r.runId, r.fromSeq, r.toSeq]
	);
	let staged = 0;
	let saved = 0;
	for (const set of sets.rows) {
		const mask = Number(set.mask);
		staged += Number(set.n);
		const result = await execute(
			ex,
			`UPDATE system SET ${maskedColumns(mask)
				.map((c) => `${c} = s.${c}`)
				.join(', ')}, version = system.version + 1, updated_at = ${NOW}
			FROM import_stage_change s WHERE ${IN_RANGE('s')} AND s.updates_fields = ? AND s.system_id IS NOT NULL
			AND system.id = s.system_id AND system.organisation_id = ? AND system.version = s.version AND system.lifecycle <> 'archived'`,
			[r.runId, r.fromSeq, r.toSeq, mask, r.organisationId]
		);
		saved += result.rowsAffected;
	}
	return { staged, saved };
}

/** Creates the range's new systems with the ids decided for them, their review summary included. */
export async function copyCreates(ex: Executor, r: CopyRange): Promise<void> {
	await execute(
		ex,
		`INSERT INTO system (id, organisation_id, ${FIELD_COLUMNS.join(', ')}, directorate_name, review_status, outcome_count, outcome_flags)
		SELECT CAST(? AS INTEGER) + s.new_no, ?, ${FIELD_COLUMNS.map((c) => `s.${c}`).join(', ')}, s.directorate_name, coalesce(s.review_status, 'not_reviewed'), coalesce(s.outcome_count, 0), coalesce(s.outcome_flags, 0)
		FROM import_stage_change s WHERE ${IN_RANGE('s')} AND s.system_id IS NULL ORDER BY s.seq`,
		[r.firstSystemId, r.organisationId, r.runId, r.fromSeq, r.toSeq]
	);
}

/** The existing systems in the range whose directorate changes (their cost lines move with them). */
export async function directorateMoves(
	ex: Executor,
	r: CopyRange
): Promise<{ systemId: number; directorateId: number | null }[]> {
	const result = await execute(
		ex,
		`SELECT s.system_id, s.directorate_id FROM import_stage_change s WHERE ${IN_RANGE('s')} AND s.moves_directorate = 1`,
		[r.runId, r.fromSeq, r.toSeq]
	);
	return result.rows.map((row) => ({
		systemId: Number(row.system_id),
		directorateId: row.directorate_id == null ? null : Number(row.directorate_id)
	}));
}

export async function copyLinks(ex: Executor, r: CopyRange): Promise<void> {
	await execute(
		ex,
		`INSERT INTO system_workstream (organisation_id, system_id, workstream_id, note)
		SELECT ?, ${SYSTEM_ID('s')}, l.workstream_id, l.note FROM import_stage_link l JOIN import_stage_change s ON s.run_id = l.run_id AND s.seq = l.seq
		WHERE ${IN_RANGE('l')} ORDER BY l.seq ON CONFLICT DO NOTHING`,
		[r.organisationId, r.firstSystemId, r.runId, r.fromSeq, r.toSeq]
	);
}

/**
 * Records the range's reviews: each existing system's current review and outcomes are superseded
 * (they stay as history), the new review takes its decided id, and an existing system's review
 * summary is updated (a new system's was written with it).
 */
export async function copyReviews(ex: Executor, r: CopyRange, summary: string): Promise<void> {
	const reviewedExisting = `SELECT s.system_id FROM import_stage_change s WHERE ${IN_RANGE('s')} AND s.review_no IS NOT NULL AND s.system_id IS NOT NULL`;
	const range = [r.runId, r.fromSeq, r.toSeq];
	// '+organisation_id' keeps SQLite on the system_id index: by organisation it would visit every current review per range.
	await execute(
		ex,
		`UPDATE review SET is_current = 0, superseded_at = ${NOW} WHERE +organisation_id = ? AND is_current = 1 AND system_id IN (${reviewedExisting})`,
		[r.organisationId, ...range]
	);
	await execute(
		ex,
		`UPDATE review_outcome SET is_current = 0 WHERE +organisation_id = ? AND is_current = 1 AND system_id IN (${reviewedExisting})`,
		[r.organisationId, ...range]
	);
	await execute(
		ex,
		`INSERT INTO review (id, organisation_id, system_id, reviewed_on, reviewer, summary, is_current)
		SELECT CAST(? AS INTEGER) + s.review_no, ?, ${SYSTEM_ID('s')}, s.reviewed_on, s.reviewer, ?, 1 FROM import_stage_change s WHERE ${IN_RANGE('s')} AND s.review_no IS NOT NULL ORDER BY s.seq`,
		[r.firstReviewId, r.organisationId, r.firstSystemId, summary, ...range]
	);
	await execute(
		ex,
		`INSERT INTO review_outcome (organisation_id, review_id, system_id, outcome, rationale, status, target_date, workstream_id, is_current)
		SELECT ?, CAST(? AS INTEGER) + s.review_no, ${SYSTEM_ID('s')}, o.outcome, o.rationale, o.status, o.target_date, o.workstream_id, 1
		FROM import_stage_outcome o JOIN import_stage_change s ON s.run_id = o.run_id AND s.seq = o.seq WHERE ${IN_RANGE('o')} ORDER BY o.seq`,
		[r.organisationId, r.firstReviewId, r.firstSystemId, ...range]
	);
	await execute(
		ex,
		`UPDATE system SET review_status = s.review_status, outcome_count = s.outcome_count, outcome_flags = s.outcome_flags, updated_at = ${NOW}
		FROM import_stage_change s WHERE ${IN_RANGE('s')} AND s.review_no IS NOT NULL AND s.system_id IS NOT NULL AND system.id = s.system_id AND system.organisation_id = ?`,
		[...range, r.organisationId]
	);
}

/** One audit row per staged audit entry; a review's names the id its review took. */
export async function copyAudit(ex: Executor, r: CopyRange, by: AuditAuthor): Promise<void> {
	await execute(
		ex,
		`INSERT INTO audit_event (organisation_id, user_id, actor, at, entity, entity_id, action, before, after, request_id, ip, detail)
		SELECT ?, ?, ?, ?, 'system', CAST(${SYSTEM_ID('s')} AS TEXT), a.action, a.before,
			CASE WHEN a.action = 'review' THEN json_replace(a.after, '$.reviewId', CAST(? AS INTEGER) + s.review_no) ELSE a.after END, ?, ?, ?
		FROM import_stage_audit a JOIN import_stage_change s ON s.run_id = a.run_id AND s.seq = a.seq WHERE ${IN_RANGE('a')} ORDER BY a.seq, a.n`,
		[
			r.organisationId,
			by.userId,
			by.actor,
			by.at,
			r.firstSystemId,
			r.firstReviewId,
			by.requestId,
			by.ip,
			by.detail,
			r.runId,
			r.fromSeq,
			r.toSeq
		]
	);
}
