/**
 * Writes queued behind a long one (an import's commit holds the write queue for seconds, while
 * officers' edits queue behind it) each wait for a turn of the event loop when their turn comes, so
 * page loads that arrived meanwhile are answered between them rather than after the last of them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { startDatabase } from './helpers';
import { transaction } from '$lib/server/db/database';
import { execute } from '$lib/server/db/bulk';

beforeAll(async () => {
	await startDatabase();
});

describe('the write queue', () => {
	it('lets the event loop turn between writes that queued behind one another', async () => {
		const order: string[] = [];
		let release!: () => void;
		const held = new Promise<void>((resolve) => (release = resolve));
		const first = transaction(async (tx) => {
			await execute(tx, 'SELECT 1');
			await held;
			order.push('first');
			// Work that arrived while the first write held the queue, such as a page load.
			setImmediate(() => order.push('other work'));
		});
		const queued = [1, 2, 3].map((n) =>
			transaction(async (tx) => {
				await execute(tx, 'SELECT 1');
				order.push(`queued ${n}`);
			})
		);
		await new Promise((resolve) => setTimeout(resolve, 20));
		release();
		await Promise.all([first, ...queued]);
		expect(order[0]).toBe('first');
		expect(order.indexOf('other work')).toBe(1);
		expect(order.slice(2)).toEqual(['queued 1', 'queued 2', 'queued 3']);
	});

	it('still runs a queued write after one that failed', async () => {
		const failing = transaction(async () => {
			throw new Error('refused');
		});
		const next = transaction(async (tx) => Number((await execute(tx, 'SELECT 7 AS n')).rows[0]!.n));
		await expect(failing).rejects.toThrow('refused');
		await expect(next).resolves.toBe(7);
	});
});
