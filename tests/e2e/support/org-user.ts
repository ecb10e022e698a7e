/**
 * A new user of any organisation, added with the app's own CLI (`npm run user -- add`) against the
 * test database, and signed in: returns their session cookie. For journeys as someone other than
 * the default test user (a shared service's officer, say).
 */
import { inject } from 'vitest';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { baseURL } from './browser';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export async function newUserCookie(organisationSlug: string, role: string): Promise<string> {
	const email = `${role}.${randomBytes(4).toString('hex')}@${organisationSlug}.example`;
	const password = `${role}-${randomBytes(12).toString('base64url')}`;
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
			role,
			'--org',
			organisationSlug
		],
		{
			cwd: ROOT,
			env: {
				...process.env,
				DATABASE_URL: inject('databaseUrl'),
				USER_PASSWORD: password,
				SEED_DEMO: 'false'
			},
			encoding: 'utf8',
			timeout: 60_000
		}
	);
	if (run.status !== 0) throw new Error(`could not add the user: ${run.stderr}`);
	const response = await fetch(`${baseURL}/sign-in`, {
		method: 'POST',
		headers: {
			origin: baseURL,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({ email, password, next: '/' }).toString(),
		redirect: 'manual'
	});
	const cookie = response.headers.get('set-cookie')?.split(';')[0];
	if (response.status !== 303 || !cookie)
		throw new Error(`the new user could not sign in: ${response.status}`);
	return cookie;
}
