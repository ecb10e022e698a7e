/**
 * The sqld primary stopped under the app (running on the replica, DATABASE_PRIMARY_URL the primary):
 * pages that only read still answer from the replica; a save answers a plain 503 page, with no stack
 * trace, that keeps what was typed and can send it again; and once the primary is back, that same
 * 'Try again' saves it and the page shows it.
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

const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run'
];
const dir = mkdtempSync(join(tmpdir(), 'portfolio-primary-down-'));
let servers: Awaited<ReturnType<typeof startReplicatedSqld>>;
let app: AppProcess;
let replica: Client;
let browser: Browser;
let sessionCookie: string;

async function until(read: () => Promise<boolean>, what: string, ms = 60_000): Promise<void> {
	for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100)))
		if (await read().catch(() => false)) return;
	throw new Error(`timed out waiting for ${what}`);
}

beforeAll(async () => {
	servers = await startReplicatedSqld({ dir });
	replica = createClient({ url: servers.replica.url, authToken: servers.token });
	app = spawnApp({
		port: await freePort(),
		DATABASE_URL: servers.replica.url,
		DATABASE_PRIMARY_URL: servers.primary.url,
		DATABASE_AUTH_TOKEN: servers.token,
		SEED_DEMO: 'true'
	});
	await waitUntilReady(app, app.baseURL, 120_000);
	const credentials = createUser(servers.primary.url, {
		email: 'outage.officer@northshire.example',
		env: { DATABASE_AUTH_TOKEN: servers.token }
	});
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
	sessionCookie = (await signIn(app.baseURL, credentials))
		.split('; ')
		.find((c) => c.startsWith('portfolio_session='))!;
	await until(
		async () =>
			Number((await replica.execute('SELECT count(*) AS n FROM auth_session')).rows[0]!.n) > 0,
		'the session on the replica'
	);
	browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
		headless: true,
		args: CHROMIUM_ARGS
	});
}, 240_000);

afterAll(async () => {
	await browser?.close();
	if (app) await stopProcess(app.child);
	replica?.close();
	await servers?.stop();
	rmSync(dir, { recursive: true, force: true });
});

describe('the sqld primary stopped', () => {
	it('reads answer from the replica, a save answers 503 keeping what was typed, and Try again saves it once the primary is back', async () => {
		const context = await browser.newContext({ baseURL: app.baseURL, javaScriptEnabled: false });
		const [name, value] = sessionCookie.split('=') as [string, string];
		await context.addCookies([{ name, value, url: app.baseURL }]);
		const page = await context.newPage();
		const id = Number((await replica.execute('SELECT min(id) AS id FROM system')).rows[0]!.id);
		await page.goto(`/systems/${id}/edit`);
		const renamed = `Renamed during the outage ${Date.now()}`;
		await page.getByLabel('Name', { exact: true }).fill(renamed);

		await servers.primary.stop();
		// Reading pages still answer, from the replica.
		for (const path of ['/systems', `/systems/${id}`, '/']) {
			const response = await page.context().request.get(path);
			expect(response.status(), path).toBe(200);
		}

		const answer = page.waitForResponse((r) => r.request().method() === 'POST');
		await page.locator('main form[method="post"] button[type="submit"]').click();
		expect((await answer).status()).toBe(503);
		await expect
			.poll(() => page.locator('h1').textContent())
			.toBe('Sorry, your changes have not been saved');
		const text = await page.locator('body').innerText();
		expect(text).toContain('the database cannot take changes just now');
		expect(text).toContain(renamed); // what was typed, kept
		expect(text).not.toMatch(/\bat .+:\d+:\d+|Error:|ECONNREFUSED|127\.0\.0\.1/); // no stack trace, no address
		expect(
			await replica
				.execute({ sql: 'SELECT count(*) AS n FROM system WHERE name = ?', args: [renamed] })
				.then((r) => Number(r.rows[0]!.n))
		).toBe(0);

		await servers.restartPrimary();
		await page.getByRole('button', { name: 'Try again' }).click();
		await page.waitForURL(new RegExp(`/systems/${id}$`));
		expect(await page.locator('h1').textContent()).toBe(renamed);
		await context.close();
	});
});
