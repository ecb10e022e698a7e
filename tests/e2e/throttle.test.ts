/**
 * Sign-in throttling over HTTP against a server of its own (so its address budget, set low here,
 * does not slow the other browser tests, which all come from 127.0.0.1): an address with many
 * failures is slowed and told to wait in seconds, never locked; a colleague who has signed in from
 * it before still gets straight in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'portfolio-throttle-'));
const databaseUrl = `file:${join(dir, 'throttle.db')}`;
const password = 'a colleague passphrase';
let server: ChildProcess;
let baseURL = '';

const freePort = () =>
	new Promise<number>((resolve) => {
		const probe = createServer().listen(0, '127.0.0.1', () => {
			const address = probe.address();
			probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});

function addUser(email: string) {
	const run = spawnSync(
		process.execPath,
		[
			join(ROOT, 'node_modules/vite-node/vite-node.mjs'),
			'--config',
			'vite.cli.config.ts',
			'src/lib/server/cli/user.ts',
			'--',
			'add',
			'--email',
			email,
			'--role',
			'viewer',
			'--org',
			'northshire'
		],
		{
			cwd: ROOT,
			env: {
				...process.env,
				DATABASE_URL: databaseUrl,
				USER_PASSWORD: password,
				SEED_DEMO: 'false'
			},
			encoding: 'utf8',
			timeout: 60_000
		}
	);
	if (run.status !== 0) throw new Error(`could not add ${email}: ${run.stderr}`);
}

const signIn = (email: string, pass: string) =>
	fetch(`${baseURL}/sign-in`, {
		method: 'POST',
		headers: {
			origin: baseURL,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({ email, password: pass }).toString(),
		redirect: 'manual'
	});

beforeAll(async () => {
	const port = await freePort();
	baseURL = `http://127.0.0.1:${port}`;
	server = spawn(process.execPath, [join(ROOT, 'build/index.js')], {
		cwd: ROOT,
		env: {
			...process.env,
			NODE_ENV: 'production',
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: baseURL,
			DATABASE_URL: databaseUrl,
			SEED_DEMO: 'true',
			SIGN_IN_MAX_FAILURES_PER_ADDRESS: '3',
			SIGN_IN_ADDRESS_DELAY_MAX_SECONDS: '2'
		},
		stdio: 'ignore'
	});
	for (let i = 0; i < 600; i++) {
		const ok = await fetch(`${baseURL}/sign-in`).then(
			(r) => r.ok,
			() => false
		);
		if (ok) break;
		await new Promise((r) => setTimeout(r, 100));
	}
	addUser('desk.colleague@northshire.example');
}, 120_000);

afterAll(() => {
	server?.kill();
	rmSync(dir, { recursive: true, force: true });
});

describe('an address with many failed sign-ins', () => {
	it('is slowed with a message in seconds, while a colleague who signs in from it gets straight in', async () => {
		expect((await signIn('desk.colleague@northshire.example', password)).status).toBe(303);
		for (let i = 0; i < 4; i++)
			expect((await signIn(`sprayed${i}@northshire.example`, 'Winter2026!')).status).toBe(400);

		const burst = await Promise.all(
			Array.from({ length: 5 }, (_, i) => signIn(`burst${i}@northshire.example`, 'Winter2026!'))
		);
		const slowed = burst.filter((r) => r.status === 429);
		expect(slowed.length).toBeGreaterThan(0);
		const page = await slowed[0]!.text();
		expect(page).toMatch(
			/Too many failed attempts to sign in from your network\. Wait \d+ seconds?, then try again\./
		);
		expect(page).toContain('govuk-error-summary');

		const started = Date.now();
		const colleague = await signIn('desk.colleague@northshire.example', password);
		expect(colleague.status).toBe(303);
		expect(Date.now() - started).toBeLessThan(2_000);
	});
});
