/**
 * The built app as tests start it: server.js (the production entry, as `npm run serve` does) in a
 * child process, a wait until it answers, a user made with the app's own user CLI, and a sign-in
 * through the sign-in form's action. Used by the e2e global set-up and the operations tests
 * (tests/ops), which start, kill and restart the app themselves.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const START_TIMEOUT_MS = 30_000;

export interface AppProcess {
	child: ChildProcess;
	baseURL: string;
	/** Everything it printed so far (stdout and stderr). */
	output: () => string;
}

/**
 * Starts server.js on 127.0.0.1:`port` with `env` over the test process's own (NODE_ENV production,
 * ORIGIN the base URL, the upload limit `npm run serve` sets). Does not wait: see waitUntilReady.
 */
export function spawnApp({
	port,
	...env
}: { port: number } & Record<string, string | undefined>): AppProcess {
	const baseURL = `http://127.0.0.1:${port}`;
	let output = '';
	const child = spawn(process.execPath, [join(ROOT, 'server.js')], {
		cwd: ROOT,
		env: {
			...process.env,
			NODE_ENV: 'production',
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: baseURL,
			// As `npm run serve` sets it: adapter-node's limit raised for spreadsheet uploads.
			BODY_SIZE_LIMIT: '21M',
			// Tests run the user CLI with spawnSync between requests, which holds this process's event loop for
			// seconds: with Node's 5 s keep-alive the server closes the idle connection meanwhile, and the next
			// request, sent on it before the close is seen, fails with 'other side closed' on a busy machine.
			KEEP_ALIVE_TIMEOUT: '120',
			HEADERS_TIMEOUT: '125',
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	return { child, baseURL, output: () => output };
}

/** Resolves once the server has said 'Listening on' and answers a request; rejects if it exits first. */
export function waitUntilReady(
	{ child, output }: AppProcess,
	baseURL: string,
	timeoutMs = START_TIMEOUT_MS
): Promise<void> {
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
			finish(
				new Error(
					`The app exited before it was ready (code ${code}, signal ${signal}). Its output:\n${output()}`
				)
			);
		const timer = setTimeout(
			() =>
				finish(
					new Error(`The app did not answer within ${timeoutMs / 1000}s. Its output:\n${output()}`)
				),
			timeoutMs
		);
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

/**
 * Adds a user with the app's own user CLI (in the demo organisation by default) and returns the
 * credentials. `databaseUrl` is where the CLI writes: a primary, never a replica.
 */
export function createUser(
	databaseUrl: string,
	{
		email,
		role = 'editor',
		org = 'northshire',
		name = 'E2E Strategy Officer',
		env = {}
	}: { email: string; role?: string; org?: string; name?: string; env?: Record<string, string> }
): { email: string; password: string } {
	const credentials = { email, password: `e2e-${randomBytes(18).toString('base64url')}` };
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
			email,
			'--role',
			role,
			'--org',
			org,
			'--name',
			name
		],
		{
			cwd: ROOT,
			env: {
				...process.env,
				...env,
				DATABASE_URL: databaseUrl,
				USER_PASSWORD: credentials.password,
				SEED_DEMO: 'false'
			},
			encoding: 'utf8',
			timeout: 60_000
		}
	);
	if (cli.status !== 0)
		throw new Error(
			`could not create the test user (exit ${cli.status}):\n${cli.stdout}\n${cli.stderr}`
		);
	return credentials;
}

/**
 * Signs in through the sign-in form's action, as a browser without JavaScript would, and returns the
 * cookies it set ('name=value; name=value'), the session cookie among them.
 */
export async function signIn(
	baseURL: string,
	credentials: { email: string; password: string }
): Promise<string> {
	// Node's fetch reuses a connection opened earlier; when creating the user took longer than the server's
	// keep-alive (a busy machine), that socket is already closed ('other side closed'): once more.
	const post = () =>
		fetch(`${baseURL}/sign-in`, {
			method: 'POST',
			headers: {
				origin: baseURL,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams({ ...credentials, next: '/' }).toString(),
			redirect: 'manual'
		});
	const response = await post().catch((error: { cause?: { code?: string } }) => {
		if (error.cause?.code === 'UND_ERR_SOCKET') return post();
		throw error;
	});
	const cookies = response.headers.getSetCookie();
	if (
		response.status !== 303 ||
		!cookies.some((c) => /^(__Host-)?portfolio_session=[^;]/.test(c))
	) {
		throw new Error(`the test user could not sign in (status ${response.status})`);
	}
	return cookies.map((c) => c.split(';')[0]!).join('; ');
}
