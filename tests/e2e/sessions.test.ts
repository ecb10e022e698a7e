/**
 * Sessions over HTTP against the built server: a planted cookie is never adopted (fixation),
 * signing out ends the session on the server, a tampered cookie signs the visitor out cleanly,
 * repeated failures are throttled with a clear message, and errors never show a stack trace.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const baseURL = inject('baseURL');
const databaseUrl = inject('databaseUrl');
const password = `sessions-${randomBytes(12).toString('base64url')}`;
const email = `sessions.${randomBytes(4).toString('hex')}@northshire.example`;

function addUser(address: string) {
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
			address,
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
	if (run.status !== 0) throw new Error(`could not add ${address}: ${run.stderr}`);
}

function post(path: string, fields: Record<string, string>, cookie?: string) {
	return fetch(`${baseURL}${path}`, {
		method: 'POST',
		headers: {
			origin: baseURL,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded',
			...(cookie ? { cookie } : {})
		},
		body: new URLSearchParams(fields).toString(),
		redirect: 'manual'
	});
}

const get = (path: string, cookie?: string) =>
	fetch(`${baseURL}${path}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
const cookieOf = (r: Response) => r.headers.get('set-cookie')?.split(';')[0] ?? '';

beforeAll(() => {
	addUser(email);
}, 90_000);

describe('sessions', () => {
	it('issues a new token at sign-in and never adopts one the visitor brought (fixation)', async () => {
		const planted = 'portfolio_session=AttackerChoseThisTokenValue1234567890abcd';
		const response = await post('/sign-in', { email, password, next: '/systems' }, planted);
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe('/systems');
		const issued = cookieOf(response);
		expect(issued).toMatch(/^portfolio_session=[A-Za-z0-9_-]{43}$/);
		expect(issued).not.toBe(planted);
		const flags = response.headers.get('set-cookie')!.toLowerCase();
		expect(flags).toContain('httponly');
		expect(flags).toContain('samesite=lax');
		expect(flags).toContain('path=/');
		expect((await get('/systems', issued)).status).toBe(200);
		expect((await get('/systems', planted)).status).toBe(303);
	});

	it('ends the session on the server at sign-out: the old cookie no longer works', async () => {
		const cookie = cookieOf(await post('/sign-in', { email, password }));
		expect((await get('/', cookie)).status).toBe(200);
		const out = await post('/sign-out', {}, cookie);
		expect(out.status).toBe(303);
		expect(out.headers.get('set-cookie')).toMatch(/portfolio_session=;/);
		const after = await get('/', cookie);
		expect(after.status).toBe(303);
		expect(after.headers.get('location')).toMatch(/^\/sign-in/);
	});

	it('signs a visitor with a tampered cookie out cleanly', async () => {
		const response = await get('/', 'portfolio_session=not-a-real-token-%00%ff');
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toMatch(/^\/sign-in/);
	});

	it('gives one message for a wrong password and an unknown email, then throttles the account', async () => {
		const victim = `throttle.${randomBytes(4).toString('hex')}@northshire.example`;
		addUser(victim);
		const wrong = await (
			await post('/sign-in', { email: victim, password: 'definitely the wrong one' })
		).text();
		const unknown = await (
			await post('/sign-in', { email: `nobody.${victim}`, password: 'definitely the wrong one' })
		).text();
		const message = 'Enter a correct email address and password';
		expect(wrong).toContain(message);
		expect(unknown).toContain(message);
		expect(wrong).toContain(victim); // what was typed is kept
		for (let i = 0; i < 4; i++)
			await post('/sign-in', { email: victim, password: 'still the wrong one!' });
		const throttled = await post('/sign-in', { email: victim, password });
		expect(throttled.status).toBe(429);
		expect(await throttled.text()).toContain('Too many failed attempts to sign in');
	});

	it('shows error pages without a stack trace or internals', async () => {
		for (const path of ['/systems/99999999', '/systems/..%2f..%2fetc', '/definitely-not-a-page']) {
			const body = await (await get(path)).text();
			expect(body).not.toMatch(/at \w+ \(|node_modules|\.ts:\d+|Error:/);
		}
		const signedIn = cookieOf(await post('/sign-in', { email, password }));
		const missing = await get('/systems/99999999', signedIn);
		expect(missing.status).toBe(404);
		const body = await missing.text();
		expect(body).toContain('Page not found');
		expect(body).not.toMatch(/at \w+ \(|node_modules|\.ts:\d+/);
	});
});
