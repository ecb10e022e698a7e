/**
 * A draft recharge statement's lines, worked out in SQL from the kept recharges and the lines
 * already issued, a bounded batch at a time: a partner-year is 143,000 recharges at a million cost
 * lines, and a query on a local file holds the event loop while it runs. Charges are the period's
 * part of each recharge (a quarter of it rounded down, Q4 the rest: (amount x quarters) / 4 in
 * integer division, amounts being 0 or more); adjustments compare, per item (year, capital or
 * revenue, cost line, cost centre), what the issued lines charged with what is due now. The same
 * SELECTs feed the page, the downloads, the hash and the INSERT ... SELECT that issues the draft.
 */
import type { InValue } from '@libsql/client';
import type { Executor } from '../db';
import { execute, letOthersRun } from '../db/bulk';
import { SPEND_TYPES, type SpendType } from '$lib/domain/costs/cost';
import { KEY_SCOPE_LABEL, type StatementLine } from '$lib/domain/recharges';

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
const CHARGE =
	'((r.amount_pence * CAST(:after AS INTEGER)) / 4 - (r.amount_pence * CAST(:before AS INTEGER)) / 4)';
/** The columns of recharge_statement_line a line fills, in the order every SELECT here gives them. */
const LINE_COLUMNS = `kind, financial_year, cost_line_id, description, system_name, cost_centre_id, cost_centre, spend_type, key_applied, was_pence, now_pence, amount_pence`;

const scopeArgs = (d: DraftScope) => ({
	org: d.organisationId,
	partner: d.partnerId,
	year: d.financialYear,
	before: d.before,
	after: d.after
});

