/**
 * A write transaction on a local file runs on a connection @libsql/client then abandons: its page
 * cache (every page it wrote) must not stay behind, or an import's staging, commit and clean-up,
 * each in transactions of thousands of rows, leave the server that much larger.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { onEmbeddedFile, startDatabase, transaction } from '$lib/server/db/database';
import { execute } from '$lib/server/db/bulk';

beforeAll(async () => {
	await startDatabase();
});

/** Anonymous resident memory (the heaps of V8 and SQLite), MB. */
const anonymousMb = () =>
	Number(/^RssAnon:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]) / 1024;

describe('write transactions one after another', () => {
	it.runIf(process.platform === 'linux' && onEmbeddedFile())(
		"leave no connection's page cache behind",
		async () => {
			await transaction((tx) =>
				execute(tx, 'CREATE TABLE IF NOT EXISTS memory_probe (id INTEGER PRIMARY KEY, text TEXT)')
			);
			const before = anonymousMb();
			// 40 transactions of 2,500 rows of 1 KB: each writes some 2.5 MB of pages.
			for (let i = 0; i < 40; i++)
				await transaction((tx) =>
					execute(
						tx,
						"INSERT INTO memory_probe (text) SELECT printf('%.1000c', 'x') || value FROM generate_series(1, 2500)"
					)
				);
			// Their caches kept, 141 MB; freed before each COMMIT, 34 (libsql's own per connection).
			expect(anonymousMb() - before).toBeLessThan(70);
		}
	);
});
