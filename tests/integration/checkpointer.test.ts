/**
 * The log checkpoints run on a worker thread while the server runs (db/checkpointer.ts): the app's
 * connection stops checkpointing in its commits, and the worker copies the log into the database file
 * within a second or two. Without the worker, nothing would copy it: the file would not grow.
 */
import { describe, expect, it } from 'vitest';
import { statSync } from 'node:fs';
import { openDatabase, migrateDatabase, checkpointInBackground } from '$lib/server/db';
import { checkpointerRunning } from '$lib/server/db/checkpointer';
import { isDatabaseServerUrl } from '$lib/server/db/server-check';

async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
	for (const until = Date.now() + ms; Date.now() < until;) {
		if (check()) return true;
		await new Promise((r) => setTimeout(r, 50));
	}
	return check();
}

// About the embedded file's write-ahead log: on a database server the app starts no checkpointer
// (sqld checkpoints its own log), so this runs only when the tests use the embedded file.
describe.runIf(!isDatabaseServerUrl())('background checkpoints', () => {
	it('move the log into the database file from a worker, with the automatic checkpoint off', async () => {
		const database = openDatabase();
		await migrateDatabase(database);
		await checkpointInBackground(database);
		expect(checkpointerRunning()).toBe(true);
		expect(
			(await database.client.execute('PRAGMA wal_autocheckpoint')).rows[0]?.wal_autocheckpoint
		).toBe(0);

		const file = database.url.slice('file:'.length); // tests/integration/setup.ts: file:<absolute path>
		await database.client.execute('CREATE TABLE filler (text TEXT NOT NULL)');
		await database.client.execute('PRAGMA wal_checkpoint(TRUNCATE)'); // start from an empty log
		const before = statSync(file).size;
		// About 4 MB in 1,000-page commits: the automatic checkpoint would have run several times, but it is off.
		for (let i = 0; i < 4; i++) {
			await database.client.execute({
				sql: "INSERT INTO filler (text) SELECT printf('%.1000c', 'x') FROM (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) SELECT i FROM n)",
				args: []
			});
		}
		expect(statSync(`${file}-wal`).size).toBeGreaterThan(4_000_000);
		expect(await waitFor(() => statSync(file).size > before + 4_000_000, 5_000)).toBe(true);
		database.client.close();
	});
});
