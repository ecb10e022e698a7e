/**
 * What a partner's ledger is reconciled against, read from kept totals: what the issued statements
 * charged (recharge_stated_total, kept by a trigger as issued lines arrive) and the recharges as
 * they stand (recharge_centre_total, kept with recharge_total), by partner, cost centre, financial
 * year and capital/revenue; and, on demand, a page of the lines behind one row. A partner of a
 * service of 1,000,000 cost lines has about 140,000 recharges a year: summing them for a page held
 * the event loop for 0.3-0.5 s (libSQL on a file runs each statement on it), so they are summed as
 * they are written instead, and a page of lines is read by key, never counted or skipped through.
 */
import type { InValue } from '@libsql/client';
import type { Executor } from '../db';
import { execute } from '../db/bulk';
import type { RechargedLine, RechargedTotal, RowOf } from '$lib/domain/recharges';
import type { SpendType } from '$lib/domain/costs/cost';

/** A kept total of one partner's cost centre (null: none named), year and capital/revenue. */
export interface PartnerCentreTotal extends RechargedTotal {
	partnerOrganisationId: number;
	lineCount: number;
}

const asTotal = (r: Record<string, unknown>): PartnerCentreTotal => ({
	partnerOrganisationId: Number(r.partner_organisation_id),
	costCentreId: r.cost_centre_id == null ? null : Number(r.cost_centre_id),
	financialYear: String(r.financial_year),
	spendType: r.spend_type as SpendType,
	amountPence: Number(r.amount_pence),
	lineCount: Number(r.line_count)
});

/**
 * Kept totals of one partner, or of every partner (never the overhead), from `table`: what the
 * issued statements charged (recharge_stated_total) or the recharges as they stand
 * (recharge_centre_total). A few rows per partner-year: the primary key's prefix.
 */
async function keptTotals(
	ex: Executor,
	table: 'recharge_stated_total' | 'recharge_centre_total',
	organisationId: number,
	partnerOrganisationId?: number
): Promise<PartnerCentreTotal[]> {
	const partner = table === 'recharge_centre_total' ? 'partner_key' : 'partner_organisation_id';
	const result = await execute(
		ex,
		`SELECT partner_organisation_id, cost_centre_id, financial_year, spend_type, amount_pence, line_count
		 FROM ${table}
		 WHERE organisation_id = ? AND ${partnerOrganisationId == null ? `${partner} > 0` : `${partner} = ?`}`,
		partnerOrganisationId == null ? [organisationId] : [organisationId, partnerOrganisationId]
	);
	return result.rows.map(asTotal);
}

/** What the issued statements charged (charges and adjustments), by the year of each line. */
export const statedTotals = (
	ex: Executor,
	organisationId: number,
	partnerOrganisationId?: number
) => keptTotals(ex, 'recharge_stated_total', organisationId, partnerOrganisationId);

/** The recharges as they stand. */
export const rechargedTotals = (
	ex: Executor,
	organisationId: number,
	partnerOrganisationId?: number
) => keptTotals(ex, 'recharge_centre_total', organisationId, partnerOrganisationId);

/** The years an issued statement has charged the partner for (the year of each charge or adjustment). */
export async function statedYears(
	ex: Executor,
	organisationId: number,
	partnerOrganisationId: number
): Promise<Set<string>> {
	const result = await execute(
		ex,
		`SELECT DISTINCT financial_year FROM recharge_stated_total
		 WHERE organisation_id = ? AND partner_organisation_id = ?`,
		[organisationId, partnerOrganisationId]
	);
	return new Set(result.rows.map((r) => String(r.financial_year)));
}

/**
 * The most lines listed behind one row on a page: a cost centre's year at a service of 1,000,000
 * cost lines is some 35,000 recharges; the next page starts after the last line listed.
 */
export const LINES_LISTED = 200;

/** A page of the lines behind a row, and the cost line the next page starts after (null: the last page). */
export interface LinesPage {
	lines: RechargedLine[];
	after: number | null;
}

const page = (rows: Record<string, unknown>[]): LinesPage => {
	const lines = rows.slice(0, LINES_LISTED).map((r) => ({
		costCentreId: r.cost_centre_id == null ? null : Number(r.cost_centre_id),
		financialYear: String(r.financial_year),
		spendType: r.spend_type as SpendType,
		amountPence: Number(r.amount),
		costLineId: Number(r.cost_line_id),
		description: String(r.description)
	}));
	return { lines, after: rows.length > LINES_LISTED ? lines.at(-1)!.costLineId : null };
};

const rowFilter = (row: RowOf, alias: string, after: number): [string, InValue[]] => [
	`${alias}.financial_year = ? AND ${alias}.spend_type = ? AND ${alias}.cost_centre_id IS ? AND ${alias}.cost_line_id > ?`,
	[row.financialYear, row.spendType, row.costCentreId, after]
];

/**
 * The issued charges behind one row, per cost line after `after`: each item's amounts summed over
 * every issued statement (charges and adjustments), with the words of its latest line, in cost-line
 * order. A range of the covering partner index, at most a page and one more.
 */
export async function statedLinesOf(
	ex: Executor,
	organisationId: number,
	partnerOrganisationId: number,
	row: RowOf,
	after = 0
): Promise<LinesPage> {
	const [filter, args] = rowFilter(row, 's', after);
	const result = await execute(
		ex,
		`SELECT g.*, w.description FROM (
			SELECT s.cost_line_id, s.cost_centre_id, s.financial_year, s.spend_type,
				sum(s.amount_pence) AS amount, max(s.id) AS last_id
			FROM recharge_statement_line s
			WHERE s.organisation_id = ? AND s.partner_organisation_id = ? AND ${filter}
			GROUP BY s.cost_line_id ORDER BY s.cost_line_id LIMIT ${LINES_LISTED + 1}
		 ) g JOIN recharge_statement_line w ON w.id = g.last_id
		 ORDER BY g.cost_line_id`,
		[organisationId, partnerOrganisationId, ...args]
	);
	return page(result.rows);
}

/** The recharges behind one row as they stand, after `after`, in cost-line order. */
export async function rechargedLinesOf(
	ex: Executor,
	organisationId: number,
	partnerOrganisationId: number,
	row: RowOf,
	after = 0
): Promise<LinesPage> {
	const [filter, args] = rowFilter(row, 'r', after);
	const result = await execute(
		ex,
		`SELECT r.cost_line_id, r.cost_centre_id, r.financial_year, r.spend_type,
			r.amount_pence AS amount, l.description
		 FROM recharge r JOIN cost_line l ON l.id = r.cost_line_id
		 WHERE r.organisation_id = ? AND r.partner_key = ? AND ${filter}
		 ORDER BY r.cost_line_id LIMIT ${LINES_LISTED + 1}`,
		[organisationId, partnerOrganisationId, ...args]
	);
	return page(result.rows);
}
