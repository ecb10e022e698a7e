/**
 * Reading committee reports as each audience may: drafts (assembled from the data as it stands)
 * for officers only, issued reports as frozen, the public version for the public, and 'since last
 * quarter' from the reports themselves. A committee member's read of the exempt annex is audited.
 */
import { db, transaction } from '../db/database';
import * as reports from '../repos/committee-reports';
import { recordAudit } from '../repos/audit';
import type { Executor } from '../db';
import type { Actor } from './actor';
import { gatherReportInputs } from './report-figures';
import { todayInUk } from '$lib/domain/dates';
import type { Quarter, QuarterNumber } from '$lib/domain/fiscal';
import {
	assembleReport,
	diffReports,
	type ReportContent,
	type ReportDiff
} from '$lib/domain/reports';

export type Audience = 'officer' | 'committee' | 'public';

export const quarterOfRow = (r: { financialYear: string; quarter: QuarterNumber }): Quarter => ({
	year: r.financialYear,
	quarter: r.quarter
});

/** The report's content from the data as it stands and the draft's officer's parts. */
export async function assemble(
	ex: Executor,
	organisationId: number,
	row: reports.ReportRow
): Promise<ReportContent> {
	const q = quarterOfRow(row);
	const previous = await reports.previousIssuedReport(ex, organisationId, q.year, q.quarter);
	return assembleReport(
		row.title,
		await gatherReportInputs(ex, organisationId, q, todayInUk(), previous?.snapshot ?? null),
		row.draft
	);
}

/** Issued reports, latest quarter first (what `/reports` lists for every audience). */
export const listIssuedReports = (organisationId: number) =>
	reports.listReports(db(), organisationId, { issuedOnly: true });
/** Drafts and issued reports, for officers. */
export const listAllReports = (organisationId: number) => reports.listReports(db(), organisationId);

export interface ReportView {
	report: reports.ReportSummary;
	content: ReportContent;
	/** True for a draft: the figures are the data as it stands, not a record. */
	live: boolean;
	/** The hashes this audience may check the content against (none for a draft; only the public one for the public). */
	contentHash: string | null;
	publicHash: string | null;
	includesExemptAnnex: boolean;
}

function summaryOf(row: reports.ReportRow): reports.ReportSummary {
	const { draft: _d, snapshot: _s, publicSnapshot: _p, ...summary } = row;
	return summary;
}

/** A report as `audience` may see it; undefined when missing, another organisation's, or a draft for anyone but an officer. */
export async function getReport(
	actor: Actor,
	id: number,
	audience: Audience
): Promise<ReportView | undefined> {
	const row = await reports.getReport(db(), actor.organisationId, id);
	if (!row) return undefined;
	if (row.status === 'draft') {
		if (audience !== 'officer') return undefined;
		return {
			report: summaryOf(row),
			content: await assemble(db(), actor.organisationId, row),
			live: true,
			contentHash: null,
			publicHash: null,
			includesExemptAnnex: true
		};
	}
	if (audience === 'public')
		return {
			report: summaryOf(row),
			content: row.publicSnapshot!,
			live: false,
			contentHash: null,
			publicHash: row.publicHash,
			includesExemptAnnex: false
		};
	// The exempt annex leaves the system only on a recorded read, like a named contact's details.
	await transaction((tx) =>
		recordAudit(tx, actor, {
			entity: 'committee_report',
			entityId: id,
			action: 'read-exempt',
			detail: `${audience}: ${row.snapshot!.quarter.label}`
		})
	);
	return {
		report: summaryOf(row),
		content: row.snapshot!,
		live: false,
		contentHash: row.contentHash,
		publicHash: row.publicHash,
		includesExemptAnnex: true
	};
}

/**
 * 'Since last quarter': the report against the last issued report before it, each in the version
 * `audience` may see (the diff reads nothing from the annex). A draft is compared as it stands
 * (officers only). `previous` is null when nothing was issued before.
 */
export async function sinceLastQuarter(
	actor: Actor,
	id: number,
	audience: Audience
): Promise<{ previous: reports.ReportSummary | null; diff: ReportDiff | null } | undefined> {
	const row = await reports.getReport(db(), actor.organisationId, id);
	if (!row || (row.status === 'draft' && audience !== 'officer')) return undefined;
	const q = quarterOfRow(row);
	const previous = await reports.previousIssuedReport(
		db(),
		actor.organisationId,
		q.year,
		q.quarter
	);
	if (!previous) return { previous: null, diff: null };
	const version = (r: reports.ReportRow) =>
		audience === 'public' ? r.publicSnapshot! : r.snapshot!;
	const current =
		row.status === 'draft' ? await assemble(db(), actor.organisationId, row) : version(row);
	return { previous: summaryOf(previous), diff: diffReports(version(previous), current) };
}
