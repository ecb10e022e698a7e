/**
 * Roll-up arithmetic over plain rows of integer pence. Every figure a business case shows must
 * reconcile to the penny: totals are sums of what is displayed, each figure rounded once by its rule
 * in money.ts (the part-year saving: rounded down).
 *
 * No total here can fail a page: each amount is at most MAX_AMOUNT_PENCE when entered, but a sum of
 * more than 90,071 of them (or of figures saved before the cap) can pass 2^53 pence, the most a
 * double holds exactly. Such a total becomes Infinity (money.ts checkedPence), stays so through
 * every later sum and difference, and is written 'too large to show'; never a wrong figure.
 */
import { SPEND_TYPES, type SpendType } from '../costs/cost';
import type { FinancialYear } from '../fiscal';
import { checkedPence } from '../money';

const checkPence = checkedPence;

/**
 * Adds amounts of pence exactly; a fraction of a penny throws (a bug), and a total past 2^53 pence
 * is too large to show (Infinity) rather than rounded.
 */
export function sumPence(amounts: Iterable<number>): number {
	let total = 0;
	for (const a of amounts) total = checkPence(total + checkPence(a, 'An amount'), 'A total');
	return total;
}

/** a - b, too large to show when either is (or the difference is). */
export function subtractPence(a: number, b: number): number {
	return checkPence(checkPence(a) - checkPence(b), 'A difference');
}

export type PivotKey = string | number | null;
export interface PivotRow<RK, CK> {
	key: RK;
	/** One entry for every column, 0 where the row has nothing in it. */
	cells: Map<CK, number>;
	total: number;
}
export interface Pivot<RK, CK> {
	rows: PivotRow<RK, CK>[];
	columns: { key: CK; total: number }[];
	grandTotal: number;
}

/** Ascending, numbers before strings, null ('none recorded') last: a stable order for any key. */
function compareKeys(a: PivotKey, b: PivotKey): number {
	if (a === b) return 0;
	if (a === null) return 1;
	if (b === null) return -1;
	if (typeof a !== typeof b) return typeof a === 'number' ? -1 : 1;
	return a < b ? -1 : 1;
}

function orderKeys<K extends PivotKey>(found: Iterable<K>, given: readonly K[] = []): K[] {
	const givenSet = new Set(given);
	return [...given, ...[...found].filter((k) => !givenSet.has(k)).sort(compareKeys)];
}

/**
 * Cross-tabulates rows by two keys, e.g. `pivot(lines, (l) => l.workstreamId, (l) => l.financialYear)`.
 * Keys in `order` come first in that order and are shown even when empty (every year of a plan);
 * any other key found follows, sorted, so no amount is ever dropped from a table.
 */
export function pivot<R extends { amountPence: number }, RK extends PivotKey, CK extends PivotKey>(
	rows: Iterable<R>,
	rowKey: (row: R) => RK,
	colKey: (row: R) => CK,
	order: { rows?: readonly RK[]; columns?: readonly CK[] } = {}
): Pivot<RK, CK> {
	const sums = new Map<RK, Map<CK, number>>();
	const colsFound = new Set<CK>();
	for (const row of rows) {
		const r = rowKey(row);
		const c = colKey(row);
		colsFound.add(c);
		let line = sums.get(r);
		if (!line) sums.set(r, (line = new Map()));
		line.set(
			c,
			checkPence((line.get(c) ?? 0) + checkPence(row.amountPence, 'An amount'), 'A total')
		);
	}
	const columnKeys = orderKeys(colsFound, order.columns);
	const pivotRows = orderKeys(sums.keys(), order.rows).map((key) => {
		const found = sums.get(key);
		const cells = new Map(columnKeys.map((c) => [c, found?.get(c) ?? 0] as const));
		return { key, cells, total: sumPence(cells.values()) };
	});
	const columns = columnKeys.map((key) => ({
		key,
		total: sumPence(pivotRows.map((r) => r.cells.get(key) ?? 0))
	}));
	return { rows: pivotRows, columns, grandTotal: sumPence(pivotRows.map((r) => r.total)) };
}