/** The period's charges after (or, `backwards`, before) `cursor`, `limit` of them in the statement's order. */
function chargesSql(d: DraftScope, cursor: ChargeCursor | null, limit: number, backwards = false) {
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
interface ItemRange {
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
function adjustmentsSql(d: DraftScope, r: ItemRange) {
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

const toLine = (row: Record<string, unknown> & ArrayLike<unknown>): StatementLine => ({
	kind: row[0] as StatementLine['kind'],
	financialYear: String(row[1]),
	costLineId: Number(row[2]),
	description: String(row[3] ?? ''),
	systemName: row[4] == null ? null : String(row[4]),
	costCentreId: row[5] == null ? null : Number(row[5]),
	costCentre: String(row[6] ?? ''),
	spendType: row[7] as SpendType,
	keyApplied: String(row[8] ?? ''),
	wasPence: row[9] == null ? null : Number(row[9]),
	nowPence: row[10] == null ? null : Number(row[10]),
	amountPence: Number(row[11])
});

async function selectLines(ex: Executor, q: { sql: string; args: Record<string, InValue> }) {
	const result = await runNamed(ex, q);
	return result.rows.map((row) =>
		toLine(row as unknown as Record<string, unknown> & ArrayLike<unknown>)
	);
}

function runNamed(ex: Executor, q: { sql: string; args: Record<string, InValue> }) {
	// Named arguments: the libsql client takes an object for :name parameters.
	return execute(ex, q.sql, q.args as unknown as InValue[]);
}

/** Up to `limit` charges after `cursor` (before it, `backwards`, returned in the statement's order). */
export async function chargePage(
	ex: Executor,
	d: DraftScope,
	cursor: ChargeCursor | null,
	limit: number,
	backwards = false
): Promise<StatementLine[]> {
	const lines = await selectLines(ex, chargesSql(d, cursor, limit, backwards));
	return backwards ? lines.reverse() : lines;
}

/** Every charge of the period, a batch at a time, in the statement's order. */
export async function* chargeBatches(ex: Executor, d: DraftScope, rows = BATCH_ROWS) {
	let cursor: ChargeCursor | null = null;
	for (;;) {
		const batch = await chargePage(ex, d, cursor, rows);
		if (batch.length > 0) yield batch;
		if (batch.length < rows) return;
		const last = batch[batch.length - 1]!;
		cursor = { spendType: last.spendType, costLineId: last.costLineId };
		await letOthersRun();
	}
}

/**
 * The id `rows` places after `lo` among the partner's recharges (or frozen lines) of one year and
 * spend type, or null when fewer are left: where a bounded batch ends. Read from the covering index.
 */
async function boundAfter(
	ex: Executor,
	table: 'recharge' | 'recharge_statement_line',
	d: DraftScope,
	year: string,
	spendType: SpendType,
	lo: number,
	rows: number
): Promise<number | null> {
	const partner = table === 'recharge' ? 'partner_key' : 'partner_organisation_id';
	const result = await runNamed(ex, {
		sql: `SELECT cost_line_id FROM ${table}
			WHERE organisation_id = :org AND ${partner} = :partner AND financial_year = :year
				AND spend_type = :spend AND cost_line_id > :lo
			ORDER BY cost_line_id LIMIT 1 OFFSET :skip`,
		args: {
			org: d.organisationId,
			partner: d.partnerId,
			year,
			spend: spendType,
			lo,
			skip: rows - 1
		}
	});
	const row = result.rows[0];
	return row ? Number(row[0]) : null;
}

/**
 * The ranges of cost-line ids covering one year and spend type in batches of at most `rows`
 * recharges and `rows` frozen lines each; `frozen` false for the charges alone.
 */
async function* itemRanges(
	ex: Executor,
	d: DraftScope,
	year: string,
	spendType: SpendType,
	quarters: number,
	rows: number,
	frozen = true
): AsyncGenerator<ItemRange> {
	let lo = 0;
	for (;;) {
		const ends = [await boundAfter(ex, 'recharge', d, year, spendType, lo, rows)];
		if (frozen)
			ends.push(await boundAfter(ex, 'recharge_statement_line', d, year, spendType, lo, rows));
		const found = ends.filter((e): e is number => e != null);
		const hi = found.length > 0 ? Math.min(...found) : Number.MAX_SAFE_INTEGER;
		yield { year, spendType, quarters, lo, hi };
		if (found.length === 0) return;
		lo = hi;
		await letOthersRun();
	}
}

/**
 * Every adjustment to the years already stated (`stated`: quarters per year), a batch at a time,
 * in the statement's order (year, capital or revenue, cost line, cost centre). Each batch compares
 * at most BATCH_ROWS recharges with at most BATCH_ROWS frozen lines, in SQL.
 */
export async function* adjustmentBatches(
	ex: Executor,
	d: DraftScope,
	stated: ReadonlyMap<string, number>,
	rows = BATCH_ROWS
) {
	for (const [year, quarters] of [...stated].sort(([a], [b]) => a.localeCompare(b)))
		for (const spendType of SPEND_TYPES)
			for await (const range of itemRanges(ex, d, year, spendType, quarters, rows)) {
				const batch = await selectLines(ex, adjustmentsSql(d, range));
				if (batch.length > 0) yield batch;
			}
}

/** The period's charges summed per cost centre (id) and spend type, with how many lines: batched. */
export async function chargeTotals(ex: Executor, d: DraftScope, rows = BATCH_ROWS * 5) {
	const out: {
		costCentreId: number | null;
		spendType: SpendType;
		amountPence: number;
		lines: number;
	}[] = [];
	for (const spendType of SPEND_TYPES)
		for await (const r of itemRanges(ex, d, d.financialYear, spendType, d.after, rows, false)) {
			const result = await runNamed(ex, {
				sql: `SELECT r.cost_centre_id, sum(${CHARGE}), count(*) FROM recharge r
					WHERE r.organisation_id = :org AND r.partner_key = :partner AND r.financial_year = :year
						AND r.spend_type = :spend AND r.cost_line_id > :lo AND r.cost_line_id <= :hi AND ${CHARGE} <> 0
					GROUP BY r.cost_centre_id`,
				args: { ...scopeArgs(d), spend: spendType, lo: r.lo, hi: r.hi }
			});
			for (const row of result.rows)
				out.push({
					costCentreId: row[0] == null ? null : Number(row[0]),
					spendType,
					amountPence: Number(row[1]),
					lines: Number(row[2])
				});
		}
	return out;
}

const INSERT_HEAD = `INSERT INTO recharge_statement_line (statement_id, organisation_id, partner_organisation_id, position, ${LINE_COLUMNS})`;

/**
 * Copies up to `limit` charges after `cursor` into the statement as lines from `position` + 1, in
 * one INSERT ... SELECT; returns how many.
 */
export async function copyCharges(
	ex: Executor,
	d: DraftScope,
	statementId: number,
	position: number,
	cursor: ChargeCursor | null,
	limit: number
): Promise<number> {
	const q = chargesSql(d, cursor, limit);
	const result = await runNamed(ex, {
		sql: `${INSERT_HEAD} SELECT :statement, :org, :partner,
				CAST(:position AS INTEGER) + row_number() OVER (ORDER BY spend_type, cost_line_id), * FROM (${q.sql})`,
		args: { ...q.args, statement: statementId, position }
	});
	return result.rowsAffected;
}

/** Copies every adjustment into the statement as lines from `position` + 1, a range at a time; returns how many. */
export async function copyAdjustments(
	ex: Executor,
	d: DraftScope,
	stated: ReadonlyMap<string, number>,
	statementId: number,
	position: number,
	afterEach: () => Promise<void>,
	rows = BATCH_ROWS
): Promise<number> {
	let copied = 0;
	for (const [year, quarters] of [...stated].sort(([a], [b]) => a.localeCompare(b)))
		for (const spendType of SPEND_TYPES)
			for await (const range of itemRanges(ex, d, year, spendType, quarters, rows)) {
				const q = adjustmentsSql(d, range);
				const result = await runNamed(ex, {
					sql: `${INSERT_HEAD} SELECT :statement, :org, :partner,
							CAST(:position AS INTEGER) + row_number() OVER (ORDER BY cost_line_id, coalesce(cost_centre_id, 0)), *
						FROM (${q.sql})`,
					args: { ...q.args, statement: statementId, position: position + copied }
				});
				copied += result.rowsAffected;
				await afterEach();
			}
	return copied;
}
