/**
 * The frozen lines of issued recharge statements: written once, in the transaction that issues their
 * statement (while it is still a draft; repos/recharge-statement-draft.ts copies them), never changed
 * (the stmt17_recharge_statements migration's triggers); read a page or a batch at a time to show,
 * download or check an issued statement, and summed for reconciliation.
 */
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { rechargeStatementLine } from '../db/schema';
import type { Executor } from '../db';
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

const lineColumns = {
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
};

/**
 * Up to `limit` stored lines of a statement after `position` (lines are numbered from 1 in the
 * statement's order), read by the (statement, position) index: a page, or a batch of a download or
 * of the full check.
 */
export async function linesAfter(
	ex: Executor,
	organisationId: number,
	statementId: number,
	position: number,
	limit: number
): Promise<StatementLine[]> {
	return ex
		.select(lineColumns)
		.from(line)
		.where(
			and(
				eq(line.statementId, statementId),
				gt(line.position, position),
				eq(line.organisationId, organisationId)
			)
		)
		.orderBy(asc(line.position))
		.limit(limit);
}

/** Removes the lines copied into a draft whose issue was refused (the triggers refuse it once issued). */
export async function deleteDraftLines(ex: Executor, organisationId: number, statementId: number) {
	await ex
		.delete(line)
		.where(and(eq(line.statementId, statementId), eq(line.organisationId, organisationId)));
}

/** Every stored line of a statement, in order (a small one: tests; pages and downloads read linesAfter). */
export const linesOf = (ex: Executor, organisationId: number, statementId: number) =>
	linesAfter(ex, organisationId, statementId, 0, -1);

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
