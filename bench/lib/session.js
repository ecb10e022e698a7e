/** Getting the benchmark past sign-in, through the app's own user command and sign-in form. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RESULTS, VITE_NODE } from './paths.js';
import { runLogged } from './processes.js';

/** The account the /systems benchmark signs in as; it exists only in the generated database. */
export const BENCH_USER = {
	email: 'bench@bench-borough.gov.uk',
	password: 'bench-only password, never deployed 7f3a9c',
	role: 'viewer'
};
/** The import benchmark's account: importing is an editor's action. */
export const BENCH_EDITOR = {
	email: 'bench-editor@bench-borough.gov.uk',
	password: 'bench-only editor password, never deployed 2d81e4',
	role: 'editor'
};
const USER_CLI = 'src/lib/server/cli/user.ts';

/**
 * Creates the benchmark's user with the app's own command (`npm run user -- add`), before the
 * server starts. Apps without that command, or a database that already has the user, are fine.
 */
export async function ensureBenchUser(app, databaseFile, user = BENCH_USER) {
	if (!existsSync(join(app.cwd, USER_CLI))) return;
	const logFile = join(RESULTS, 'user-cli.log');
	const config = existsSync(join(app.cwd, 'vite.cli.config.ts'))
		? ['--config', 'vite.cli.config.ts']
		: [];
	try {
		await runLogged(
			process.execPath,
			[
				VITE_NODE,
				...config,
				USER_CLI,
				'--',
				'add',
				'--email',
				user.email,
				'--role',
				user.role,
				'--org',
				'1',
				'--name',
				'Benchmark'
			],
			{
				cwd: app.cwd,
				env: {
					DATABASE_URL: pathToFileURL(databaseFile).href,
					SEED_DEMO: 'false',
					USER_PASSWORD: user.password
				},
				logFile,
				timeoutMs: 120_000
			}
		);
		console.log(`  created ${user.email} (${user.role}) with the app's user command`);
	} catch (error) {
		if (!/already exists/.test(readFileSync(logFile, 'utf8'))) throw error;
	}
}

/**
 * Returns the request headers that get a visitor to /systems: none while the app lets anyone in,
 * or the session cookie from signing in through the app's own /sign-in form.
 */
export async function signIn(server, user = BENCH_USER) {
	const probe = await fetch(`${server.origin}/systems`, {
		redirect: 'manual',
		signal: AbortSignal.timeout(60_000)
	});
	await probe.arrayBuffer();
	const location = probe.headers.get('location') ?? '';
	if (probe.status === 200) return {};
	if (!(probe.status >= 300 && probe.status < 400 && location.startsWith('/sign-in'))) {
		throw new Error(
			`/systems answered ${probe.status} ${location}: neither the page nor a sign-in redirect`
		);
	}
	const response = await fetch(`${server.origin}/sign-in`, {
		method: 'POST',
		redirect: 'manual',
		// Accept: text/html makes SvelteKit answer as to a plain form post (303), not as to use:enhance (JSON).
		headers: {
			origin: server.origin,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({ email: user.email, password: user.password, next: '/systems' }),
		signal: AbortSignal.timeout(60_000)
	});
	await response.arrayBuffer();
	const cookie = response.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.filter((c) => !c.endsWith('='))
		.join('; ');
	if (response.status !== 303 || !cookie)
		throw new Error(
			`signing in as ${user.email} failed: ${response.status}, ${cookie ? 'not a redirect' : 'no session cookie'}`
		);
	console.log(`  signed in as ${user.email}`);
	return { cookie };
}
