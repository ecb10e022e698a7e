/**
 * Starts the built app through its production entry (server.js, as `npm run serve` does) once for the e2e run, on a free port with a fresh database,
 * and tells the tests where it is and which Chromium to drive. The server loads the demo portfolio
 * into the empty database at start, so every run begins from the same 79 systems.
 * With TEST_DATABASE=sqld (npm run test:sqld) that database is a fresh sqld server, with JWT
 * authentication on, started here and stopped after the run; its token is put in
 * DATABASE_AUTH_TOKEN, which the app, the user CLI and the test files inherit.
 */
import { accessSync, constants, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort, startTestDatabase, stopProcess } from '../../scripts/sqld.js';
import { createUser, ROOT, signIn, spawnApp, waitUntilReady } from '../support/app-server';

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

const BUILD_HANDLER = join(ROOT, process.env.BUILD_DIR || 'build', 'handler.js');

function findChromium(): string | null {
	const candidates = process.env.CHROMIUM_PATH
		? [process.env.CHROMIUM_PATH]
		: ['/usr/bin/chromium'];
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

/** True once the app sends a visitor who is not signed in to /sign-in. */
async function signInRequired(baseURL: string): Promise<boolean> {
	const response = await fetch(`${baseURL}/`, { redirect: 'manual' });
	return (
		response.status >= 300 &&
		response.status < 400 &&
		(response.headers.get('location') ?? '').includes('/sign-in')
	);
}

export default async function setup(project: TestProject) {
	const chromiumPath = findChromium();
	if (!chromiumPath) {
		const where = process.env.CHROMIUM_PATH
			? `CHROMIUM_PATH=${process.env.CHROMIUM_PATH}`
			: '/usr/bin/chromium';
		if (process.env.CI === 'true') {
			throw new Error(
				`E2E: no Chromium at ${where}. Install Debian's chromium or set CHROMIUM_PATH; CI does not skip browser tests.`
			);
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
		throw new Error(
			`E2E: ${BUILD_HANDLER} does not exist. Run 'npm run build' first (npm test does).`
		);
	}

	const dir = mkdtempSync(join(tmpdir(), 'portfolio-e2e-'));
	const port = await freePort();
	const baseURL = `http://127.0.0.1:${port}`;
	const database = await startTestDatabase(dir, 'e2e');
	if (database.token) process.env.DATABASE_AUTH_TOKEN = database.token;
	const databaseUrl = database.url;
	const app = spawnApp({ port, DATABASE_URL: databaseUrl, SEED_DEMO: 'true' });
	const { child } = app;
	const output = app.output;

	let credentials: { email: string; password: string } | null = null;
	let sessionCookie: string | null = null;
	try {
		// On sqld the demo portfolio loads over HTTP before the server listens: a minute or more on a loaded machine.
		await waitUntilReady(app, baseURL, database.token ? 180_000 : 30_000);
		if (await signInRequired(baseURL)) {
			// The strategy group officer the tests act as, in the demo organisation the server has just loaded:
			// an editor, the role that adds, edits and reviews systems.
			credentials = createUser(databaseUrl, { email: 'e2e.officer@northshire.example' });
			sessionCookie = (await signIn(baseURL, credentials))
				.split('; ')
				.find((c) => /^(__Host-)?portfolio_session=/.test(c))!;
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
			console.warn(
				`E2E: the app stopped during the run (was build/ rebuilt under it?). Its output:\n${output()}`
			);
			return;
		}
		// The app logs each 5xx as a JSON line with its request id and cause; show those so a failing run explains itself.
		const errors = output()
			.split('\n')
			.filter((line) => line.startsWith('{') && line.includes('"level":"error"'));
		if (errors.length > 0)
			console.warn(
				`E2E: the app logged server errors:\n${errors.map((l) => l.slice(0, 300)).join('\n')}`
			);
	};
}
