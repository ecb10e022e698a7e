/**
 * Working a year's recharges out in SQL, one range of cost-line ids at a time, so a year of a large
 * shared service (140,000 lines x 10 partners) is never carried through JavaScript and no statement
 * holds the event loop for long (a query on a local file runs synchronously). The same rules as
 * domain/recharges, to the penny: the most specific key of the line's year (cost line, system,
 * workstream, then the service's default); its partners with a weight above 0 share the line by
 * largest remainder (floor first; the leftover pennies to the largest remainders, ties to the larger
 * weight, then the lower partner id, which is the order the domain is given the shares in); a line
 * with no such key is kept whole as overhead. A line whose amount x key total could pass 2^63 is
 * left for the caller to share in JavaScript (BigInt), found by `linesLeftOver`.
 *
 * Every statement walks its range of ids by the primary key: the unary `+` on the organisation and
 * year keeps SQLite's planner off the (organisation, ...) indexes, which would read the service's
 * every line or recharge for each range (measured: 92 s instead of seconds for 20,000 lines).
 */
import type { Executor } from '../db';
import { execute } from '../db/bulk';
import type { RechargeLine } from '$lib/domain/recharges';
import type { CentreTotalRow } from './recharge-totals';

/** ?1 organisation, ?2 year, ?3 first id, ?4 id after the last. */
const KEY_FOR = (scope: string, id: string) =>
	`(SELECT k.id FROM allocation_key k WHERE k.organisation_id = ?1 AND k.financial_year = ?2 AND k.scope = '${scope}' AND k.scope_id = ${id})`;

const DERIVE_RANGE = `
WITH line AS MATERIALIZED (
	SELECT l.id, l.spend_type, l.amount_pence AS amount,
		coalesce(${KEY_FOR('cost_line', 'l.id')}, ${KEY_FOR('system', 'l.system_id')},
			${KEY_FOR('workstream', 'l.workstream_id')}, ${KEY_FOR('service', '0')}) AS key_id
	FROM cost_line l
	WHERE l.id >= ?3 AND l.id < ?4 AND +l.organisation_id = ?1 AND +l.financial_year = ?2
		AND l.archived_at IS NULL
),
part AS (
	SELECT line.id, line.spend_type, line.amount, line.key_id, s.partner_organisation_id AS partner,
		s.weight, s.cost_centre_id, sum(s.weight) OVER (PARTITION BY line.id) AS total
	FROM line JOIN allocation_key_share s
		ON s.key_id = line.key_id AND s.organisation_id = ?1 AND s.weight > 0
),
cut AS (
	SELECT *, amount * weight / total AS floor, amount * weight % total AS remainder
	FROM part WHERE amount <= 9223372036854775807 / total
),
ranked AS (
	SELECT *, amount - sum(floor) OVER (PARTITION BY id) AS left_over,
		row_number() OVER (PARTITION BY id ORDER BY remainder DESC, weight DESC, partner) AS place
	FROM cut
)
INSERT INTO recharge (organisation_id, cost_line_id, partner_key, partner_organisation_id,
	financial_year, spend_type, amount_pence, allocation_key_id, cost_centre_id)
SELECT ?1, id, partner, partner, ?2, spend_type, floor + (place <= left_over), key_id, cost_centre_id
FROM ranked
UNION ALL
SELECT ?1, id, 0, NULL, ?2, spend_type, amount, NULL, NULL FROM line
WHERE NOT EXISTS (SELECT 1 FROM allocation_key_share s WHERE s.key_id = line.key_id AND s.weight > 0)`;

/** The highest cost-line id there is: the end of the ranges to walk. */
export async function lastLineId(ex: Executor): Promise<number> {
	const result = await execute(ex, 'SELECT coalesce(max(id), 0) AS id FROM cost_line');
	return Number(result.rows[0]!.id);
}

/** Removes the year's recharges of lines `fromId` <= id < `toId`. */
export async function deleteRange(
	ex: Executor,
	organisationId: number,
	financialYear: string,
	fromId: number,
	toId: number
): Promise<void> {
	await execute(
		ex,
		'DELETE FROM recharge WHERE cost_line_id >= ? AND cost_line_id < ? AND +organisation_id = ? AND +financial_year = ?',
		[fromId, toId, organisationId, financialYear]
	);
}

/** Shares the year's live lines `fromId` <= id < `toId` (their old recharges must be gone). */
export async function deriveRange(
	ex: Executor,
	organisationId: number,
	financialYear: string,
	fromId: number,
	toId: number
): Promise<void> {
	await execute(ex, DERIVE_RANGE, [organisationId, financialYear, fromId, toId]);
}

/** The year's live lines in the range that have no recharge yet: those too large for SQL integers. */
export async function linesLeftOver(
	ex: Executor,
	organisationId: number,
	financialYear: string,
	fromId: number,
	toId: number
): Promise<RechargeLine[]> {
	const result = await execute(
		ex,
		`SELECT l.id, l.financial_year, l.spend_type, l.system_id, l.workstream_id, l.amount_pence
		 FROM cost_line l
		 WHERE l.id >= ? AND l.id < ? AND +l.organisation_id = ? AND +l.financial_year = ?
			AND l.archived_at IS NULL
			AND NOT EXISTS (SELECT 1 FROM recharge r WHERE r.cost_line_id = l.id)
		 ORDER BY l.id`,
		[fromId, toId, organisationId, financialYear]
	);
	return result.rows.map((r) => ({
		id: Number(r.id),
		financialYear: String(r.financial_year) as RechargeLine['financialYear'],
		spendType: r.spend_type as RechargeLine['spendType'],
		systemId: r.system_id == null ? null : Number(r.system_id),
		workstreamId: r.workstream_id == null ? null : Number(r.workstream_id),
		amountPence: Number(r.amount_pence)
	}));
}

/** The year's recharges of the range summed by partner, cost centre and capital/revenue. */
export async function rangeTotals(
	ex: Executor,
	organisationId: number,
	financialYear: string,
	fromId: number,
	toId: number
): Promise<CentreTotalRow[]> {
	const result = await execute(
		ex,
		`SELECT partner_organisation_id, cost_centre_id, spend_type, sum(amount_pence) AS amount, count(*) AS lines
		 FROM recharge
		 WHERE cost_line_id >= ? AND cost_line_id < ? AND +organisation_id = ? AND +financial_year = ?
		 GROUP BY partner_key, cost_centre_id, spend_type`,
		[fromId, toId, organisationId, financialYear]
	);
	return result.rows.map((r) => ({
		partnerOrganisationId:
			r.partner_organisation_id == null ? null : Number(r.partner_organisation_id),
		costCentreId: r.cost_centre_id == null ? null : Number(r.cost_centre_id),
		financialYear,
		spendType: r.spend_type as 'capital' | 'revenue',
		amountPence: Number(r.amount),
		lineCount: Number(r.lines)
	}));
}
