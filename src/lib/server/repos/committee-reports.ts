/**
 * Committee reports. Each function takes the caller's organisation id and filters by it. The draft
 * and the snapshots are stored as JSON text (snapshots as canonical JSON, the bytes their hashes are
 * taken over) and handed out parsed; an issued row is refused any change by the database (migration 0009).
 */
import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import { committeeReport, nowUtc as now } from '../db/schema';
import type { Executor } from '../db';
import type { QuarterNumber } from '$lib/domain/fiscal';
import { serialiseReport, type ReportContent, type ReportDraft } from '$lib/domain/reports';

type ReportRecord = typeof committeeReport.$inferSelect;
export type ReportRow = Omit<ReportRecord, 'draft' | 'snapshot' | 'publicSnapshot' | 'quarter'> & {
	quarter: QuarterNumber;
	draft: ReportDraft;
	snapshot: ReportContent | null;
	publicSnapshot: ReportContent | null;
};
/** A report without its draft or snapshots, for lists. */
export type ReportSummary = Omit<ReportRow, 'draft' | 'snapshot' | 'publicSnapshot'>;

function parse(row: ReportRecord): ReportRow {
	return {
		...row,
		quarter: row.quarter as QuarterNumber,
		draft: JSON.parse(row.draft) as ReportDraft,
		snapshot: row.snapshot == null ? null : (JSON.parse(row.snapshot) as ReportContent),
		publicSnapshot:
			row.publicSnapshot == null ? null : (JSON.parse(row.publicSnapshot) as ReportContent)
	};
}

const summaryColumns = {
	id: committeeReport.id,
	organisationId: committeeReport.organisationId,
	financialYear: committeeReport.financialYear,
	quarter: committeeReport.quarter,
	title: committeeReport.title,
	status: committeeReport.status,
	version: committeeReport.version,
	createdBy: committeeReport.createdBy,
	createdAt: committeeReport.createdAt,
	updatedAt: committeeReport.updatedAt,
	issuedAt: committeeReport.issuedAt,
	issuedByUserId: committeeReport.issuedByUserId,
	issuedBy: committeeReport.issuedBy,
	contentHash: committeeReport.contentHash,
	publicHash: committeeReport.publicHash
};

export async function getReport(
	ex: Executor,
	organisationId: number,
	id: number
): Promise<ReportRow | undefined> {
	const [row] = await ex
		.select()
		.from(committeeReport)
		.where(and(eq(committeeReport.organisationId, organisationId), eq(committeeReport.id, id)));
	return row && parse(row);
}

/** The organisation's report for a quarter, draft or issued. */
export async function getReportForQuarter(
	ex: Executor,
	organisationId: number,
	financialYear: string,
	quarter: QuarterNumber
): Promise<ReportRow | undefined> {
	const [row] = await ex
		.select()
		.from(committeeReport)
		.where(
			and(
				eq(committeeReport.organisationId, organisationId),
				eq(committeeReport.financialYear, financialYear),
				eq(committeeReport.quarter, quarter)
			)
		);
	return row && parse(row);
}

/** Every report (drafts too, unless `issuedOnly`), latest quarter first. */
export async function listReports(
	ex: Executor,
	organisationId: number,
	options: { issuedOnly?: boolean } = {}
): Promise<ReportSummary[]> {
	const rows = await ex
		.select(summaryColumns)
		.from(committeeReport)
		.where(
			and(
				eq(committeeReport.organisationId, organisationId),
				options.issuedOnly ? eq(committeeReport.status, 'issued') : undefined
			)
		)
		.orderBy(desc(committeeReport.financialYear), desc(committeeReport.quarter));
	return rows.map((r) => ({ ...r, quarter: r.quarter as QuarterNumber }));
}

/** The latest issued report for a quarter before the given one; undefined when none. */
export async function previousIssuedReport(
	ex: Executor,
	organisationId: number,
	financialYear: string,
	quarter: QuarterNumber
): Promise<ReportRow | undefined> {
	const [row] = await ex
		.select()
		.from(committeeReport)
		.where(
			and(
				eq(committeeReport.organisationId, organisationId),
				eq(committeeReport.status, 'issued'),
				or(
					lt(committeeReport.financialYear, financialYear),
					and(
						eq(committeeReport.financialYear, financialYear),
						lt(committeeReport.quarter, quarter)
					)
				)
			)
		)
		.orderBy(desc(committeeReport.financialYear), desc(committeeReport.quarter))
		.limit(1);
	return row && parse(row);
}

export async function insertReport(
	ex: Executor,
	organisationId: number,
	fields: {
		financialYear: string;
		quarter: QuarterNumber;
		title: string;
		draft: ReportDraft;
		createdBy: string;
	}
): Promise<ReportRow> {
	const [row] = await ex
		.insert(committeeReport)
		.values({ ...fields, organisationId, draft: JSON.stringify(fields.draft) })
		.returning();
	return parse(row!);
}

/** Saves a draft's title and officer's parts if it is still a draft at `expectedVersion` (and bumps it); undefined otherwise. */
export async function updateDraft(
	ex: Executor,
	organisationId: number,
	id: number,
	expectedVersion: number,
	fields: { title: string; draft: ReportDraft }
): Promise<ReportRow | undefined> {
	const [row] = await ex
		.update(committeeReport)
		.set({
			title: fields.title,
			draft: JSON.stringify(fields.draft),
			version: sql`${committeeReport.version} + 1`,
			updatedAt: now
		})
		.where(
			and(
				eq(committeeReport.organisationId, organisationId),
				eq(committeeReport.id, id),
				eq(committeeReport.version, expectedVersion),
				eq(committeeReport.status, 'draft')
			)
		)
		.returning();
	return row && parse(row);
}

/** Issues a draft at `expectedVersion` with both snapshots and hashes: the last change the row will ever take. */
export async function issueReport(
	ex: Executor,
	organisationId: number,
	id: number,
	expectedVersion: number,
	fields: {
		issuedAt: string;
		issuedByUserId: number | null;
		issuedBy: string;
		snapshot: ReportContent;
		contentHash: string;
		publicSnapshot: ReportContent;
		publicHash: string;
	}
): Promise<ReportRow | undefined> {
	const [row] = await ex
		.update(committeeReport)
		.set({
			...fields,
			status: 'issued',
			snapshot: serialiseReport(fields.snapshot),
			publicSnapshot: serialiseReport(fields.publicSnapshot),
			version: sql`${committeeReport.version} + 1`,
			updatedAt: fields.issuedAt
		})
		.where(
			and(
				eq(committeeReport.organisationId, organisationId),
				eq(committeeReport.id, id),
				eq(committeeReport.version, expectedVersion),
				eq(committeeReport.status, 'draft')
			)
		)
		.returning();
	return row && parse(row);
}

/** Deletes a draft (never an issued report: the database refuses). True when one was deleted. */
export async function deleteDraft(
	ex: Executor,
	organisationId: number,
	id: number,
	expectedVersion: number
): Promise<boolean> {
	const rows = await ex
		.delete(committeeReport)
		.where(
			and(
				eq(committeeReport.organisationId, organisationId),
				eq(committeeReport.id, id),
				eq(committeeReport.version, expectedVersion),
				eq(committeeReport.status, 'draft')
			)
		)
		.returning({ id: committeeReport.id });
	return rows.length > 0;
}
