/**
 * Partners' ledger extracts and their lines, and the shared service's reconciliation tolerance.
 * Every function takes the shared service's organisation id and, for a partner's lines, the
 * partner's: a partner's page passes its own organisation, never one named in a URL.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { InValue } from '@libsql/client';
import { ledgerExtract, ledgerLine, nowUtc, reconciliationSetting } from '../db/schema';
import type { Executor } from '../db';
import { insertRows } from '../db/bulk';
import type { HeldLedgerLine, LedgerLineInput } from '$lib/domain/recharges';

export type LedgerExtractRow = typeof ledgerExtract.$inferSelect;

const partnerLines = (organisationId: number, partnerOrganisationId: number) =>
	and(
		eq(ledgerLine.organisationId, organisationId),
		eq(ledgerLine.partnerOrganisationId, partnerOrganisationId)
	);

/** The partner's ledger lines held, every year, in the order of their extracts' rows. */
export async function listLines(
	ex: Executor,
	organisationId: number,
	partnerOrganisationId: number
): Promise<HeldLedgerLine[]> {
	return ex
		.select({
			id: ledgerLine.id,
			row: ledgerLine.rowNumber,
			fileName: ledgerExtract.fileName,
			costCentreCode: ledgerLine.costCentreCode,
			financialYear: ledgerLine.financialYear,
			postingDate: ledgerLine.postingDate,
			spendType: ledgerLine.spendType,
			amountPence: ledgerLine.amountPence,
			description: ledgerLine.description,
			reference: ledgerLine.reference
		})
		.from(ledgerLine)
		.innerJoin(ledgerExtract, eq(ledgerExtract.id, ledgerLine.extractId))
		.where(partnerLines(organisationId, partnerOrganisationId))
		.orderBy(asc(ledgerLine.financialYear), asc(ledgerLine.extractId), asc(ledgerLine.rowNumber));
}

/** For each year of `years` the partner already holds lines of: how many, and from which extracts. */
export async function heldYears(
	ex: Executor,
	organisationId: number,
	partnerOrganisationId: number,
	years: readonly string[]
) {
	if (years.length === 0) return [];
	return ex
		.select({
			financialYear: ledgerLine.financialYear,
			lineCount: sql<number>`count(*)`,
			fileName: sql<string>`group_concat(DISTINCT ${ledgerExtract.fileName})`,
			uploadedAt: sql<string>`max(${ledgerExtract.createdAt})`
		})
		.from(ledgerLine)
		.innerJoin(ledgerExtract, eq(ledgerExtract.id, ledgerLine.extractId))
		.where(
			and(
				partnerLines(organisationId, partnerOrganisationId),
				inArray(ledgerLine.financialYear, [...years])
			)
		)
		.groupBy(ledgerLine.financialYear)
		.orderBy(asc(ledgerLine.financialYear));
}

/** Removes the partner's lines of `years` (a new extract of those years replaces them). */
export async function deleteLinesOfYears(
	ex: Executor,
	organisationId: number,
	partnerOrganisationId: number,
	years: readonly string[]
): Promise<number> {
	if (years.length === 0) return 0;
	const removed = await ex
		.delete(ledgerLine)
		.where(
			and(
				partnerLines(organisationId, partnerOrganisationId),
				inArray(ledgerLine.financialYear, [...years])
			)
		)
		.returning({ id: ledgerLine.id });
	return removed.length;
}

export async function insertExtract(
	ex: Executor,
	fields: Omit<LedgerExtractRow, 'id' | 'createdAt'>
): Promise<LedgerExtractRow> {
	const [row] = await ex.insert(ledgerExtract).values(fields).returning();
	return row!;
}

const LINE_COLUMNS = [
	'extract_id',
	'organisation_id',
	'partner_organisation_id',
	'row_number',
	'cost_centre_code',
	'financial_year',
	'posting_date',
	'spend_type',
	'amount_pence',
	'description',
	'reference'
];

