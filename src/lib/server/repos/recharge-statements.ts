/**
 * Recharge statements (their lines: recharge-statement-lines.ts). Every function takes the shared service's
 * organisation id (the statement's owner), except the partner's own reads, which take the partner's
 * and return only its non-draft statements. An issued statement is refused any change but the
 * partner's answer by the database (the stmt17_recharge_statements migration's triggers).
 */
import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import { organisation, rechargeStatement, nowUtc as now } from '../db/schema';
import type { Executor } from '../db';
import { nowIso } from '$lib/domain/dates';

export type StatementRow = typeof rechargeStatement.$inferSelect;

const listColumns = {
	id: rechargeStatement.id,
	organisationId: rechargeStatement.organisationId,
	partnerOrganisationId: rechargeStatement.partnerOrganisationId,
	partnerName: organisation.name,
	financialYear: rechargeStatement.financialYear,
	quarter: rechargeStatement.quarter,
	status: rechargeStatement.status,
	issuedAt: rechargeStatement.issuedAt,
	totalPence: rechargeStatement.totalPence,
	contentHash: rechargeStatement.contentHash
};

/** Every statement of the shared service, newest period first. */
export async function listStatements(ex: Executor, organisationId: number) {
	return ex
		.select(listColumns)
		.from(rechargeStatement)
		.leftJoin(organisation, eq(organisation.id, rechargeStatement.partnerOrganisationId))
		.where(eq(rechargeStatement.organisationId, organisationId))
		.orderBy(
			desc(rechargeStatement.financialYear),
			desc(rechargeStatement.quarter),
			asc(organisation.name)
		);
}

/** A partner's own statements from every shared service: issued ones only (a draft is the service's). */
export async function listStatementsOfPartner(ex: Executor, partnerOrganisationId: number) {
	return ex
		.select({ ...listColumns, partnerName: organisation.name })
		.from(rechargeStatement)
		.innerJoin(organisation, eq(organisation.id, rechargeStatement.organisationId))
		.where(
			and(
				eq(rechargeStatement.partnerOrganisationId, partnerOrganisationId),
				ne(rechargeStatement.status, 'draft')
			)
		)
		.orderBy(desc(rechargeStatement.financialYear), desc(rechargeStatement.quarter));
}

export async function getStatement(
	ex: Executor,
	organisationId: number,
	id: number
): Promise<StatementRow | undefined> {
	const [row] = await ex
		.select()
		.from(rechargeStatement)
		.where(and(eq(rechargeStatement.organisationId, organisationId), eq(rechargeStatement.id, id)));
	return row;
}

/** Statement `id` when it is the partner's own and issued; a draft is never a partner's to see. */
export async function getStatementOfPartner(
	ex: Executor,
	partnerOrganisationId: number,
	id: number
): Promise<StatementRow | undefined> {
	const [row] = await ex
		.select()
		.from(rechargeStatement)
		.where(
			and(
				eq(rechargeStatement.partnerOrganisationId, partnerOrganisationId),
				eq(rechargeStatement.id, id),
				ne(rechargeStatement.status, 'draft')
			)
		);
	return row;
}

export async function findForPeriod(
	ex: Executor,
	organisationId: number,
	partnerOrganisationId: number,
	financialYear: string,
	quarter: number
): Promise<StatementRow | undefined> {
	const [row] = await ex
		.select()
		.from(rechargeStatement)
		.where(
			and(
				eq(rechargeStatement.organisationId, organisationId),
				eq(rechargeStatement.partnerOrganisationId, partnerOrganisationId),
				eq(rechargeStatement.financialYear, financialYear),
				eq(rechargeStatement.quarter, quarter)
			)
		);
	return row;
}

export async function insertDraft(
	ex: Executor,
	organisationId: number,
	fields: {
		partnerOrganisationId: number;
		financialYear: string;
		quarter: number;
		createdBy: string;
	}
): Promise<StatementRow> {
	const [row] = await ex
		.insert(rechargeStatement)
		.values({ organisationId, ...fields })
		.returning();
	return row!;
}

/** Deletes a draft at `version`; false when it moved on (or is issued: the trigger refuses that anyway). */
export async function deleteDraft(
	ex: Executor,
	organisationId: number,
	id: number,
	version: number
): Promise<boolean> {
	const rows = await ex
		.delete(rechargeStatement)
		.where(
			and(
				eq(rechargeStatement.organisationId, organisationId),
				eq(rechargeStatement.id, id),
				eq(rechargeStatement.version, version),
				eq(rechargeStatement.status, 'draft')
			)
		)
		.returning({ id: rechargeStatement.id });
	return rows.length === 1;
}

/** Quarters stated per year for one partner (the whole year counts four), from its issued statements. */
export async function quartersStated(
	ex: Executor,
	organisationId: number,
	partnerOrganisationId: number
): Promise<Map<string, number>> {
	const rows = await ex
		.select({
			financialYear: rechargeStatement.financialYear,
			quarters: sql<number>`max(case ${rechargeStatement.quarter} when 0 then 4 else ${rechargeStatement.quarter} end)`
		})
		.from(rechargeStatement)
		.where(
			and(
				eq(rechargeStatement.organisationId, organisationId),
				eq(rechargeStatement.partnerOrganisationId, partnerOrganisationId),
				ne(rechargeStatement.status, 'draft')
			)
		)
		.groupBy(rechargeStatement.financialYear);
	return new Map(rows.map((r) => [r.financialYear, Number(r.quarters)]));
}

/** The second half of issuing: the draft at `version` becomes issued with its frozen content. */
export async function markIssued(
	ex: Executor,
	organisationId: number,
	id: number,
	version: number,
	fields: {
		issuedAt: string;
		issuedByUserId: number | null;
		issuedBy: string;
		content: string;
		contentHash: string;
		summaryHash: string;
		totalPence: number;
	}
): Promise<StatementRow | undefined> {
	const [row] = await ex
		.update(rechargeStatement)
		.set({
			...fields,
			status: 'issued',
			version: sql`${rechargeStatement.version} + 1`,
			updatedAt: now
		})
		.where(
			and(
				eq(rechargeStatement.organisationId, organisationId),
				eq(rechargeStatement.id, id),
				eq(rechargeStatement.version, version),
				eq(rechargeStatement.status, 'draft')
			)
		)
		.returning();
	return row;
}

/** The partner's answer to its issued statement at `version`: agreed, or disputed with a reason. */
export async function recordAnswer(
	ex: Executor,
	partnerOrganisationId: number,
	id: number,
	version: number,
	answer: {
		status: 'agreed' | 'disputed';
		reason: string | null;
		userId: number | null;
		by: string;
	}
): Promise<StatementRow | undefined> {
	const [row] = await ex
		.update(rechargeStatement)
		.set({
			status: answer.status,
			disputeReason: answer.reason,
			respondedAt: nowIso(),
			respondedByUserId: answer.userId,
			respondedBy: answer.by,
			version: sql`${rechargeStatement.version} + 1`,
			updatedAt: now
		})
		.where(
			and(
				eq(rechargeStatement.partnerOrganisationId, partnerOrganisationId),
				eq(rechargeStatement.id, id),
				eq(rechargeStatement.version, version),
				eq(rechargeStatement.status, 'issued')
			)
		)
		.returning();
	return row;
}