export interface Discrepancy {
	where: 'row' | 'column' | 'grand total';
	key: PivotKey;
	shownPence: number;
	sumPence: number;
	explanation: string;
}

/**
 * Every way a pivot fails to add up: a row total that is not the sum of its cells, a column total
 * that is not the sum of its column, a grand total that is not the sum of the row totals or of the
 * column totals, or (given `fromScratchPence`, summed straight from the source rows) that is not the
 * sum of the source. Empty when it reconciles; the rebuild command and the tests both rely on it.
 */
export function checkReconciles<RK extends PivotKey, CK extends PivotKey>(
	p: Pivot<RK, CK>,
	fromScratchPence?: number
): Discrepancy[] {
	const found: Discrepancy[] = [];
	const check = (
		where: Discrepancy['where'],
		key: PivotKey,
		shown: number,
		sum: number,
		of: string
	) => {
		// Two totals too large to show agree: neither is a figure that could be wrong.
		if (shown !== sum && !(Number.isNaN(shown) && Number.isNaN(sum)))
			found.push({
				where,
				key,
				shownPence: shown,
				sumPence: sum,
				explanation: `${where} ${key ?? '(none)'} shows ${shown} pence but ${of} add up to ${sum}`
			});
	};
	for (const row of p.rows) check('row', row.key, row.total, sum(row.cells.values()), 'its cells');
	for (const col of p.columns)
		check(
			'column',
			col.key,
			col.total,
			sum(p.rows.map((r) => r.cells.get(col.key) ?? 0)),
			'its cells'
		);
	check('grand total', null, p.grandTotal, sum(p.rows.map((r) => r.total)), 'the row totals');
	check('grand total', null, p.grandTotal, sum(p.columns.map((c) => c.total)), 'the column totals');
	if (fromScratchPence !== undefined)
		check('grand total', null, p.grandTotal, fromScratchPence, 'the source rows');
	return found;
}

/** A sum for checking, which must not throw on the figures it is checking (a fraction stays visible as NaN). */
function sum(values: Iterable<number>): number {
	let total = 0;
	for (const v of values)
		total = Number.isInteger(v) || !Number.isFinite(v) ? checkPence(total + v) : NaN;
	return total;
}

export interface SpendRow {
	financialYear: FinancialYear;
	spendType: SpendType;
	amountPence: number;
}
export interface FundingGapRow {
	financialYear: FinancialYear;
	spendType: SpendType;
	costPence: number;
	fundingPence: number;
	/** Cost less funding: positive is a shortfall to find, negative is funding not yet committed. */
	gapPence: number;
}

/**
 * Funding against cost for each year, capital and revenue apart (capital funding cannot cover a
 * revenue shortfall). Every year in `years` appears, and any other year found in the data after
 * them, so no cost or funding is left out of the comparison.
 */
export function fundingGap(
	costs: Iterable<SpendRow>,
	funding: Iterable<SpendRow>,
	years: readonly FinancialYear[] = []
): FundingGapRow[] {
	const key = (r: SpendRow) => `${r.financialYear}|${r.spendType}`;
	const cost = pivot(costs, key, () => 'cost');
	const fund = pivot(funding, key, () => 'funding');
	const found = new Set([...cost.rows, ...fund.rows].map((r) => r.key.split('|')[0]!));
	const allYears = orderKeys(found, years);
	const totalOf = (p: Pivot<string, string>, k: string) =>
		p.rows.find((r) => r.key === k)?.total ?? 0;
	return allYears.flatMap((financialYear) =>
		SPEND_TYPES.map((spendType) => {
			const costPence = totalOf(cost, `${financialYear}|${spendType}`);
			const fundingPence = totalOf(fund, `${financialYear}|${spendType}`);
			return {
				financialYear,
				spendType,
				costPence,
				fundingPence,
				gapPence: subtractPence(costPence, fundingPence)
			};
		})
	);
}
