/**
 * The restore drill on a sqld server: back up through the server while a writer commits without
 * pause, restore the backup onto a server, and find every write committed before the backup began,
 * in order, and nothing half-written; a restore over a live database replaces it whole; a backup
 * file that is truncated or not a database is refused with the server untouched. This file starts
 * sqld servers of its own, whichever database the rest of the run uses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from '@libsql/client';
import {
	copyFileSync,
	mkdtempSync,
	readdirSync,
	rmSync,
	statSync,
	truncateSync,
	writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSqld } from '../../scripts/sqld.js';
import { applyMigrations } from '$lib/server/db/migrate';
import { backupDatabase, checkDatabaseFile, restoreBackup } from '$lib/server/db/backup';

const dir = mkdtempSync(join(tmpdir(), 'portfolio-server-backup-'));
let live: Awaited<ReturnType<typeof startSqld>>;
let spare: Awaited<ReturnType<typeof startSqld>>;
const clients: Client[] = [];
const connect = (server: { url: string; token: string }) => {
	const c = createClient({ url: server.url, authToken: server.token });
	clients.push(c);
	return c;
};

beforeAll(async () => {
	live = await startSqld({ dir: join(dir, 'live') });
	spare = await startSqld({ dir: join(dir, 'spare') });
	await applyMigrations(connect(live));
});

afterAll(async () => {
	for (const c of clients) c.close();
	await live?.stop();
	await spare?.stop();
	rmSync(dir, { recursive: true, force: true });
});

const drillIds = async (c: Client) =>
	(
		await c.execute(
			"SELECT CAST(substr(slug, 7) AS INTEGER) AS i FROM organisation WHERE slug LIKE 'drill-%' ORDER BY 1"
		)
	).rows.map((r) => Number(r.i));
const count = async (c: Client, table: string) =>
	Number((await c.execute(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);

describe('backup and restore through a sqld server', () => {
	let backupFile = '';
	let backedUp = 0;

	it('a backup taken during a stream of writes restores with every write committed before it and nothing half-written', async () => {
		const writerClient = connect(live);
		let committed = 0;
		let stop = false;
		// Each transaction writes an organisation and its directorate: one without the other would be a half write.
		const writer = (async () => {
			for (let i = 1; !stop; i++) {
				const tx = await writerClient.transaction('write');
				await tx.execute({
					sql: 'INSERT INTO organisation (slug, name) VALUES (?, ?)',
					args: [`drill-${i}`, `Drill ${i}`]
				});
				await tx.execute({
					sql: "INSERT INTO directorate (organisation_id, name) VALUES ((SELECT id FROM organisation WHERE slug = ?), 'Adults')",
					args: [`drill-${i}`]
				});
				await tx.commit();
				committed = i;
			}
		})();
		while (committed < 20) await new Promise((r) => setTimeout(r, 10));
		const committedBefore = committed;
		const report = await backupDatabase(live.url, join(dir, 'backups'), {
			keep: 2,
			authToken: live.token
		});
		const reportedAfter = committed;
		while (committed < reportedAfter + 10) await new Promise((r) => setTimeout(r, 10));
		stop = true;
		await writer;

		expect(report.file).toMatch(/portfolio-[\d-]+T[\d-]+Z\.db$/);
		expect(report.tables.organisation).toBeGreaterThanOrEqual(committedBefore);
		expect(report.tables.organisation).toBe(report.tables.directorate);
		expect(report.tables.__drizzle_migrations).toBeGreaterThan(0);
		expect((await checkDatabaseFile(report.file)).tables).toEqual(report.tables); // integrity_check ok and the same counts

		const restored = await restoreBackup(report.file, spare.url, new Date(), spare.token);
		const onSpare = connect(spare);
		const ids = await drillIds(onSpare);
		// Every write up to the backup's moment, in order, none missing; the writes after it are not there.
		expect(ids).toEqual(Array.from({ length: ids.length }, (_, k) => k + 1));
		expect(ids.length).toBe(report.tables.organisation);
		expect(ids.length).toBeGreaterThanOrEqual(committedBefore);
		expect(ids.length).toBeLessThan(committed);
		const halves = await onSpare.execute(
			'SELECT count(*) AS n FROM organisation o WHERE (SELECT count(*) FROM directorate d WHERE d.organisation_id = o.id) <> 1'
		);
		expect(Number(halves.rows[0]!.n)).toBe(0);
		expect((await onSpare.execute('PRAGMA integrity_check')).rows[0]![0]).toBe('ok');
		// The restored server takes new writes with the next ids (sqlite_sequence came with it) and keeps enforcing foreign keys.
		await onSpare.execute(
			"INSERT INTO organisation (slug, name) VALUES ('after-restore', 'After')"
		);
		await expect(
			onSpare.execute("INSERT INTO directorate (organisation_id, name) VALUES (999999, 'Nowhere')")
		).rejects.toThrow(/FOREIGN KEY/);
		expect(restored.previous).toMatch(/server-before-restore-.*\.db$/);
		backupFile = report.file;
		backedUp = ids.length;
	}, 120_000);

	it('a restore over a live database replaces it whole, and keeps what it replaced', async () => {
		const onLive = connect(live);
		const before = await count(onLive, 'organisation');
		expect(before).toBeGreaterThan(backedUp);
		const result = await restoreBackup(backupFile, live.url, new Date(), live.token);
		expect(await drillIds(onLive)).toEqual(Array.from({ length: backedUp }, (_, k) => k + 1));
		expect((await checkDatabaseFile(result.previous!)).tables.organisation).toBe(before);
		// The system search index (FTS5, external content) is made again with the restore, not copied
		// as loose shadow tables: its own integrity check compares it with the system table's rows.
		await expect(
			onLive.execute("INSERT INTO system_search(system_search) VALUES ('integrity-check')")
		).resolves.toBeDefined();
	}, 120_000);

	it('refuses a truncated backup and a file that is not a database, leaving the server as it was', async () => {
		const onLive = connect(live);
		await onLive.execute("INSERT INTO organisation (slug, name) VALUES ('kept', 'Kept Council')");
		const before = await count(onLive, 'organisation');
		const truncated = join(dir, 'truncated.db');
		copyFileSync(backupFile, truncated);
		truncateSync(truncated, Math.floor(statSync(backupFile).size / 2));
		await expect(restoreBackup(truncated, live.url, new Date(), live.token)).rejects.toThrow(
			/damaged|integrity|malformed/i
		);
		const notDatabase = join(dir, 'systems.csv');
		writeFileSync(notDatabase, 'Name,Supplier\nCareFlow,Acme\n');
		await expect(restoreBackup(notDatabase, live.url, new Date(), live.token)).rejects.toThrow(
			/is not a SQLite database/
		);
		expect(await count(onLive, 'organisation')).toBe(before);
	});

	it('keeps only the newest backups the retention rule asks for', async () => {
		const kept = join(dir, 'kept');
		const made: string[] = [];
		for (let day = 1; day <= 3; day++)
			made.push(
				(
					await backupDatabase(live.url, kept, {
						keep: 2,
						now: new Date(Date.UTC(2026, 11, day, 2)),
						authToken: live.token
					})
				).file
			);
		expect(readdirSync(kept).sort()).toEqual(made.slice(1).map((f) => f.slice(kept.length + 1)));
	}, 120_000);
});
