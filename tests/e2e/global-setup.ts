/**
 * Starts the built app through its production entry (server.js, as `npm run serve` does) once for the e2e run, on a free port with a fresh database,
 * and tells the tests where it is and which Chromium to drive. The server loads the demo portfolio
 * into the empty database at start, so every run begins from the same 79 systems.
 * With TEST_DATABASE=sqld (npm run test:sqld) that database is a fresh sqld server, with JWT
 * authentication on, started here and stopped after the run; its token is put in
 * DATABASE_AUTH_TOKEN, which the app, the user CLI and the test files inherit.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, constants, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { freePort, startTestDatabase, stopProcess } from '../../scripts/sqld.js';

declare module 'vitest' {
	export interface ProvidedContext {
		/** The running app, e.g. 'http://127.0.0.1:41234' (no trailing slash). */
		baseURL: string;
		/** The Chromium executable, or null when none was found (browser tests then skip, outside CI). */
		chromiumPath: string | null;
		/** Who the tests sign in as, once the app requires sign-in; null while every request acts for the first organisation. */
		credentials: { email: string; password: string } | null;
		/** That user's session cookie ('name=value'), signed in once for the whole run; null without sign-in. */
		sessionCookie: string | null;
		/** The running app's database (file:...), for tests that prepare data with the app's own services or read the audit trail. */
		databaseUrl: string;
	}
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SERVER_ENTRY = join(ROOT, 'server.js');
const BUILD_HANDLER = join(ROOT, process.env.BUILD_DIR || 'build', 'handler.js');
const START_TIMEOUT_MS = 30_000;

function findChromium(): string | null {
	const candidates = process.env.CHROMIUM_PATH ? [process.env.CHROMIUM_PATH] : ['/usr/bin/chromium'];
	for (const path of candidates) {
		try {
			accessSync(path, constants.X_OK);
			return path;
		} catch {
			// not there or not executable: try the next one, then report below
		}
	}
	return null;
}

/** Resolves once the server has said 'Listening on' and answers a request; rejects if it exits first. */
function waitUntilReady(child: ChildProcess, baseURL: string, output: () => string): Promise<void> {
	return new Promise((resolveReady, reject) => {
		let settled = false;
		const finish = (error?: Error) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			child.off('exit', onExit);
			if (error) reject(error);
			else resolveReady();
		};
		const onExit = (code: number | null, signal: string | null) =>
			finish(new Error(`The app exited before it was ready (code ${code}, signal ${signal}). Its output:\n${output()}`));
		const timer = setTimeout(() => finish(new Error(`The app did not answer within ${START_TIMEOUT_MS / 1000}s. Its output:\n${output()}`)), START_TIMEOUT_MS);
		child.once('exit', onExit);
		const poll = async () => {
			while (!settled) {
				if (output().includes('Listening on')) {
					try {
						const response = await fetch(`${baseURL}/`, { redirect: 'manual' });
						if (response.status < 400) return finish(); // 200, or a redirect to /sign-in
					} catch {
						// not accepting connections yet
					}
				}
				await new Promise((r) => setTimeout(r, 100));
			}
		};
		void poll();
	});
}

/** True once the app sends a visitor who is not signed in to /sign-in. */
async function signInRequired(baseURL: string): Promise<boolean> {
	const response = await fetch(`${baseURL}/`, { redirect: 'manual' });
	return response.status >= 300 && response.status < 400 && (response.headers.get('location') ?? '').includes('/sign-in');
}

/**
 * Creates the strategy group officer the tests act as, with the app's own user CLI, in the demo
 * organisation the server has just loaded. An editor: the role that adds, edits and reviews systems.
 */
function createEditor(databaseUrl: string): { email: string; password: string } {
	const credentials = { email: 'e2e.officer@northshire.example', password: `e2e-${randomBytes(18).toString('base64url')}` };
	const cli = spawnSync(
		process.execPath,
		[join(ROOT, 'node_modules/vite-node/vite-node.mjs'), '--config', 'vite.cli.config.ts', 'src/lib/server/cli/user.ts', '--', 'add', '--email', credentials.email, '--role', 'editor', '--org', 'northshire', '--name', 'E2E Strategy Officer'],
		{ cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl, USER_PASSWORD: credentials.password, SEED_DEMO: 'false' }, encoding: 'utf8', timeout: 60_000 }
	);
	if (cli.status !== 0) throw new Error(`E2E: could not create the test user (exit ${cli.status}):\n${cli.stdout}\n${cli.stderr}`);
	return credentials;
}

