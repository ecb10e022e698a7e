/**
 * The frozen lines of issued recharge statements: written once, in the transaction that issues their
 * statement (while it is still a draft), never changed (migration 0028's triggers); read to show an
 * issued statement, to work out what a partner has been charged so far, and for reconciliation.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { rechargeStatementLine } from '../db/schema';
import type { Executor } from '../db';
import type { StatementRow } from './recharge-statements';
import type { Billed, StatementLine } from '$lib/domain/recharges';

const line = rechargeStatementLine;
/** Adjustments are negative as well as positive, so money-sql's totals (for amounts 0 or more) do not fit. */
const signedSum = sql<number>`coalesce(sum(${line.amountPence}), 0)`.mapWith(Number);

/**
 * What the partner has been charged so far, per item (year, cost line, cost centre, spend type):
 * the sum of every issued line, with the words of the latest line. Only issued statements have lines.
 */
export async function billedSoFar(
	ex: Executor,
	organisationId: number,
	partnerOrganisationId: number
): Promise<Billed[]> {
	const rows = await ex
		.select({
			financialYear: line.financialYear,
			costLineId: line.costLineId,
			costCentreId: line.costCentreId,
			spendType: line.spendType,
			amountPence: signedSum,
			lastId: sql<number>`max(${line.id})`
		})
		.from(line)
		.where(
			and(
				eq(line.organisationId, organisationId),
				eq(line.partnerOrganisationId, partnerOrganisationId)
			)
		)
		.groupBy(line.financialYear, line.costLineId, line.costCentreId, line.spendType);
	if (rows.length === 0) return [];
	const words = new Map(
		(
			await ex
				.select({
					id: line.id,
					description: line.description,
					systemName: line.systemName,
					costCentre: line.costCentre,
					keyApplied: line.keyApplied
				})
				.from(line)
				.where(
					and(
						eq(line.organisationId, organisationId),
						eq(line.partnerOrganisationId, partnerOrganisationId)
					)
				)
		).map((w) => [w.id, w])
	);
	return rows.map(({ lastId, ...r }) => {
		const { description, systemName, costCentre, keyApplied } = words.get(Number(lastId))!;
		return {
			...r,
			amountPence: Number(r.amountPence),
			description,
			systemName,
			costCentre,
			keyApplied
		};
	});
}

/** Copies the lines into the (still draft) statement: the first half of issuing it. */
export async function insertLines(
	ex: Executor,
	statement: Pick<StatementRow, 'id' | 'organisationId' | 'partnerOrganisationId'>,
	lines: readonly StatementLine[]
): Promise<void> {
	for (let at = 0; at < lines.length; at += 500)
		await ex.insert(line).values(
			lines.slice(at, at + 500).map((l, i) => ({
				statementId: statement.id,
				organisationId: statement.organisationId,
				partnerOrganisationId: statement.partnerOrganisationId,
				position: at + i + 1,
				kind: l.kind,
				financialYear: l.financialYear,
				costLineId: l.costLineId,
				description: l.description,
				systemName: l.systemName,
				costCentreId: l.costCentreId,
				costCentre: l.costCentre,
				spendType: l.spendType,
				keyApplied: l.keyApplied,
				wasPence: l.wasPence,
				nowPence: l.nowPence,
				amountPence: l.amountPence
			}))
		);
}

/** The stored lines of an issued statement, in their order. */
export async function linesOf(
	ex: Executor,
	organisationId: number,
	statementId: number
): Promise<StatementLine[]> {
	return ex
		.select({
			kind: line.kind,
			financialYear: line.financialYear,
			costLineId: line.costLineId,
			description: line.description,
			systemName: line.systemName,
			costCentreId: line.costCentreId,
			costCentre: line.costCentre,
			spendType: line.spendType,
			keyApplied: line.keyApplied,
			wasPence: line.wasPence,
			nowPence: line.nowPence,
			amountPence: line.amountPence
		})
		.from(line)
		.where(and(eq(line.organisationId, organisationId), eq(line.statementId, statementId)))
		.orderBy(asc(line.position));
}

export interface StatedTotal {
	partnerOrganisationId: number;
	financialYear: string;
	costCentreId: number | null;
	costCentre: string;
	spendType: 'capital' | 'revenue';
	amountPence: number;
}

/**
 * What the issued statements have charged a partner, per cost centre, year (the year each charge or
 * adjustment is for, not the statement's) and capital/revenue: what the partner's ledger should
 * show. For reconciliation against a partner's ledger.
 */
export async function statedTotalsByCostCentreYear(
	ex: Executor,
	organisationId: number,
	partnerOrganisationId: number
): Promise<StatedTotal[]> {
	const rows = await ex
		.select({
			partnerOrganisationId: line.partnerOrganisationId,
			financialYear: line.financialYear,
			costCentreId: line.costCentreId,
			costCentre: sql<string>`max(${line.costCentre})`,
			spendType: line.spendType,
			amountPence: signedSum
		})
		.from(line)
		.where(
			and(
				eq(line.organisationId, organisationId),
				eq(line.partnerOrganisationId, partnerOrganisationId)
			)
		)
		.groupBy(line.financialYear, line.costCentreId, line.spendType)
		.orderBy(asc(line.financialYear), asc(line.costCentreId), asc(line.spendType));
	return rows.map((r) => ({ ...r, amountPence: Number(r.amountPence) }));
}