/** Writes an extract's lines in multi-row statements (a year's ledger can be many thousands). */
export async function insertLines(
	ex: Executor,
	extract: Pick<LedgerExtractRow, 'id' | 'organisationId' | 'partnerOrganisationId'>,
	lines: readonly LedgerLineInput[]
): Promise<void> {
	const rows: InValue[][] = lines.map((l) => [
		extract.id,
		extract.organisationId,
		extract.partnerOrganisationId,
		l.row,
		l.costCentreCode,
		l.financialYear,
		l.postingDate,
		l.spendType,
		l.amountPence,
		l.description,
		l.reference
	]);
	if (rows.length > 0) await insertRows(ex, 'ledger_line', LINE_COLUMNS, rows);
}

/** The partner's extracts, newest first. */
export async function listExtracts(
	ex: Executor,
	organisationId: number,
	partnerOrganisationId: number
): Promise<LedgerExtractRow[]> {
	return ex
		.select()
		.from(ledgerExtract)
		.where(
			and(
				eq(ledgerExtract.organisationId, organisationId),
				eq(ledgerExtract.partnerOrganisationId, partnerOrganisationId)
			)
		)
		.orderBy(desc(ledgerExtract.id));
}

/** The shared service's tolerance in pence, or undefined when it has never set one. */
export async function getTolerance(
	ex: Executor,
	organisationId: number
): Promise<number | undefined> {
	const [row] = await ex
		.select({ tolerancePence: reconciliationSetting.tolerancePence })
		.from(reconciliationSetting)
		.where(eq(reconciliationSetting.organisationId, organisationId));
	return row?.tolerancePence;
}

export async function setTolerance(
	ex: Executor,
	organisationId: number,
	tolerancePence: number
): Promise<void> {
	await ex
		.insert(reconciliationSetting)
		.values({ organisationId, tolerancePence })
		.onConflictDoUpdate({
			target: reconciliationSetting.organisationId,
			set: { tolerancePence, updatedAt: nowUtc }
		});
}

/** Every partner's ledger summed by code, year and capital/revenue, for the officers' list of statuses. */
export interface LedgerSum {
	partnerOrganisationId: number;
	line: HeldLedgerLine;
}

/**
 * The service's ledger lines summed by partner, code, year and capital/revenue (each sum says how
 * many lines it stands for): a status needs no more than that, whatever the size of the extracts.
 */
export async function ledgerSums(ex: Executor, organisationId: number): Promise<LedgerSum[]> {
	const rows = await ex
		.select({
			partnerOrganisationId: ledgerLine.partnerOrganisationId,
			costCentreCode: ledgerLine.costCentreCode,
			financialYear: ledgerLine.financialYear,
			spendType: ledgerLine.spendType,
			amountPence: sql<number>`sum(${ledgerLine.amountPence})`,
			lineCount: sql<number>`count(*)`,
			id: sql<number>`min(${ledgerLine.id})`
		})
		.from(ledgerLine)
		.where(eq(ledgerLine.organisationId, organisationId))
		.groupBy(
			ledgerLine.partnerOrganisationId,
			ledgerLine.costCentreCode,
			ledgerLine.financialYear,
			ledgerLine.spendType
		);
	return rows.map((r) => ({
		partnerOrganisationId: r.partnerOrganisationId,
		line: {
			id: Number(r.id),
			row: 0,
			fileName: '',
			costCentreCode: r.costCentreCode,
			financialYear: r.financialYear,
			postingDate: null,
			spendType: r.spendType,
			amountPence: Number(r.amountPence),
			description: '',
			reference: '',
			lineCount: Number(r.lineCount)
		}
	}));
}

/** How many extracts each partner of the service has uploaded. */
export async function extractCounts(
	ex: Executor,
	organisationId: number
): Promise<Map<number, number>> {
	const rows = await ex
		.select({ partner: ledgerExtract.partnerOrganisationId, n: sql<number>`count(*)` })
		.from(ledgerExtract)
		.where(eq(ledgerExtract.organisationId, organisationId))
		.groupBy(ledgerExtract.partnerOrganisationId);
	return new Map(rows.map((r) => [r.partner, Number(r.n)]));
}
