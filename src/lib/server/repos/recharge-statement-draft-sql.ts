/**
 * The SQL of a draft recharge statement (repos/recharge-statement-draft.ts runs it): the period's
 * charges, and the adjustments of one range of items, each giving the columns of a
 * recharge_statement_line in order, so the same SELECT feeds a page, a download, the hash and the
 * INSERT ... SELECT that issues the draft. Words (cost centre, key applied) are worked out here as
 * the recharge pages say them.
 */
import type { InValue } from '@libsql/client';
import type { SpendType } from '$lib/domain/costs/cost';
import { KEY_SCOPE_LABEL } from '$lib/domain/recharges';

/** One partner's statement period: the quarters of the year stated before it and once it is issued. */
export interface DraftScope {
	organisationId: number;
	partnerId: number;
	financialYear: string;
	before: number;
	after: number;
}

/** Where a charge sits in the statement's order (capital before revenue, then cost line). */
export interface ChargeCursor {
	spendType: SpendType;
	costLineId: number;
}

/** Recharges (or frozen lines) per batch: a few milliseconds of SQLite work between turns of the event loop. */
export const BATCH_ROWS = 2000;

const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;
const KEY_WORDS = `CASE WHEN k.id IS NULL THEN '' ELSE (CASE k.scope ${Object.entries(
	KEY_SCOPE_LABEL
)
	.map(([scope, label]) => `WHEN ${quote(scope)} THEN ${quote(label)}`)
	.join(
		' '
	)} END) || CASE WHEN k.kind = 'driver' THEN ' (' || k.measure || ')' ELSE ' (fixed)' END END`;
/** 'EDU-114 Hillside Primary School' for the partner's own live cost centre, '' for none (as the recharge pages say). */
const CENTRE_WORDS = `coalesce(pcc.code || ' ' || pcc.name, '')`;
/** The words of a recharge `r`: its cost line, system, key applied and cost centre. */
const WORDS_JOINS = `JOIN cost_line c ON c.id = r.cost_line_id
	LEFT JOIN system sy ON sy.id = c.system_id
	LEFT JOIN allocation_key k ON k.id = r.allocation_key_id
	LEFT JOIN partner_cost_centre pcc ON pcc.id = r.cost_centre_id AND pcc.organisation_id = r.organisation_id
		AND pcc.partner_organisation_id = r.partner_organisation_id AND pcc.archived_at IS NULL`;
// The client binds a JavaScript number as a REAL: cast, so that / 4 is integer division (rounding down).
export const CHARGE =
	'((r.amount_pence * CAST(:after AS INTEGER)) / 4 - (r.amount_pence * CAST(:before AS INTEGER)) / 4)';
/** The columns of recharge_statement_line a line fills, in the order every SELECT here gives them. */
export const LINE_COLUMNS = `kind, financial_year, cost_line_id, description, system_name, cost_centre_id, cost_centre, spend_type, key_applied, was_pence, now_pence, amount_pence`;

export const scopeArgs = (d: DraftScope) => ({
	org: d.organisationId,
	partner: d.partnerId,
	year: d.financialYear,
	before: d.before,
	after: d.after
});

/** The period's charges after (or, `backwards`, before) `cursor`, `limit` of them in the statement's order. */
export function chargesSql(
	d: DraftScope,
	cursor: ChargeCursor | null,
	limit: number,
	backwards = false
) {
	const at = cursor
		? `AND (r.spend_type, r.cost_line_id) ${backwards ? '<' : '>'} (:spend, :line)`
		: '';
	return {
		sql: `SELECT 'charge' AS kind, r.financial_year, r.cost_line_id, c.description, sy.name AS system_name,
				r.cost_centre_id, ${CENTRE_WORDS} AS cost_centre, r.spend_type, ${KEY_WORDS} AS key_applied,
				NULL AS was_pence, NULL AS now_pence, ${CHARGE} AS amount_pence
			FROM recharge r ${WORDS_JOINS}
			WHERE r.organisation_id = :org AND r.partner_key = :partner AND r.financial_year = :year
				AND ${CHARGE} <> 0 ${at}
			ORDER BY r.spend_type ${backwards ? 'DESC' : ''}, r.cost_line_id ${backwards ? 'DESC' : ''}
			LIMIT :limit`,
		args: {
			...scopeArgs(d),
			limit,
			...(cursor ? { spend: cursor.spendType, line: cursor.costLineId } : {})
		} as Record<string, InValue>
	};
}

/** A range of cost-line ids (lo, hi] of one year and spend type: one batch of the comparison. */
export interface ItemRange {
	year: string;
	spendType: SpendType;
	quarters: number;
	lo: number;
	hi: number;
}

/**
 * The adjustments of one range: each item whose issued lines charged other than is due now
 * (dueAfter: the stated quarters' part of the recharge), in words of the recharge now, or of the
 * item's latest issued line when it has no recharge now (archived, moved, another cost centre).
 */
export function adjustmentsSql(d: DraftScope, r: ItemRange) {
	return {
		sql: `WITH items(cl, cc, was, due, last_id, live) AS (
				SELECT cost_line_id, coalesce(cost_centre_id, 0), amount_pence, 0, id, 0
				FROM recharge_statement_line
				WHERE organisation_id = :org AND partner_organisation_id = :partner AND financial_year = :ryear
					AND spend_type = :spend AND cost_line_id > :lo AND cost_line_id <= :hi
				UNION ALL
				SELECT cost_line_id, coalesce(cost_centre_id, 0), 0, (amount_pence * CAST(:quarters AS INTEGER)) / 4, NULL, 1
				FROM recharge
				WHERE organisation_id = :org AND partner_key = :partner AND financial_year = :ryear
					AND spend_type = :spend AND cost_line_id > :lo AND cost_line_id <= :hi
			), diff AS (
				SELECT cl, cc, sum(was) AS was, sum(due) AS due, max(last_id) AS last_id, max(live) AS live
				FROM items GROUP BY cl, cc HAVING sum(was) <> sum(due)
			)
			SELECT 'adjustment' AS kind, :ryear AS financial_year, d.cl AS cost_line_id,
				CASE WHEN d.live THEN c.description ELSE l.description END AS description,
				CASE WHEN d.live THEN sy.name ELSE l.system_name END AS system_name,
				nullif(d.cc, 0) AS cost_centre_id,
				CASE WHEN d.live THEN ${CENTRE_WORDS} ELSE l.cost_centre END AS cost_centre,
				:spend AS spend_type,
				CASE WHEN d.live THEN ${KEY_WORDS} ELSE l.key_applied END AS key_applied,
				d.was AS was_pence, d.due AS now_pence, d.due - d.was AS amount_pence
			FROM diff d
			LEFT JOIN recharge_statement_line l ON l.id = d.last_id AND NOT d.live
			LEFT JOIN recharge r ON d.live AND r.cost_line_id = d.cl AND r.partner_key = :partner
			LEFT ${WORDS_JOINS}
			ORDER BY d.cl, d.cc`,
		args: {
			...scopeArgs(d),
			ryear: r.year,
			spend: r.spendType,
			quarters: r.quarters,
			lo: r.lo,
			hi: r.hi
		} as Record<string, InValue>
	};
}
