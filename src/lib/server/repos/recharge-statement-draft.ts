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
import type { StatementLine } from '$lib/domain/recharges';
import {
	BATCH_ROWS,
	CHARGE,
	LINE_COLUMNS,
	adjustmentsSql,
	chargesSql,
	scopeArgs,
	type ChargeCursor,
	type DraftScope,
	type ItemRange
} from './recharge-statement-draft-sql';

export { BATCH_ROWS, type ChargeCursor, type DraftScope } from './recharge-statement-draft-sql';

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

/**
 * Runs a statement with named (:name) parameters, passing only the names the SQL uses: a file
 * ignores an unused name, but sqld refuses the whole statement ('ARGS_INVALID: too many
 * parameters'), and the shared scope arguments are not used by every statement.
 */
function runNamed(ex: Executor, q: { sql: string; args: Record<string, InValue> }) {
	const used = new Set([...q.sql.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!));
	const args = Object.fromEntries(Object.entries(q.args).filter(([name]) => used.has(name)));
	// The libsql client takes an object for :name parameters.
	return execute(ex, q.sql, args as unknown as InValue[]);
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
 * The ranges of cost-line ids (`from`, `to`] covering one year and spend type in batches of at most
 * `rows` recharges and `rows` frozen lines each; `frozen` false for the charges alone.
 */
async function* itemRanges(
	ex: Executor,
	d: DraftScope,
	year: string,
	spendType: SpendType,
	quarters: number,
	rows: number,
	frozen = true,
	from = 0,
	to = Number.MAX_SAFE_INTEGER
): AsyncGenerator<ItemRange> {
	let lo = from;
	for (;;) {
		const ends = [await boundAfter(ex, 'recharge', d, year, spendType, lo, rows)];
		if (frozen)
			ends.push(await boundAfter(ex, 'recharge_statement_line', d, year, spendType, lo, rows));
		const found = ends.filter((e): e is number => e != null && e < to);
		const hi = found.length > 0 ? Math.min(...found) : to;
		yield { year, spendType, quarters, lo, hi };
		if (found.length === 0) return;
		lo = hi;
		await letOthersRun();
	}
}

/** Cost-line ids per block of recharge_change (its `bucket` is cost_line_id >> 14). */
const BLOCK_IDS = 2 ** 14;

/**
 * The runs of consecutive blocks of one year where the partner's recharges changed since its last
 * issued statement (recharge_change), as ranges of cost-line ids (lo, hi]: the only places a draft
 * can find an adjustment, as issuing brought every item of every stated year up to what was due.
 */
async function changedSpans(ex: Executor, d: DraftScope, year: string) {
	const result = await runNamed(ex, {
		sql: `SELECT bucket FROM recharge_change
			WHERE organisation_id = :org AND partner_key = :partner AND financial_year = :year
			ORDER BY bucket`,
		args: { org: d.organisationId, partner: d.partnerId, year }
	});
	const spans: { lo: number; hi: number }[] = [];
	for (const row of result.rows) {
		const bucket = Number(row[0]);
		const last = spans[spans.length - 1];
		if (last && last.hi === bucket * BLOCK_IDS - 1) last.hi += BLOCK_IDS;
		else spans.push({ lo: bucket * BLOCK_IDS - 1, hi: (bucket + 1) * BLOCK_IDS - 1 });
	}
	return spans;
}

/** The batches of one stated year and spend type to compare: item ranges within its changed spans. */
async function* changedRanges(
	ex: Executor,
	d: DraftScope,
	year: string,
	spendType: SpendType,
	quarters: number,
	rows: number
) {
	for (const span of await changedSpans(ex, d, year))
		yield* itemRanges(ex, d, year, spendType, quarters, rows, true, span.lo, span.hi);
}

/**
 * Forgets where the partner's recharges changed: called by the transaction that issues one of its
 * statements, which brings every item of every year stated up to what is due.
 */
export async function clearChanges(ex: Executor, d: DraftScope): Promise<void> {
	await runNamed(ex, {
		sql: 'DELETE FROM recharge_change WHERE organisation_id = :org AND partner_key = :partner',
		args: { org: d.organisationId, partner: d.partnerId }
	});
}

/**
 * Every adjustment to the years already stated (`stated`: quarters per year), a batch at a time,
 * in the statement's order (year, capital or revenue, cost line, cost centre). Each batch compares
 * at most BATCH_ROWS recharges with at most BATCH_ROWS frozen lines, in SQL, and only where the
 * partner's recharges changed since its last issued statement (changedSpans).
 */
export async function* adjustmentBatches(
	ex: Executor,
	d: DraftScope,
	stated: ReadonlyMap<string, number>,
	rows = BATCH_ROWS
) {
	for (const [year, quarters] of [...stated].sort(([a], [b]) => a.localeCompare(b)))
		for (const spendType of SPEND_TYPES)
			for await (const range of changedRanges(ex, d, year, spendType, quarters, rows)) {
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
			for await (const range of changedRanges(ex, d, year, spendType, quarters, rows)) {
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
