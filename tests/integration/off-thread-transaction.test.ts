/**
 * A write transaction on a worker's connection (db/off-thread.ts, used by a key save that works a
 * year of recharges out again): its statements answer as @libsql/client's do, it commits or rolls
 * back whole, a constraint's error keeps its code, the event loop runs while a long statement does,
 * and a worker that dies mid-way leaves nothing written.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { db, startDatabase, makeOrganisation } from './helpers';
import { database, onEmbeddedFile, transactionOffThread } from '$lib/server/db/database';
import { execute } from '$lib/server/db/bulk';
import { OffThreadTransaction } from '$lib/server/db/off-thread';
import { organisation } from '$lib/server/db/schema';

const names = async () =>
	(await db().select({ name: organisation.name }).from(organisation)).map((r) => r.name);

beforeAll(async () => {
	await startDatabase();
});

describe('a transaction off the event loop', () => {
	it('reads and writes through drizzle and db/bulk as the client does, and commits', async () => {
		const made = await makeOrganisation('Off Thread Council');
		const result = await transactionOffThread(async (tx) => {
			const rows = await tx
				.select({ id: organisation.id, name: organisation.name })
				.from(organisation)
				.where(sql`${organisation.id} = ${made.org.id}`);
			await execute(tx, 'UPDATE organisation SET name = ? WHERE id = ?', [
				'Renamed Off Thread',
				made.org.id
			]);
			const raw = await execute(tx, 'SELECT name, 7 AS seven FROM organisation WHERE id = ?', [
				made.org.id
			]);
			return {
				rows,
				raw: { byName: raw.rows[0]!.name, byIndex: raw.rows[0]![1], cols: raw.columns }
			};
		});
		expect(result.rows).toEqual([{ id: made.org.id, name: 'Off Thread Council' }]);
		expect(result.raw).toEqual({
			byName: 'Renamed Off Thread',
			byIndex: 7,
			cols: ['name', 'seven']
		});
		expect(await names()).toContain('Renamed Off Thread');
	});

	it('rolls everything back when the work throws, and keeps a constraint error’s code', async () => {
		const made = await makeOrganisation('Rollback Council');
		await expect(
			transactionOffThread(async (tx) => {
				await execute(tx, 'UPDATE organisation SET name = ? WHERE id = ?', [
					'Half Saved',
					made.org.id
				]);
				throw new Error('the save failed half-way');
			})
		).rejects.toThrow('the save failed half-way');
		expect(await names()).not.toContain('Half Saved');
		const error = await transactionOffThread((tx) =>
			execute(tx, 'INSERT INTO organisation (id, slug, name) VALUES (?, ?, ?)', [
				made.org.id,
				'dup',
				'Duplicate'
			])
		).catch((e: unknown) => e);
		expect(error).toMatchObject({ code: expect.stringMatching(/^SQLITE_CONSTRAINT/) });
		expect(await names()).toContain('Rollback Council');
	});

	it('keeps the event loop turning while a long statement runs', async () => {
		// On a server (TEST_DATABASE=sqld) the statement is a request and the loop turns too.
		let ticks = 0;
		const timer = setInterval(() => ticks++, 5);
		try {
			const started = performance.now();
			await transactionOffThread((tx) =>
				execute(
					tx,
					'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000000) SELECT count(*) AS c FROM n'
				)
			);
			const ms = performance.now() - started;
			// A statement on the event loop would let the 5 ms timer tick at most once or twice.
			expect(ms).toBeGreaterThan(100);
			expect(ticks).toBeGreaterThan(ms / 5 / 4);
		} finally {
			clearInterval(timer);
		}
	});

	// Only an embedded file has a worker (a server runs the transaction as any other).
	const onFile = process.env.DATABASE_URL?.startsWith('file:') ?? false;
	if (onFile)
		it('writes nothing when the worker stops before the commit', async () => {
			expect(onEmbeddedFile()).toBe(true);
			const made = await makeOrganisation('Stopped Worker Council');
			const tx = await OffThreadTransaction.begin(database().url, ['PRAGMA busy_timeout = 5000']);
			await tx.execute({
				sql: 'UPDATE organisation SET name = ? WHERE id = ?',
				args: ['Never Saved', made.org.id]
			});
			await tx.close();
			await expect(tx.execute('SELECT 1')).rejects.toThrow('stopped');
			expect(await names()).not.toContain('Never Saved');
			expect(await names()).toContain('Stopped Worker Council');
		});
});
