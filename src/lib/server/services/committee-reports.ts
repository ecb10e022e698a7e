/**
 * Quarterly progress reports to committee: a draft per quarter holding the officer's parts, its
 * figures assembled live; issuing freezes the full report (with the exempt annex) and the public
 * version (without it, supplier names withheld) with their SHA-256s, read inside the transaction
 * that stores them, after which the database refuses any change. Every change is one transaction
 * with its audit row; edits carry the version they started from. Issuing freezes exactly what the
 * issuer was shown: the issue form carries the fingerprint (the SHA-256 the issued report will be
 * stored with) of the report on the page, and issuing is refused, with what changed, if the report
 * assembled inside the transaction has another (the figures are live until the moment of issue).
 *
 * Audience, enforced here whatever the route does:
 *  - 'officer': drafts (figures live) and issued reports, in full.
 *  - 'committee': issued reports only, in full: members receive the exempt annex as the closed-session
 *    (Part B) papers, as councils send them; each such read is audited.
 *  - 'public': issued reports only, the public version only (no annex, no supplier names).
 * A draft, or another organisation's report, is simply not found for 'committee' and 'public'.
 */
import { transaction } from '../db/database';
import * as reports from '../repos/committee-reports';
import * as figures from '../repos/report-figures';
import * as workstreams from '../repos/workstreams';
import { recordAudit } from '../repos/audit';
import type { Executor } from '../db';
import type { Actor } from './actor';
import { assemble, quarterOfRow } from './committee-report-reads';

import { todayInUk, nowIso } from '$lib/domain/dates';
import {
	isFinancialYear,
	quarterLabel,
	quarterStart,
	type Quarter,
	type QuarterNumber
} from '$lib/domain/fiscal';
import {
	shownHash,
	changedLines,
	tooLargeToFreeze,
	type FigureLines,
	type Seen
} from '$lib/domain/hashing';
import {
	EMPTY_DRAFT,
	draftErrors,
	publicVersion,
	reportHash,
	type ReportContent,
	type ReportDraft,
	reportFiguresTooLarge,
	reportLines
} from '$lib/domain/reports';
import type { FieldErrors } from '$lib/domain/systems';
import { refuseUnsafeField } from '$lib/domain/forms';
import { refused, type ServiceResult } from './result';

export * from './committee-report-reads';

/**
 * A change to a report: done with the report as saved, or the one ServiceResult refusal. Not allowed
 * in its state (already issued; a quarter not yet begun; a second report for a quarter) is `refused`;
 * a report that is not the one the issuer was shown is a `conflict` whose `changes` say what moved.
 */
export type ReportResult = ServiceResult<{ report: reports.ReportRow }, reports.ReportRow>;

const defaultTitle = (q: Quarter) => `ICT programme progress report, ${quarterLabel(q)}`;

/** Starts the draft report for a quarter that has begun; one report per organisation per quarter. */
export async function createReportDraft(
	actor: Actor,
	input: { financialYear: string; quarter: number; title?: string }
): Promise<ReportResult> {
	return transaction(async (tx): Promise<ReportResult> => {
		const errors: FieldErrors = {};
		if (!isFinancialYear(input.financialYear))
			errors.financialYear = 'Enter a financial year, like 2026/27';
		if (![1, 2, 3, 4].includes(input.quarter)) errors.quarter = 'Select a quarter';
		const title = input.title?.trim() ?? '';
		if (title.length > 200) errors.title = 'Enter a title of 200 characters or fewer';
		refuseUnsafeField(errors, 'title', title, 'Title');
		if (Object.keys(errors).length > 0) return { ok: false, reason: 'invalid', errors };
		const q: Quarter = { year: input.financialYear, quarter: input.quarter as QuarterNumber };
		if (quarterStart(q) > todayInUk())
			return refused(
				`${quarterLabel(q)} has not begun: a report can be started once its quarter has`
			);
		const existing = await reports.getReportForQuarter(tx, actor.organisationId, q.year, q.quarter);
		if (existing)
			return refused(`There is already a ${existing.status} report for ${quarterLabel(q)}`);
		const report = await reports.insertReport(tx, actor.organisationId, {
			financialYear: q.year,
			quarter: q.quarter,
			title: title || defaultTitle(q),
			draft: EMPTY_DRAFT,
			createdBy: actor.displayName
		});
		await recordAudit(tx, actor, {
			entity: 'committee_report',
			entityId: report.id,
			action: 'create',
			after: { quarter: quarterLabel(q), title: report.title }
		});
		return { ok: true, report };
	});
}

async function checkDraft(
	ex: Executor,
	organisationId: number,
	draft: ReportDraft
): Promise<FieldErrors> {
	const ids = new Set((await workstreams.listWorkstreams(ex, organisationId)).map((w) => w.id));
	return draftErrors(draft, ids);
}

