/**
 * What a partner's ledger is reconciled against, summed in SQL: the issued statements' lines and
 * the recharges of a partner, by cost centre, financial year and capital/revenue, for the years its
 * ledger covers only; and, for a row that differs beyond the tolerance, the lines behind it. A
 * partner of a service of 1,000,000 cost lines has about 140,000 recharges a year: they are summed
 * where they are kept, never carried into JavaScript to be added up there.
 */
import type { InValue } from '@libsql/client';
import type { Executor } from '../db';
import { execute } from '../db/bulk';
import type { RechargedLine, RechargedTotal } from '$lib/domain/recharges';
import type { SpendType } from '$lib/domain/costs/cost';

const inList = (values: readonly unknown[]) => values.map(() => '?').join(',');

const asTotal = (r: Record<string, unknown>): RechargedTotal => ({
	costCentreId: r.cost_centre_id == null ? null : Number(r.cost_centre_id),
	financialYear: String(r.financial_year),
	spendType: r.spend_type as SpendType,
	amountPence: Number(r.amount)
});

/** The years an issued statement has charged the partner for (the year of each charge or adjustment). */
export async function statedYears(
	ex: Executor,
	organisationId: number,
	partnerOrganisationId: number
): Promise<string[]> {
	const result = await execute(
		ex,
		`SELECT DISTINCT financial_year FROM recharge_statement_line
		 WHERE organisation_id = ? AND partner_organisation_id = ? ORDER BY 1`,
		[organisationId, partnerOrganisationId]
	);
	return result.rows.map((r) => String(r.financial_year));
}

/**
 * A partner's amounts of `years` by cost centre, year and capital/revenue, from `table`: what the
 * issued statements charged it (recharge_statement_line) or its recharges as they stand (recharge).
 */
async function totalsFrom(
	ex: Executor,
	table: 'recharge_statement_line' | 'recharge',
	organisationId: number,
	partnerOrganisationId: number,
	years: readonly string[]
): Promise<RechargedTotal[]> {
	if (years.length === 0) return [];
	const partner = table === 'recharge' ? 'partner_key' : 'partner_organisation_id';
	const result = await execute(
		ex,
		`SELECT cost_centre_id, financial_year, spend_type, sum(amount_pence) AS amount
		 FROM ${table}
		 WHERE organisation_id = ? AND ${partner} = ? AND financial_year IN (${inList(years)})
		 GROUP BY cost_centre_id, financial_year, spend_type`,
		[organisationId, partnerOrganisationId, ...years]
	);
	return result.rows.map(asTotal);
}

/** What the issued statements charged the partner for `years`, by cost centre, year and capital/revenue. */
export const statedTotals = (
	ex: Executor,
	organisationId: number,
	partnerOrganisationId: number,
	years: readonly string[]
) => totalsFrom(ex, 'recharge_statement_line', organisationId, partnerOrganisationId, years);

/** The partner's recharges of `years` as they stand, by cost centre, year and capital/revenue. */
export const rechargedTotals = (
	ex: Executor,
	organisationId: number,
	partnerOrganisationId: number,
	years: readonly string[]
) => totalsFrom(ex, 'recharge', organisationId, partnerOrganisationId, years);

/**
 * The most lines listed behind one row: a cost centre's year at a service of 1,000,000 cost lines
 * is some 35,000 recharges, more than anyone reads on a page; the row says how many there are.
 */
export const LINES_LISTED = 500;

/** One row of the reconciliation: a cost centre (null: none named), year and capital/revenue. */
export interface RowOf {
	costCentreId: number | null;
	financialYear: string;
	spendType: SpendType;
}

/** Up to LINES_LISTED lines behind a row, and how many there are in all. */
export interface ListedLines {
	lines: RechargedLine[];
	count: number;
}

const listed = (rows: Record<string, unknown>[]): ListedLines => ({
	lines: rows.map((r) => ({
		...asTotal(r),
		costLineId: Number(r.cost_line_id),
		description: String(r.description)
	})),
	count: rows.length === 0 ? 0 : Number(rows[0]!.whole)
});

const rowFilter = (row: RowOf, alias: string): [string, InValue[]] => [
	`${alias}.financial_year = ? AND ${alias}.spend_type = ? AND ${alias}.cost_centre_id IS ?`,
	[row.financialYear, row.spendType, row.costCentreId]
];

/**
 * The issued charges behind one row, per cost line: each item's amounts summed over every issued
 * statement (charges and adjustments), with the words of its latest line, in cost-line order.
 */
export async function statedLinesOf(
	ex: Executor,
	organisationId: number,
	partnerOrganisationId: number,
	row: RowOf
): Promise<ListedLines> {
	const [filter, args] = rowFilter(row, 's');
	const result = await execute(
		ex,
		`SELECT g.*, w.description, count(*) OVER () AS whole FROM (
			SELECT s.cost_line_id, s.cost_centre_id, s.financial_year, s.spend_type,
				sum(s.amount_pence) AS amount, max(s.id) AS last_id
			FROM recharge_statement_line s
			WHERE s.organisation_id = ? AND s.partner_organisation_id = ? AND ${filter}
			GROUP BY s.cost_line_id
		 ) g JOIN recharge_statement_line w ON w.id = g.last_id
		 ORDER BY g.cost_line_id LIMIT ${LINES_LISTED}`,
		[organisationId, partnerOrganisationId, ...args]
	);
	return listed(result.rows);
}

/** The recharges behind one row as they stand, in cost-line order. */
export async function rechargedLinesOf(
	ex: Executor,
	organisationId: number,
	partnerOrganisationId: number,
	row: RowOf
): Promise<ListedLines> {
	const [filter, args] = rowFilter(row, 'r');
	const result = await execute(
		ex,
		`SELECT r.cost_line_id, r.cost_centre_id, r.financial_year, r.spend_type,
			r.amount_pence AS amount, l.description, count(*) OVER () AS whole
		 FROM recharge r JOIN cost_line l ON l.id = r.cost_line_id
		 WHERE r.organisation_id = ? AND r.partner_key = ? AND ${filter}
		 ORDER BY r.cost_line_id LIMIT ${LINES_LISTED}`,
		[organisationId, partnerOrganisationId, ...args]
	);
	return listed(result.rows);
}
