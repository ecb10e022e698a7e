/**
 * Backups of the database, made while the app runs, and their restore into a stopped app. For a
 * sqld server, server-backup.ts copies one snapshot through the client API into a SQLite file; for
 * the embedded file a backup is `VACUUM INTO` on a connection of its own: SQLite writes a compacted copy of one
 * read transaction's snapshot, so every transaction committed before it began is in the copy and
 * none committed later, whatever other connections write meanwhile (the write-ahead log lets them).
 * Each copy is checked (`PRAGMA integrity_check`, a row count per table) under a `.partial` name and
 * renamed only when sound, so a file named as a backup is always a whole one.
 */
import { createClient } from '@libsql/client';
import {
	closeSync,
	copyFileSync,
	existsSync,
	mkdirSync,
	openSync,
	readdirSync,
	readSync,
	renameSync,
	rmSync,
	statSync
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { dumpServerDatabase, restoreServerDatabase } from './server-backup';

const SQLITE_HEADER = 'SQLite format 3\0';
const BACKUP_NAME = /^portfolio-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z\.db$/;

export interface BackupCheck {
	/** Rows in each table, by table name. */
	tables: Record<string, number>;
}

export interface BackupReport extends BackupCheck {
	file: string;
	bytes: number;
	/** Older backups deleted by the retention rule. */
	removed: string[];
}

const isServer = (url: string) => !url.startsWith('file:');

/** The path of a `file:` URL; throws for a server URL. */
export function filePathOf(url: string): string {
	if (isServer(url)) throw new Error(`${url.split('?')[0]} is not an embedded database file`);
	const path =
		url
			.slice('file:'.length)
			.replace(/^\/\/(?=\/)/, '')
			.split('?')[0] ?? '';
	if (!path || path === ':memory:') throw new Error('an in-memory database cannot be backed up');
	return resolve(path);
}

/**
 * Checks that `path` is a sound SQLite database of this app: the SQLite header, `integrity_check`
 * ok, the migrations' bookkeeping table present; returns its row counts. Throws saying which failed.
 */
export async function checkDatabaseFile(path: string): Promise<BackupCheck> {
	if (!existsSync(path)) throw new Error(`${path} does not exist`);
	const header = Buffer.alloc(16);
	const fd = openSync(path, 'r');
	try {
		readSync(fd, header, 0, 16, 0);
	} finally {
		closeSync(fd);
	}
	if (header.toString('latin1') !== SQLITE_HEADER)
		throw new Error(`${path} is not a SQLite database`);
	const client = createClient({ url: `file:${path}` });
	try {
		let integrity: string[];
		try {
			integrity = (await client.execute('PRAGMA integrity_check')).rows.map((r) => String(r[0]));
		} catch (error) {
			throw new Error(
				`${path} is damaged: ${error instanceof Error ? error.message.split('\n')[0] : error}`
			);
		}
		if (integrity.length !== 1 || integrity[0] !== 'ok')
			throw new Error(`${path} failed its integrity check: ${integrity.slice(0, 3).join('; ')}`);
		const names = (
			await client.execute(
				"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
			)
		).rows.map((r) => String(r.name));
		if (!names.includes('__drizzle_migrations'))
			throw new Error(`${path} is not a database of this app (it has no migrations table)`);
		const tables: Record<string, number> = {};
		for (const name of names)
			tables[name] = Number(
				(await client.execute(`SELECT count(*) AS n FROM "${name.replaceAll('"', '""')}"`)).rows[0]
					?.n ?? 0
			);
		return { tables };
	} finally {
		client.close();
	}
}

/**
 * Copies the database at `url` into `dir` as portfolio-<UTC time>.db, checks the copy, and then
 * deletes all but the newest `keep` backups in `dir` (only files named as this module names them).
 */
export async function backupDatabase(
	url: string,
	dir: string,
	{ keep = 14, now = new Date(), authToken = process.env.DATABASE_AUTH_TOKEN || undefined } = {}
): Promise<BackupReport> {
	if (!Number.isInteger(keep) || keep < 1)
		throw new Error('keep must be a whole number of backups, at least 1');
	const source = isServer(url) ? null : filePathOf(url);
	if (source && !existsSync(source)) throw new Error(`${source} does not exist`);
	mkdirSync(dir, { recursive: true });
	const file = join(resolve(dir), `portfolio-${now.toISOString().replace(/[:.]/g, '-')}.db`);
	const partial = `${file}.partial`;
	rmSync(partial, { force: true });
	let check: BackupCheck;
	try {
		let snapshotCounts: Record<string, number> | null = null;
		if (source) {
			const client = createClient({ url: `file:${source}` });
			try {
				await client.execute({ sql: 'VACUUM INTO ?', args: [partial] });
			} finally {
				client.close();
			}
		} else {
			snapshotCounts = await dumpServerDatabase(url, authToken, partial);
		}
		check = await checkDatabaseFile(partial);
		// A server's copy is written row by row: it must hold exactly what the snapshot held.
		for (const [table, rows] of Object.entries(snapshotCounts ?? {})) {
			if (check.tables[table] !== rows)
				throw new Error(
					`the copy of ${table} has ${check.tables[table]} rows where the server had ${rows}`
				);
		}
	} catch (error) {
		rmSync(partial, { force: true });
		throw error;
	}
	renameSync(partial, file);
	const backups = readdirSync(dirname(file))
		.filter((name) => BACKUP_NAME.test(name))
		.sort();
	const removed = backups
		.slice(0, Math.max(0, backups.length - keep))
		.map((name) => join(dirname(file), name));
	for (const old of removed) rmSync(old);
	return { file, bytes: statSync(file).size, removed, ...check };
}

/**
 * Replaces the database at `url` with the backup `file`, after checking the backup; the current
 * file is kept beside it as <name>.before-restore-<time> (a server's current database is copied to
 * server-before-restore-<time>.db beside the backup, then replaced in one transaction). Refused, with nothing changed, when the
 * backup fails its checks or the database's write-ahead log is present (the app is running, or was
 * not stopped cleanly: start and stop it once so the log is folded in first).
 */
export async function restoreBackup(
	file: string,
	url: string,
	now = new Date(),
	authToken = process.env.DATABASE_AUTH_TOKEN || undefined
): Promise<BackupCheck & { previous: string | null }> {
	const check = await checkDatabaseFile(resolve(file));
	if (isServer(url)) {
		// What the server held is kept as a backup of its own beside the file restored.
		const previous = join(
			dirname(resolve(file)),
			`server-before-restore-${now.toISOString().replace(/[:.]/g, '-')}.db`
		);
		await dumpServerDatabase(url, authToken, previous);
		await restoreServerDatabase(resolve(file), url, authToken);
		return { ...check, previous };
	}
	const target = filePathOf(url);
	const wal = `${target}-wal`;
	if (existsSync(wal) && statSync(wal).size > 0) {
		throw new Error(
			`${wal} exists: the app is running, or was not stopped cleanly. Stop it (if it was killed, start and stop it once), then restore`
		);
	}
	mkdirSync(dirname(target), { recursive: true });
	const incoming = `${target}.restoring`;
	copyFileSync(resolve(file), incoming);
	let previous: string | null = null;
	if (existsSync(target)) {
		previous = `${target}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
		copyFileSync(target, previous);
	}
	rmSync(wal, { force: true });
	rmSync(`${target}-shm`, { force: true });
	renameSync(incoming, target);
	return { ...check, previous };
}
