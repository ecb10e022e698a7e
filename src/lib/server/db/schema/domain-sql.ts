/**
 * The domain's lists written into SQL (CHECK constraints, generated columns, partial indexes), so the
 * schema repeats no value the domain already names. Values are the domain's own constants, never user
 * input: each is checked to be a plain word before it is quoted.
 */
import { sql, type SQL } from 'drizzle-orm';

/** 'word' as an SQL string literal; refuses anything but letters, digits and underscores. */
export function sqlWord(value: string): string {
	if (!/^\w+$/.test(value)) throw new Error(`not a plain word for SQL: ${JSON.stringify(value)}`);
	return `'${value}'`;
}

/** ('a', 'b') for an IN list. */
export function sqlWords(values: readonly string[]): SQL {
	return sql.raw(values.map(sqlWord).join(', '));
}

/**
 * CASE column WHEN 'a' THEN 0 ... ELSE n END from each value's rank, lowest first; the highest-ranked
 * value is the ELSE, so a value the list does not know sorts last.
 */
export function rankCase(column: string, ranks: Readonly<Record<string, number>>): SQL {
	const ordered = Object.entries(ranks).sort((a, b) => a[1] - b[1]);
	const last = ordered.pop();
	if (!last) throw new Error('rankCase needs at least one value');
	const whens = ordered.map(([value, rank]) => `WHEN ${sqlWord(value)} THEN ${rank}`).join(' ');
	return sql.raw(`CASE ${column} ${whens} ELSE ${last[1]} END`);
}
