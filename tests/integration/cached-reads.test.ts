// Reads from cached prepared statements (db/cached-reads.ts) must answer exactly as @libsql/client
// does on the same file, see every committed write at once, and never take a write.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createClient, type Client, type InArgs, type ResultSet } from '@libsql/client';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
	READ_CONNECTION_OPENS,
	READ_VALUES,
	withCachedReads
} from '../../src/lib/server/db/cached-reads';

const dir = mkdtempSync(join(tmpdir(), 'cached-reads-'));
const file = join(dir, 'test.db');
type ReadValues = (sql: string, args: unknown[]) => Promise<unknown[][]>;
let plain: Client;
let cached: Client;

/** What a caller can see of a result: columns, and each row's own keys, named values, indices and length. */
function shape(result: ResultSet) {
	return {
		columns: result.columns,
		rows: result.rows.map((row) => ({
			keys: Object.keys(row),
			json: JSON.stringify(row),
			indexed: Array.prototype.slice.call(row),
			length: row.length,
			proto: Object.getPrototypeOf(row) === Object.prototype
		}))
	};
}

beforeAll(async () => {
	plain = createClient({ url: pathToFileURL(file).href });
	await plain.execute('PRAGMA journal_mode = WAL');
	await plain.execute(
		'CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, amount INTEGER, ratio REAL, data BLOB)'
	);
	cached = withCachedReads(createClient({ url: pathToFileURL(file).href }), file);
});