/** Saves the officer's parts of a draft (title, summary, narratives, RAG overrides, recommendations). */
export async function updateReportDraft(
	actor: Actor,
	id: number,
	expectedVersion: number,
	input: { title: string; draft: ReportDraft }
): Promise<ReportResult> {
	return transaction(async (tx): Promise<ReportResult> => {
		const row = await reports.getReport(tx, actor.organisationId, id);
		if (!row) return { ok: false, reason: 'not-found' };
		if (row.status !== 'draft')
			return refused(
				'This report has been issued: what was reported stays as it was; put any correction in the next report'
			);
		if (row.version !== expectedVersion) return { ok: false, reason: 'conflict', current: row };
		const errors = await checkDraft(tx, actor.organisationId, input.draft);
		const title = input.title.trim();
		if (!title || title.length > 200) errors.title = 'Enter a title of 200 characters or fewer';
		refuseUnsafeField(errors, 'title', title, 'Title');
		if (Object.keys(errors).length > 0) return { ok: false, reason: 'invalid', errors };
		const saved = await reports.updateDraft(tx, actor.organisationId, id, expectedVersion, {
			title,
			draft: input.draft
		});
		if (!saved) throw new Error(`committee report ${id} moved on inside its own transaction`);
		const was: Record<string, unknown> = {};
		const now: Record<string, unknown> = {};
		if (row.title !== title) [was.title, now.title] = [row.title, title];
		for (const key of ['summary', 'workstreams', 'recommendations'] as const) {
			if (JSON.stringify(row.draft[key]) !== JSON.stringify(input.draft[key]))
				[was[key], now[key]] = [row.draft[key], input.draft[key]];
		}
		await recordAudit(tx, actor, {
			entity: 'committee_report',
			entityId: id,
			action: 'update',
			before: was,
			after: now,
			detail: quarterLabel(quarterOfRow(row))
		});
		return { ok: true, report: saved };
	});
}

/** Deletes a draft started for the wrong quarter; an issued report is never deleted. */
export async function discardReportDraft(
	actor: Actor,
	id: number,
	expectedVersion: number
): Promise<ReportResult> {
	return transaction(async (tx): Promise<ReportResult> => {
		const row = await reports.getReport(tx, actor.organisationId, id);
		if (!row) return { ok: false, reason: 'not-found' };
		if (row.status !== 'draft') return refused('An issued report cannot be deleted');
		if (!(await reports.deleteDraft(tx, actor.organisationId, id, expectedVersion)))
			return { ok: false, reason: 'conflict', current: row };
		await recordAudit(tx, actor, {
			entity: 'committee_report',
			entityId: id,
			action: 'discard',
			before: { quarter: quarterLabel(quarterOfRow(row)), title: row.title, draft: row.draft }
		});
		return { ok: true, report: row };
	});
}

/** What the issue form carries for a draft as shown: its fingerprint (the hash it would be issued with) and its lines. */
export async function issueBasis(
	content: ReportContent
): Promise<{ fingerprint: string; lines: FigureLines }> {
	return { fingerprint: await shownHash(content), lines: reportLines(content) };
}

/**
 * Issues a draft: assembles it inside the transaction and, if it is exactly the report the issuer
 * was shown (`seen`), freezes the full content and the public version with their hashes and
 * records who issued it. The officer's parts are checked again.
 */
export async function issueReport(
	actor: Actor,
	id: number,
	expectedVersion: number,
	seen: Seen
): Promise<ReportResult> {
	return transaction(async (tx): Promise<ReportResult> => {
		const row = await reports.getReport(tx, actor.organisationId, id);
		if (!row) return { ok: false, reason: 'not-found' };
		if (row.status !== 'draft') return refused('This report has already been issued');
		const snapshot = await assemble(tx, actor.organisationId, row);
		const fingerprint = await shownHash(snapshot);
		if (fingerprint !== seen.fingerprint) {
			await recordAudit(tx, actor, {
				entity: 'committee_report',
				entityId: id,
				action: 'issue-refused',
				before: { fingerprint: seen.fingerprint },
				after: { fingerprint },
				detail: 'the report changed after the page was opened'
			});
			return {
				ok: false,
				reason: 'conflict',
				current: row,
				changes: changedLines(seen.lines, reportLines(snapshot))
			};
		}
		if (row.version !== expectedVersion) return { ok: false, reason: 'conflict', current: row };
		const errors = await checkDraft(tx, actor.organisationId, row.draft);
		if (Object.keys(errors).length > 0) return { ok: false, reason: 'invalid', errors };
		const tooLarge = reportFiguresTooLarge(snapshot);
		if (tooLarge.length > 0) {
			const message = tooLargeToFreeze('An issued report', tooLarge);
			await recordAudit(tx, actor, {
				entity: 'committee_report',
				entityId: id,
				action: 'issue-refused',
				detail: message
			});
			return refused(message);
		}
		// Every figure is a number now, so this is the fingerprint the issuer was shown.
		const contentHash = await reportHash(snapshot);
		const publicSnapshot = publicVersion(
			snapshot,
			await figures.supplierNames(tx, actor.organisationId)
		);
		const publicHash = await reportHash(publicSnapshot);
		const issuedAt = nowIso();
		const issued = await reports.issueReport(tx, actor.organisationId, id, expectedVersion, {
			issuedAt,
			issuedByUserId: actor.userId,
			issuedBy: actor.displayName,
			snapshot,
			contentHash,
			publicSnapshot,
			publicHash
		});
		if (!issued) throw new Error(`committee report ${id} moved on inside its own transaction`);
		await recordAudit(tx, actor, {
			entity: 'committee_report',
			entityId: id,
			action: 'issue',
			before: { status: 'draft' },
			after: {
				status: 'issued',
				quarter: snapshot.quarter.label,
				asAt: snapshot.asAt,
				contentHash,
				publicHash
			}
		});
		return { ok: true, report: issued };
	});
}
