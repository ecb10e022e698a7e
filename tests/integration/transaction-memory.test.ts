/**
 * Write transactions on a local file must not each keep memory: @libsql/client's own transactions ran
 * each on a connection of its own that kept its schema and page cache, and an import's staging,
 * commit and clean-up (hundreds of transactions) left the server some 200 MB larger.
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

const probeTable = () =>
	transaction((tx) =>
		execute(tx, 'CREATE TABLE IF NOT EXISTS memory_probe (id INTEGER PRIMARY KEY, text TEXT)')
	);

describe('write transactions one after another', () => {
	it.runIf(process.platform === 'linux' && onEmbeddedFile())(
		'keep no memory of their own: each runs on the one write connection',
		async () => {
			await probeTable();
			const before = anonymousMb();
			for (let i = 0; i < 300; i++)
				await transaction((tx) =>
					execute(tx, 'INSERT INTO memory_probe (text) VALUES (?)', [`row ${i}`])
				);
			// On a connection each, they kept some 0.8 MB apiece (240 MB).
			expect(anonymousMb() - before).toBeLessThan(20);
		}
	);

	it.runIf(process.platform === 'linux' && onEmbeddedFile())(
		'hold one bounded page cache, however much they write',
		async () => {
			await probeTable();
			// 40 transactions of 2,500 rows of 1 KB, each writing some 2.5 MB of pages, twice over.
			const write = async () => {
				for (let i = 0; i < 40; i++)
					await transaction((tx) =>
						execute(
							tx,
							"INSERT INTO memory_probe (text) SELECT printf('%.1000c', 'x') || value FROM generate_series(1, 2500)"
						)
					);
			};
			await write();
			const before = anonymousMb();
			await write();
			// The second round reuses the first's cache; on a connection each, it kept another 100 MB and more.
			expect(anonymousMb() - before).toBeLessThan(20);
		}
	);
});
