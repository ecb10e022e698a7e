/**
 * The restore drill: back up the embedded file while another thread writes to it without pause,
 * restore the backup, and find every write committed before the backup began, and no write half
 * there. And a restore that is refused (a truncated file, a file that is not a database, an app
 * still running) changes nothing.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createClient } from '@libsql/client';
import { Worker } from 'node:worker_threads';
import { createHash } from 'node:crypto';
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	truncateSync,
	copyFileSync,
	writeFileSync,
	statSync
} from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { applyMigrations } from '$lib/server/db/migrate';
import { backupDatabase, checkDatabaseFile, restoreBackup } from '$lib/server/db/backup';
import { isDatabaseServerUrl } from '$lib/server/db/server-check';

const dir = mkdtempSync(join(tmpdir(), 'portfolio-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Each transaction writes an organisation and its directorate: one without the other would be a half write. */
const WRITER = `
const { parentPort, workerData } = require('node:worker_threads');
const { createClient } = require('@libsql/client');
const client = createClient({ url: workerData.url });
let stop = false;
parentPort.on('message', () => (stop = true));
(async () => {
	await client.execute('PRAGMA busy_timeout = 5000');
	for (let i = 1; !stop; i++) {
		const tx = await client.transaction('write');
		await tx.execute({ sql: 'INSERT INTO organisation (slug, name) VALUES (?, ?)', args: ['drill-' + i, 'Drill ' + i] });
		await tx.execute({ sql: "INSERT INTO directorate (organisation_id, name) VALUES ((SELECT id FROM organisation WHERE slug = ?), 'Adults')", args: ['drill-' + i] });
		await tx.commit();
		parentPort.postMessage(i);
		await new Promise((r) => setImmediate(r));
	}
	client.close();
	parentPort.postMessage('stopped');
})();
`;

/** A stand-in for the running app: opens the database in WAL mode, writes, says so, and exits cleanly when its input ends. */
const RUNNING_APP = `
const { createClient } = require('@libsql/client');
(async () => {
	const client = createClient({ url: process.argv[1] });
	await client.execute('PRAGMA journal_mode = WAL');
	await client.execute("INSERT INTO organisation (slug, name) VALUES ('busy', 'Busy Council')");
	process.stdout.write('ready');
	process.stdin.resume();
	process.stdin.on('end', () => client.close()); // then the process ends by itself, as a stopped app does
})();
`;

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

async function migratedFile(name: string): Promise<string> {
	const url = `file:${join(dir, name)}`;
	const client = createClient({ url });
	await client.execute('PRAGMA journal_mode = WAL');
	await applyMigrations(client);
	client.close();
	return url;
}