/** Signs in through the sign-in form's action, as a browser without JavaScript would, and returns the session cookie. */
async function signIn(baseURL: string, credentials: { email: string; password: string }): Promise<string> {
	// Node's fetch reuses the connection signInRequired() opened; when creating the user took longer than the
	// server's 5-second keep-alive (a busy machine), that socket is already closed ('other side closed'): once more.
	const post = () => fetch(`${baseURL}/sign-in`, {
		method: 'POST',
		headers: { origin: baseURL, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ ...credentials, next: '/' }).toString(),
		redirect: 'manual'
	});
	const response = await post().catch((error: { cause?: { code?: string } }) => {
		if (error.cause?.code === 'UND_ERR_SOCKET') return post();
		throw error;
	});
	const cookie = response.headers.getSetCookie().find((c) => /^(__Host-)?portfolio_session=[^;]/.test(c));
	if (response.status !== 303 || !cookie) throw new Error(`E2E: the test user could not sign in (status ${response.status})`);
	return cookie.split(';')[0]!;
}

export default async function setup(project: TestProject) {
	const chromiumPath = findChromium();
	if (!chromiumPath) {
		const where = process.env.CHROMIUM_PATH ? `CHROMIUM_PATH=${process.env.CHROMIUM_PATH}` : '/usr/bin/chromium';
		if (process.env.CI === 'true') {
			throw new Error(`E2E: no Chromium at ${where}. Install Debian's chromium or set CHROMIUM_PATH; CI does not skip browser tests.`);
		}
		const bar = '!'.repeat(78);
		console.warn(
			[
				'',
				bar,
				`!!! BROWSER TESTS SKIPPED: no Chromium at ${where}.`,
				'!!! Only the HTTP-level e2e tests (security headers, CSRF) will run.',
				'!!! Install it (apt-get install chromium) or set CHROMIUM_PATH to run them.',
				'!!! With CI=true this is an error, not a skip.',
				bar,
				''
			].join('\n')
		);
	}

	if (!existsSync(BUILD_HANDLER)) {
		throw new Error(`E2E: ${BUILD_HANDLER} does not exist. Run 'npm run build' first (npm test does).`);
	}

	const dir = mkdtempSync(join(tmpdir(), 'portfolio-e2e-'));
	const port = await freePort();
	const baseURL = `http://127.0.0.1:${port}`;
	const database = await startTestDatabase(dir, 'e2e');
	if (database.token) process.env.DATABASE_AUTH_TOKEN = database.token;
	const databaseUrl = database.url;
	let output = '';
	const child = spawn(process.execPath, [SERVER_ENTRY], {
		cwd: ROOT,
		env: {
			...process.env,
			NODE_ENV: 'production',
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: baseURL,
			DATABASE_URL: databaseUrl,
			SEED_DEMO: 'true',
			// As `npm run serve` sets it: adapter-node's limit raised for spreadsheet uploads.
			BODY_SIZE_LIMIT: '21M',
			// Tests run the user CLI with spawnSync between requests, which holds this process's event loop for
			// seconds: with Node's 5 s keep-alive the server closes the idle connection meanwhile, and the next
			// request, sent on it before the close is seen, fails with 'other side closed' on a busy machine.
			KEEP_ALIVE_TIMEOUT: '120',
			HEADERS_TIMEOUT: '125'
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));

	let credentials: { email: string; password: string } | null = null;
	let sessionCookie: string | null = null;
	try {
		await waitUntilReady(child, baseURL, () => output);
		if (await signInRequired(baseURL)) {
			credentials = createEditor(databaseUrl);
			sessionCookie = await signIn(baseURL, credentials);
		}
	} catch (error) {
		await stopProcess(child);
		await database.stop();
		rmSync(dir, { recursive: true, force: true });
		throw error;
	}

	project.provide('baseURL', baseURL);
	project.provide('chromiumPath', chromiumPath);
	project.provide('credentials', credentials);
	project.provide('sessionCookie', sessionCookie);
	project.provide('databaseUrl', databaseUrl);

	return async () => {
		const diedEarly = child.exitCode !== null || child.signalCode !== null;
		await stopProcess(child);
		await database.stop();
		rmSync(dir, { recursive: true, force: true });
		if (diedEarly) {
			console.warn(`E2E: the app stopped during the run (was build/ rebuilt under it?). Its output:\n${output}`);
			return;
		}
		// The app logs each 5xx as a JSON line with its request id and cause; show those so a failing run explains itself.
		const errors = output.split('\n').filter((line) => line.startsWith('{') && line.includes('"level":"error"'));
		if (errors.length > 0) console.warn(`E2E: the app logged server errors:\n${errors.map((l) => l.slice(0, 300)).join('\n')}`);
	};
}