afterAll(() => {
	cached.close();
	plain.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('reads from cached prepared statements', () => {
	it('sees a write committed on another connection at once, statement after statement', async () => {
		const count = 'SELECT count(*) AS n FROM t WHERE name = ?';
		expect((await cached.execute({ sql: count, args: ['seen'] })).rows[0]!.n).toBe(0);
		for (let i = 1; i <= 3; i++) {
			await plain.execute({ sql: 'INSERT INTO t (name) VALUES (?)', args: ['seen'] });
			expect((await cached.execute({ sql: count, args: ['seen'] })).rows[0]!.n).toBe(i);
		}
		// And a write through the wrapped client itself, in and out of a transaction.
		await cached.execute({ sql: 'INSERT INTO t (name) VALUES (?)', args: ['seen'] });
		const tx = await cached.transaction('write');
		await tx.execute({ sql: 'INSERT INTO t (name) VALUES (?)', args: ['seen'] });
		await tx.commit();
		expect((await cached.execute({ sql: count, args: ['seen'] })).rows[0]!.n).toBe(5);
		await plain.execute("DELETE FROM t WHERE name = 'seen'");
		expect((await cached.execute({ sql: count, args: ['seen'] })).rows[0]!.n).toBe(0);
	});

	it('answers as @libsql/client does: names, indices, length, duplicate names, blobs, nulls', async () => {
		await plain.execute({
			sql: 'INSERT INTO t (id, name, amount, ratio, data) VALUES (?, ?, ?, ?, ?), (?, NULL, NULL, NULL, NULL)',
			args: [10, 'Émile “quoted”', 123456789, 0.5, new Uint8Array([1, 2, 3]).buffer, 11]
		});
		const sql =
			'SELECT t.id, t.name, t.amount, t.ratio, t.data, u.id, u.name AS length, 1 AS "0" FROM t JOIN t u ON u.id = t.id WHERE t.id IN (?, ?) ORDER BY t.id';
		const args = [10, 11];
		const a = await plain.execute({ sql, args });
		const b = await cached.execute({ sql, args });
		expect(b.rows).toHaveLength(2);
		expect(shape(b)).toEqual(shape(a));
		expect(new Uint8Array(b.rows[0]!.data as ArrayBuffer)).toEqual(new Uint8Array([1, 2, 3]));
		await plain.execute('DELETE FROM t WHERE id IN (10, 11)');
	});

	it('binds named arguments, booleans and dates as @libsql/client does', async () => {
		const when = new Date('2026-04-01T00:00:00Z');
		const cases: { sql: string; args: InArgs }[] = [
			{ sql: 'SELECT :a AS a, $b AS b, @c AS c', args: { a: 'x', $b: true, '@c': when } },
			{ sql: 'SELECT ? AS a, ? AS b, ? AS c', args: ['x', false, when] }
		];
		for (const { sql, args } of cases) {
			const a = await plain.execute({ sql, args });
			const b = await cached.execute({ sql, args });
			expect(shape(b)).toEqual(shape(a));
		}
	});

	it('refuses what @libsql/client refuses: an integer past 2^53, undefined, a non-finite number', async () => {
		const big = 'SELECT 9007199254740993 AS n';
		await expect(plain.execute(big)).rejects.toThrow(RangeError);
		await expect(cached.execute(big)).rejects.toThrow(RangeError);
		await expect(
			cached.execute({ sql: 'SELECT ? AS n', args: [undefined as never] })
		).rejects.toThrow(TypeError);
		await expect(cached.execute({ sql: 'SELECT ? AS n', args: [Infinity] })).rejects.toThrow(
			RangeError
		);
	});

	it('sends writes, writes that return rows, and PRAGMAs to the client', async () => {
		const inserted = await cached.execute({
			sql: 'INSERT INTO t (name) VALUES (?) RETURNING id',
			args: ['returned']
		});
		const id = Number(inserted.rows[0]!.id);
		expect(id).toBeGreaterThan(0);
		const stored = await plain.execute({ sql: 'SELECT name FROM t WHERE id = ?', args: [id] });
		expect(stored.rows[0]!.name).toBe('returned');
		const deleted = await cached.execute({
			sql: 'WITH gone AS (SELECT id FROM t WHERE name = ?) DELETE FROM t WHERE id IN (SELECT id FROM gone)',
			args: ['returned']
		});
		expect(deleted.rowsAffected).toBe(1);
		expect((await cached.execute('PRAGMA journal_mode')).rows[0]![0]).toBe('wal');
	});

	it('gives the same rows as @libsql/client for any stored text and numbers (property)', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(
					fc.record({
						name: fc.option(fc.string({ unit: 'grapheme', maxLength: 40 })),
						amount: fc.option(fc.maxSafeInteger()),
						ratio: fc.option(fc.double({ noNaN: true, noDefaultInfinity: true }))
					}),
					{ maxLength: 8 }
				),
				async (rows) => {
					await plain.execute('DELETE FROM t');
					for (const r of rows)
						await plain.execute({
							sql: 'INSERT INTO t (name, amount, ratio) VALUES (?, ?, ?)',
							args: [r.name, r.amount, r.ratio]
						});
					const sql = 'SELECT id, name, amount, ratio FROM t ORDER BY id';
					const b = await cached.execute(sql);
					const a = await plain.execute(sql);
					expect(shape(b)).toEqual(shape(a));
					expect(b.rows).toHaveLength(rows.length);
					// The positional route (raw-rows.ts): the same values, as plain arrays.
					const values = (cached as unknown as Record<symbol, ReadValues>)[READ_VALUES]!;
					expect(await values(sql, [])).toEqual(shape(a).rows.map((r) => r.indexed));
				}
			),
			{ numRuns: 60 }
		);
	});

	it('drops its read connection after an ANALYZE, so the next read plans with the new statistics', async () => {
		const opens = () => (cached as unknown as Record<symbol, number>)[READ_CONNECTION_OPENS]!;
		await cached.execute('SELECT count(*) FROM t');
		const before = opens();
		await cached.execute('SELECT count(*) FROM t');
		expect(opens()).toBe(before);
		await cached.execute('ANALYZE');
		expect(
			(await cached.execute('SELECT count(*) AS n FROM sqlite_stat1')).rows[0]!.n
		).toBeGreaterThanOrEqual(0);
		expect(opens()).toBe(before + 1);
	});
});
