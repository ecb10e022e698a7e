/**
 * SIGTERM on the embedded file: the app stops taking connections, answers the request in flight
 * (here a sign-in whose body is still arriving when the signal comes), checkpoints the
 * write-ahead log into the database file, closes it, and exits 0, leaving no -wal behind: the file
 * alone is the whole database, as a copy or a restore needs.
 */
import { afterAll, expect, it } from 'vitest';
import http from 'node:http';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, stopProcess } from '../../scripts/sqld.js';
import { spawnApp, waitUntilReady, type AppProcess } from '../support/app-server';

const dir = mkdtempSync(join(tmpdir(), 'portfolio-shutdown-'));
let app: AppProcess | undefined;
afterAll(async () => {
	if (app) await stopProcess(app.child);
	rmSync(dir, { recursive: true, force: true });
});

it('drains the request in flight, checkpoints the log and exits 0 on SIGTERM', async () => {
	const file = join(dir, 'portfolio.db');
	const port = await freePort();
	app = spawnApp({ port, DATABASE_URL: `file:${file}`, SEED_DEMO: 'true' });
	await waitUntilReady(app, app.baseURL, 120_000);
	expect(statSync(`${file}-wal`).size).toBeGreaterThan(0); // the demo portfolio's writes sit in the log while the app runs

	const body = new URLSearchParams({
		email: 'nobody@example.gov.uk',
		password: 'not the password',
		next: '/'
	}).toString();
	const half = Math.floor(body.length / 2);
	const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
		const request = http.request(`${app!.baseURL}/sign-in`, {
			method: 'POST',
			headers: {
				origin: app!.baseURL,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded',
				'content-length': body.length,
				connection: 'close'
			}
		});
		request.on('response', (response) => {
			let text = '';
			response.on('data', (chunk: Buffer) => (text += chunk.toString()));
			response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
		});
		request.on('error', reject);
		request.write(body.slice(0, half));
		setTimeout(() => {
			// The request is in flight, its body half sent: now the signal, then the rest of the body.
			app!.child.kill('SIGTERM');
			setTimeout(() => request.end(body.slice(half)), 1_000);
		}, 500);
	});
	const exited = new Promise<number | null>((resolve) =>
		app!.child.once('exit', (code) => resolve(code))
	);
	// Meanwhile (after the signal, before the body's second half) no new connection is taken.
	const refused = new Promise((r) => setTimeout(r, 1_000)).then(() =>
		fetch(`${app!.baseURL}/healthz`).then(
			() => 'answered',
			() => 'refused'
		)
	);

	const { status, text } = await answer;
	expect(status).toBe(400); // the sign-in was answered (wrong password), not cut off
	expect(text).toMatch(/Enter a correct email address and password|email address or password/i);
	expect(await refused).toBe('refused');
	expect(await exited).toBe(0);
	expect(app.output()).toContain(
		'Stopped: every request in flight answered, the database log checkpointed and closed.'
	);
	expect(!existsSync(`${file}-wal`) || statSync(`${file}-wal`).size === 0).toBe(true);
}, 180_000);
