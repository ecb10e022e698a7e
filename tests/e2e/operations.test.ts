/**
 * Running the built app (server.js) on a sqld server of its own, as an operator would: a wrong
 * token or an unreachable server stops it at start with one line and nothing migrated; a good one
 * serves, /healthz and /readyz answer (readyz 503 while sqld is down, ready again when it is back),
 * and every request is one JSON log line that carries no token, cookie, password or query string.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@libsql/client';
import { freePort, startSqld } from '../../scripts/sqld.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'portfolio-ops-'));
let sqld: Awaited<ReturnType<typeof startSqld>>;

beforeAll(async () => {
	sqld = await startSqld({ dir });
});

afterAll(async () => {
	await sqld?.stop();
	rmSync(dir, { recursive: true, force: true });
});

interface App {
	child: ChildProcess;
	output: () => string;
	exited: Promise<number | null>;
}

function startApp(env: Record<string, string>): App {
	const child = spawn(process.execPath, [join(ROOT, 'server.js')], {
		cwd: ROOT,
		env: { ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', SEED_DEMO: 'false', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const kill = setTimeout(() => child.kill('SIGKILL'), 90_000);
	const exited = new Promise<number | null>((resolve) =>
		child.on('exit', (code) => (clearTimeout(kill), resolve(code)))
	);
	return { child, output: () => output, exited };
}

async function until(check: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
	for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100)))
		if (await check()) return;
	throw new Error('timed out');
}

const tables = async () => {
	const c = createClient({ url: sqld.url, authToken: sqld.token });
	try {
		return (await c.execute("SELECT name FROM sqlite_master WHERE type = 'table'")).rows.length;
	} finally {
		c.close();
	}
};

describe('starting against a database server that cannot be used', () => {
	test('a wrong token: one line naming the token variable (not the token), exit 1, nothing migrated', async () => {
		const wrong = `${sqld.token.slice(0, -6)}AAAAAA`;
		const app = startApp({
			DATABASE_URL: `${sqld.url}?authToken=${wrong}`,
			DATABASE_AUTH_TOKEN: wrong,
			PORT: '0'
		});
		expect(await app.exited, app.output()).toBe(1);
		expect(app.output()).toMatch(
			/The ICT Portfolio Planner did not start: .*refused the token in DATABASE_AUTH_TOKEN.*Nothing was migrated/
		);
		expect(app.output()).not.toContain(wrong);
		expect(app.output()).not.toMatch(/^\s+at /m);
		expect(await tables()).toBe(0);
	}, 90_000);

	test('nothing listening at DATABASE_URL: one line, exit 1', async () => {
		const app = startApp({
			DATABASE_URL: `http://127.0.0.1:${await freePort()}`,
			DATABASE_AUTH_TOKEN: sqld.token,
			PORT: '0'
		});
		expect(await app.exited, app.output()).toBe(1);
		expect(app.output()).toMatch(
			/did not start: .*the database server at http:\/\/127\.0\.0\.1:\d+ could not be reached \(ECONNREFUSED\)\. Nothing was migrated/
		);
		expect(await tables()).toBe(0);
	}, 90_000);
});

describe('serving from a database server', () => {
	let app: App;
	let base = '';
	const PASSWORD = `ops-${Math.random().toString(36).slice(2)}-passphrase`;
	const EMAIL = 'ops.officer@northshire.example';

	beforeAll(async () => {
		const port = await freePort();
		base = `http://127.0.0.1:${port}`;
		app = startApp({
			DATABASE_URL: sqld.url,
			DATABASE_AUTH_TOKEN: sqld.token,
			PORT: String(port),
			ORIGIN: base
		});
		await until(() => app.output().includes('Listening on'), 60_000);
		const org = createClient({ url: sqld.url, authToken: sqld.token });
		await org.execute(
			"INSERT INTO organisation (slug, name) VALUES ('northshire', 'Northshire County Council')"
		);
		org.close();
		const cli = spawnSync(
			process.execPath,
			[
				join(ROOT, 'node_modules/vite-node/vite-node.mjs'),
				'--config',
				'vite.cli.config.ts',
				'src/lib/server/cli/user.ts',
				'--',
				'add',
				'--email',
				EMAIL,
				'--role',
				'editor',
				'--org',
				'northshire',
				'--name',
				'Ops Officer'
			],
			{
				cwd: ROOT,
				env: {
					...process.env,
					DATABASE_URL: sqld.url,
					DATABASE_AUTH_TOKEN: sqld.token,
					USER_PASSWORD: PASSWORD,
					SEED_DEMO: 'false'
				},
				encoding: 'utf8',
				timeout: 60_000
			}
		);
		if (cli.status !== 0) throw new Error(`could not add the user: ${cli.stdout}${cli.stderr}`);
	}, 120_000);

	afterAll(async () => {
		app?.child.kill('SIGTERM');
		await app?.exited;
	});

	test('/healthz and /readyz answer; readyz is 503 while sqld is down and ready again when it is back', async () => {
		const health = await fetch(`${base}/healthz`);
		expect(health.status).toBe(200);
		expect(await health.json()).toEqual({ status: 'ok' });
		expect((await fetch(`${base}/readyz`)).status).toBe(200);

		await sqld.stop();
		const down = await fetch(`${base}/readyz`);
		expect(down.status).toBe(503);
		const body = await down.text();
		expect(JSON.parse(body)).toEqual({ status: 'not ready', reason: 'database unreachable' });
		expect(body).not.toContain('127.0.0.1');
		expect((await fetch(`${base}/healthz`)).status).toBe(200);

		sqld = await startSqld({ dir, port: sqld.port });
		await until(async () => (await fetch(`${base}/readyz`)).status === 200);
	}, 90_000);

	test('one JSON line per request, with its id, status and organisation, and no secret in the log', async () => {
		const setupToken = /\/setup\?token=([A-Za-z0-9_-]+)/.exec(app.output())?.[1];
		const cookieValue = 'forgedsessioncookievalue1234567890abcdef';
		await fetch(`${base}/sign-in?next=/systems&canary=querystringcanary`, {
			headers: { cookie: `portfolio_session=${cookieValue}` }
		});
		if (setupToken) await fetch(`${base}/setup?token=${setupToken}`, { redirect: 'manual' });
		const signIn = await fetch(`${base}/sign-in`, {
			method: 'POST',
			headers: {
				origin: base,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams({ email: EMAIL, password: PASSWORD, next: '/' }).toString(),
			redirect: 'manual'
		});
		expect(signIn.status).toBe(303);
		const session = signIn.headers
			.getSetCookie()
			.find((c) => c.startsWith('portfolio_session='))!
			.split(';')[0]!;
		expect((await fetch(`${base}/systems`, { headers: { cookie: session } })).status).toBe(200);
		await until(() => app.output().includes('"path":"/systems"'));

		const lines = app
			.output()
			.split('\n')
			.filter((l) => l.startsWith('{'));
		const requests = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'request');
		const signInPage = requests.find((r) => r.method === 'GET' && r.path === '/sign-in');
		expect(signInPage).toMatchObject({ level: 'info', status: 200, organisationId: null });
		expect(signInPage.requestId).toMatch(/^[0-9a-f-]{36}$/);
		expect(typeof signInPage.durationMs).toBe('number');
		expect(requests.find((r) => r.method === 'POST' && r.path === '/sign-in')).toMatchObject({
			status: 303
		});
		expect(requests.find((r) => r.path === '/systems')).toMatchObject({
			status: 200,
			organisationId: expect.any(Number)
		});
		expect(new Set(requests.map((r) => r.requestId)).size).toBe(requests.length);

		const log = lines.join('\n');
		for (const secret of [
			PASSWORD,
			EMAIL,
			cookieValue,
			session.split('=')[1]!,
			sqld.token,
			'querystringcanary'
		])
			expect(log).not.toContain(secret);
		if (setupToken) {
			expect(log).not.toContain(setupToken);
			expect(requests.some((r) => r.path === '/setup')).toBe(true);
		}
	}, 90_000);
});
