/**
 * Sums of pence read from SQL so that no total can fail a page. SQLite's sum() throws 'integer
 * overflow' past 2^63, and @libsql/client throws on reading any integer past 2^53 ('cannot be safely
 * represented'), so a total of capped amounts over enough rows (or of amounts saved before the cap)
 * answered 500. total() adds in doubles instead and never throws: for whole pence 0 or more it is
 * exact while the total stays under 2^53 (every partial sum is then a whole number a double holds),
 * and past that it is at least 2^53, which domain/money.ts checkedPence turns into 'too large to show'.
 * Every amount is 0 or more (CHECK constraints, migration 0012), so no partial sum runs ahead of the total.
 */
import { sql, type SQLWrapper } from 'drizzle-orm';
import { checkedPence } from '$lib/domain/money';

/** SUM of a pence column (0 when there are no rows), exact or too large to show. */
export function totalPence(column: SQLWrapper) {
	return sql<number>`total(${column})`.mapWith((v) => checkedPence(Number(v), 'A total'));
}

/** One stored figure of pence (a kept total), exact or too large to show, never a read that throws. */
export function storedPence(column: SQLWrapper) {
	return sql<number>`CAST(${column} AS REAL)`.mapWith((v) =>
		checkedPence(Number(v), 'A kept total')
	);
}
