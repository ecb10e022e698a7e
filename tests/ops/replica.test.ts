/**
 * The app on a sqld read replica (DATABASE_URL) with its primary beside it (DATABASE_PRIMARY_URL),
 * the replica made slow on purpose: every byte from the primary reaches it LAG_MS late (a relay,
 * scripts/sqld.js slowLink). A person who saves a system sees their change on the page after the
 * save, with and without JavaScript, although the replica, read directly at that moment, still
 * has the old name; once the lag has passed the replica has it too and serves it to everyone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from '@libsql/client';
import { chromium, type Browser } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startReplicatedSqld, stopProcess } from '../../scripts/sqld.js';
import {
	createUser,
	signIn,
	spawnApp,
	waitUntilReady,
	type AppProcess
} from '../support/app-server';

const LAG_MS = 4_000;
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run'
];

const dir = mkdtempSync(join(tmpdir(), 'portfolio-replica-'));
let servers: Awaited<ReturnType<typeof startReplicatedSqld>>;
let app: AppProcess;
let replica: Client;
let browser: Browser;
let sessionCookie: string;
let systemId: number;

// Generous: on a loaded two-core CI machine the replica, fed through a deliberately slow link, took over a minute
// to catch up with the demo portfolio's start-up writes. A bound on waiting, never a timing assertion.
async function until<T>(
	read: () => Promise<T | null | undefined | false>,
	what: string,
	ms = 180_000
): Promise<T> {
	for (
		const end = Date.now() + ms;
		Date.now() < end;
		await new Promise((r) => setTimeout(r, 100))
	) {
		// An error is 'not yet': the replica may not have the table itself yet.
		const value = await read().catch(() => null);
		if (value) return value;
	}
	throw new Error(`timed out waiting for ${what}`);
}

const nameOnReplica = async (id: number) =>
	String(
		(await replica.execute({ sql: 'SELECT name FROM system WHERE id = ?', args: [id] })).rows[0]
			?.name
	);

beforeAll(async () => {
	servers = await startReplicatedSqld({ dir, replicaDelayMs: LAG_MS });
	replica = createClient({ url: servers.replica.url, authToken: servers.token });
	const port = await freePort();
	// Started on the replica from empty: migrations and the demo portfolio go to the primary, and start-up reads its own writes there.
	app = spawnApp({
		port,
		DATABASE_URL: servers.replica.url,
		DATABASE_PRIMARY_URL: servers.primary.url,
		DATABASE_AUTH_TOKEN: servers.token,
		SEED_DEMO: 'true'
	});
	await waitUntilReady(app, app.baseURL, 120_000);
	const credentials = createUser(servers.primary.url, {
		email: 'replica.officer@northshire.example',
		env: { DATABASE_AUTH_TOKEN: servers.token }
	});
	// Signing in reads the account from the replica: wait until the replica has it.
	await until(
		async () =>
			(
				await replica.execute({
					sql: 'SELECT 1 FROM app_user WHERE email = ?',
					args: [credentials.email]
				})
			).rows.length > 0,
		'the user on the replica'
	);
	const cookies = await signIn(app.baseURL, credentials);
	expect(cookies).toMatch(/portfolio_read_primary=\d+/); // signing in wrote: the next pages read the primary
	sessionCookie = cookies.split('; ').find((c) => c.startsWith('portfolio_session='))!;
	systemId = Number((await replica.execute('SELECT min(id) AS id FROM system')).rows[0]!.id);
	// Without the read-primary cookie, the session is looked up on the replica: wait until it is there.
	await until(
		async () => (await replica.execute('SELECT count(*) AS n FROM auth_session')).rows[0]!.n !== 0,
		'the session on the replica'
	);
	browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
		headless: true,
		args: CHROMIUM_ARGS
	});
}, 600_000);

afterAll(async () => {
	await browser?.close();
	if (app) await stopProcess(app.child);
	replica?.close();
	await servers?.stop();
	rmSync(dir, { recursive: true, force: true });
});

describe('the app on a slow read replica', () => {
	for (const javaScriptEnabled of [false, true]) {
		it(`shows a person their own save on the next page, ${javaScriptEnabled ? 'with' : 'without'} JavaScript, while the replica still has the old value`, async () => {
			const context = await browser.newContext({ baseURL: app.baseURL, javaScriptEnabled });
			const [name, value] = sessionCookie.split('=') as [string, string];
			await context.addCookies([{ name, value, url: app.baseURL }]);
			const page = await context.newPage();
			await page.goto(`/systems/${systemId}/edit`);
			const before = await page.getByLabel('Name', { exact: true }).inputValue();
			const renamed = `${before.replace(/ \(renamed \d+\)$/, '')} (renamed ${Date.now()})`;
			await page.getByLabel('Name', { exact: true }).fill(renamed);
			await page.locator('main form[method="post"] button[type="submit"]').click();
			await page.waitForURL(new RegExp(`/systems/${systemId}$`));
			// At this moment the replica has not caught up: reading it directly still gives the old name...
			expect(await nameOnReplica(systemId)).toBe(before);
			// ...but the page after the save, and a reload of it, read the primary for this browser.
			expect(await page.locator('h1').textContent()).toBe(renamed);
			await page.reload();
			expect(await page.locator('h1').textContent()).toBe(renamed);
			await context.close();

			// Bounded lag: the replica catches up, and a browser that never wrote reads it there.
			await until(
				async () => (await nameOnReplica(systemId)) === renamed,
				'the replica to catch up',
				LAG_MS * 5
			);
			const reader = await browser.newContext({ baseURL: app.baseURL, javaScriptEnabled });
			await reader.addCookies([{ name, value, url: app.baseURL }]);
			const other = await reader.newPage();
			await other.goto(`/systems/${systemId}`);
			expect(await other.locator('h1').textContent()).toBe(renamed);
			await reader.close();
		});
	}
});