// About the embedded file: a sqld server is backed up from its own data folder, so the server run has nothing to add here.
describe.runIf(!isDatabaseServerUrl())('backup and restore of the embedded file', () => {
	it('a backup taken during a stream of writes restores with every write committed before it and nothing half-written', async () => {
		const url = await migratedFile('live.db');
		const writer = new Worker(WRITER, { eval: true, workerData: { url } });
		let committed = 0;
		const stopped = new Promise<void>((resolve) =>
			writer.on('message', (m) => (m === 'stopped' ? resolve() : (committed = m as number)))
		);
		while (committed < 50) await new Promise((r) => setTimeout(r, 10));

		// Commits are counted as the writer reports them, so this is at most the number committed before the backup began.
		const committedBefore = committed;
		const report = await backupDatabase(url, join(dir, 'backups'), { keep: 2 });
		const reportedAfter = committed;
		while (committed < reportedAfter + 50) await new Promise((r) => setTimeout(r, 10));
		writer.postMessage('stop');
		await stopped;
		await writer.terminate();

		expect(report.tables.organisation).toBeGreaterThanOrEqual(committedBefore);
		expect(report.tables.organisation).toBe(report.tables.directorate);

		const target = `file:${join(dir, 'restored', 'portfolio.db')}`;
		const restored = await restoreBackup(report.file, target);
		expect(restored.previous).toBeNull();
		const client = createClient({ url: target });
		try {
			const ids = (
				await client.execute(
					"SELECT CAST(substr(slug, 7) AS INTEGER) AS i FROM organisation WHERE slug LIKE 'drill-%' ORDER BY 1"
				)
			).rows.map((r) => Number(r.i));
			// Every write up to the backup's moment, in order, none missing, none after it.
			expect(ids).toEqual(Array.from({ length: ids.length }, (_, k) => k + 1));
			expect(ids.length).toBe(report.tables.organisation);
			expect(ids.length).toBeGreaterThanOrEqual(committedBefore);
			// A snapshot: the 50 writes committed after the backup returned are not in it.
			expect(ids.length).toBeLessThan(committed);
			const halves = await client.execute(
				'SELECT count(*) AS n FROM organisation o WHERE (SELECT count(*) FROM directorate d WHERE d.organisation_id = o.id) <> 1'
			);
			expect(Number(halves.rows[0]?.n)).toBe(0);
			expect((await client.execute('PRAGMA integrity_check')).rows[0]?.[0]).toBe('ok');
		} finally {
			client.close();
		}
	}, 60_000);

	it('keeps only the newest backups the retention rule asks for', async () => {
		const url = await migratedFile('kept.db');
		const backups = join(dir, 'kept-backups');
		const made: string[] = [];
		for (let day = 1; day <= 4; day++)
			made.push(
				(await backupDatabase(url, backups, { keep: 2, now: new Date(Date.UTC(2026, 11, day, 2)) }))
					.file
			);
		writeFileSync(join(backups, 'notes.txt'), 'not a backup');
		expect(readdirSync(backups).sort()).toEqual(
			[made[2]!, made[3]!]
				.map((f) => f.slice(backups.length + 1))
				.concat('notes.txt')
				.sort()
		);
	});

	it('refuses a truncated backup, a file that is not a database, and a running app, changing nothing', async () => {
		const source = await migratedFile('source.db');
		const seed = createClient({ url: source });
		await seed.execute("INSERT INTO organisation (slug, name) VALUES ('kept', 'Kept Council')");
		const good = (await backupDatabase(source, join(dir, 'refusals'))).file;
		await seed.execute("INSERT INTO organisation (slug, name) VALUES ('later', 'Later Council')");
		seed.close();
		// The app's current database: never opened by this process (an open connection here would keep its log).
		const current = join(dir, 'app', 'portfolio.db');
		mkdirSync(dirname(current), { recursive: true });
		copyFileSync((await backupDatabase(source, join(dir, 'current-source'))).file, current);
		const url = `file:${current}`;
		const before = sha(current);

		const truncated = join(dir, 'truncated.db');
		copyFileSync(good, truncated);
		truncateSync(truncated, Math.floor(statSync(good).size / 2));
		await expect(restoreBackup(truncated, url)).rejects.toThrow(/damaged|integrity|malformed/i);
		const notDatabase = join(dir, 'systems.csv');
		writeFileSync(notDatabase, 'Name,Supplier\nCareFlow,Acme\n');
		await expect(restoreBackup(notDatabase, url)).rejects.toThrow(/is not a SQLite database/);
		await expect(checkDatabaseFile(join(dir, 'missing.db'))).rejects.toThrow(/does not exist/);
		expect(sha(current)).toBe(before);

		// The app running: another process with the database open in WAL mode, which keeps its log beside it.
		const app = spawn(process.execPath, ['-e', RUNNING_APP, url], {
			cwd: process.cwd(),
			stdio: ['pipe', 'pipe', 'inherit']
		});
		await new Promise<void>((resolve) => app.stdout!.once('data', () => resolve()));
		await expect(restoreBackup(good, url)).rejects.toThrow(
			/the app is running, or was not stopped cleanly/
		);
		app.stdin!.end();
		await new Promise((resolve) => app.once('exit', resolve));
		expect(existsSync(`${current}-wal`)).toBe(false); // a clean stop folds the log into the file
		const afterRunning = sha(current);
		expect(readdirSync(dirname(current))).toEqual(['portfolio.db']);

		// Stopped: the restore goes ahead, and keeps what it replaced.
		const done = await restoreBackup(good, url);
		expect(done.previous && sha(done.previous)).toBe(afterRunning);
		const check = createClient({ url });
		expect(
			(await check.execute('SELECT slug FROM organisation ORDER BY slug')).rows.map((r) => r.slug)
		).toEqual(['kept']);
		check.close();
	});
});
