/**
 * Request body limits against the built server, counted on the bytes actually read: a chunked body
 * carries no Content-Length, so a check of the header alone lets it through. Every route takes at
 * most 1 MB (sign-in 16 KB); only an upload by a user who may import takes more. Also: every response,
 * static files and the 413 included, carries the security headers.
 */
import { beforeAll, describe, expect, inject, test } from 'vitest';
import { isDatabaseServerUrl } from '$lib/server/db/server-check';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { baseURL, credentials, sessionCookie } from './support/browser';
import { multipartFile, rawPost } from './support/raw-post';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const databaseUrl = inject('databaseUrl');
const viewer = {
	email: `limits.viewer.${randomBytes(4).toString('hex')}@northshire.example`,
	password: `limits-${randomBytes(12).toString('base64url')}`
};
let viewerCookie = '';

const FORM = 'application/x-www-form-urlencoded';
const MB = 1024 * 1024;
// The file limit: 20 MB, held to 4 MB when the app runs on a database server (sqld refuses a larger stored value).
const UPLOAD_LIMIT_MB = isDatabaseServerUrl(inject('databaseUrl')) ? 4 : 20;

async function signIn(email: string, password: string): Promise<string> {
	const response = await fetch(`${baseURL}/sign-in`, {
		method: 'POST',
		headers: { origin: baseURL, accept: 'text/html', 'content-type': FORM },
		body: new URLSearchParams({ email, password, next: '/' }).toString(),
		redirect: 'manual'
	});
	expect(response.status).toBe(303);
	return response.headers.getSetCookie()[0]!.split(';')[0]!;
}

beforeAll(async () => {
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
			viewer.email,
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
				USER_PASSWORD: viewer.password,
				SEED_DEMO: 'false'
			},
			encoding: 'utf8',
			timeout: 60_000
		}
	);
	if (run.status !== 0) throw new Error(`could not add the viewer: ${run.stderr}`);
	viewerCookie = await signIn(viewer.email, viewer.password);
}, 90_000);

function expectSecurityHeaders(
	headers: Headers | Record<string, string | string[] | undefined>
): void {
	const get = (name: string) =>
		headers instanceof Headers
			? headers.get(name)
			: ((headers[name] as string | undefined) ?? null);
	expect(get('x-content-type-options')).toBe('nosniff');
	expect(get('x-frame-options')).toBe('DENY');
	expect(get('referrer-policy')).toBe('same-origin');
	expect(get('cross-origin-opener-policy')).toBe('same-origin');
	expect(get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
}

describe.skipIf(!credentials)('request body limits', () => {
	describe.each([
		{ route: 'sign-in', path: '/sign-in', cookie: null, over: 20 * 1024 },
		{ route: 'a form action', path: '/systems/new', cookie: sessionCookie, over: MB + 1 },
		{ route: 'an endpoint', path: '/systems.csv', cookie: sessionCookie, over: MB + 1 }
	])('$route', ({ path, cookie, over }) => {
		test.each([false, true])(
			'a body over the limit (chunked: %s) is refused with 413, and nothing typed is echoed',
			async (chunked) => {
				// A declared length over the limit is refused on the headers: the client sends a little and waits,
				// so a server that closes at once cannot break the client's write before the answer is read.
				const result = await rawPost(path, {
					head: 'name=',
					fill: chunked ? over + 16 * MB : over,
					chunked,
					contentType: FORM,
					cookie,
					stallAfter: chunked ? undefined : 64 * 1024
				});
				if (result.reset) {
					// Refused by closing the connection before the client had sent it all (see RawPostResult.reset).
					expect(result.sentWhenAnswered).toBeLessThan(result.total);
				} else if (path === '/systems.csv' && chunked) {
					// An endpoint that takes no body never reads one: it answers at once and closes the connection
					// rather than draining what is still coming.
					expect(result.status).toBe(405);
					expect(result.headers.connection).toBe('close');
				} else {
					expect(result.status).toBe(413);
					expect(result.body).toMatch(/The request is too large/);
					expectSecurityHeaders(result.headers);
				}
				expect(result.body).not.toContain('aaaaaaaaaaaaaaaa');
			}
		);
	});

	test('a 16 MB chunked sign-in is answered long before it is all sent', async () => {
		// Large enough that the sockets' buffers on loopback (a few MB) cannot take it all before the answer.
		const result = await rawPost('/sign-in', {
			head: 'email=',
			fill: 16 * MB,
			chunked: true,
			contentType: FORM
		});
		expect(result.sentWhenAnswered).toBeLessThan(result.total);
		if (!result.reset) {
			expect(result.status).toBe(413);
			expect(result.body.length).toBeLessThan(200);
		}
	});

	test('a small chunked body still reaches the action: the counted body is the one it reads', async () => {
		const body = new URLSearchParams({
			email: credentials!.email,
			password: credentials!.password,
			next: '/systems'
		}).toString();
		const result = await rawPost('/sign-in', {
			head: body,
			fill: 0,
			chunked: true,
			contentType: FORM
		});
		expect(result.status).toBe(303);
		expect(result.headers.location).toBe('/systems');
	});

	test('a form just under the limit is read and answered by the action (a refusal of the empty name)', async () => {
		const result = await rawPost('/systems/new', {
			head: 'description=',
			fill: MB - 100,
			tail: '&name=',
			chunked: true,
			contentType: FORM,
			cookie: sessionCookie
		});
		expect(result.status).toBe(400);
		expect(result.body).toMatch(/Enter the name of the system/);
	});

	describe.each(['/import?/upload', '/costs/import?/upload'])('the upload %s', (path) => {
		const file = multipartFile('large.csv');

		test.each([
			['a viewer', () => viewerCookie],
			['someone signed out', () => null]
		])(
			'refuses a chunked upload from %s on its headers, before reading it',
			async (_who, cookie) => {
				const result = await rawPost(path, {
					...file,
					fill: 21 * MB,
					chunked: true,
					cookie: cookie(),
					stallAfter: 64 * 1024
				});
				expect(result.status).toBe(413);
				expect(result.sentWhenAnswered).toBeLessThanOrEqual(64 * 1024 + file.head.length);
				expectSecurityHeaders(result.headers);
			}
		);

		test('refuses a declared 5 MB upload from a viewer before reading it', async () => {
			const result = await rawPost(path, {
				...file,
				fill: 5 * MB,
				chunked: false,
				cookie: viewerCookie,
				stallAfter: 64 * 1024
			});
			expect(result.status).toBe(413);
		});

		test('takes a 3 MB chunked upload from an editor (the route itself answers)', async () => {
			const result = await rawPost(path, {
				...file,
				fill: 3 * MB,
				chunked: true,
				cookie: sessionCookie
			});
			expect(result.status).not.toBe(413);
			expect([303, 400]).toContain(result.status);
			if (result.status === 303) expect(result.headers.location).toMatch(/\/import\/\d+$/);
			else expect(result.body).toMatch(/govuk-error-summary/);
		}, 60_000);

		test('refuses an editor upload over the upload limit (a 40 MB file, chunked) without reading it all', async () => {
			const result = await rawPost(path, {
				...file,
				fill: 40 * MB,
				chunked: true,
				cookie: sessionCookie
			});
			// The upload reader stops at the file limit (20 MB) and answers with the form's own error; the
			// body limit (the file limit and 1 MB for the form) would answer 413 a little later.
			if (result.reset) expect(result.sentWhenAnswered).toBeLessThan(result.total);
			else if (result.status === 413) expect(result.body).toMatch(/The request is too large/);
			else {
				expect(result.status).toBe(400);
				expect(result.body).toMatch(new RegExp(`The file is larger than ${UPLOAD_LIMIT_MB} MB`));
			}
			expect(result.sentWhenAnswered).toBeLessThan(result.total);
		}, 60_000);
	});
});

describe.skipIf(!credentials)('what a failed sign-in repeats back', () => {
	const post = (fields: Record<string, string>) =>
		fetch(`${baseURL}/sign-in`, {
			method: 'POST',
			headers: { origin: baseURL, accept: 'text/html', 'content-type': FORM },
			body: new URLSearchParams(fields).toString(),
			redirect: 'manual'
		});

	test('an email over 254 characters is refused and not echoed', async () => {
		const email = `${'x'.repeat(250)}@northshire.example`;
		const response = await post({ email, password: 'anything-at-all', next: '/' });
		expect(response.status).toBe(400);
		const html = await response.text();
		expect(html).toMatch(/Email address must be 254 characters or fewer/);
		expect(html).not.toContain('x'.repeat(100));
	});

	test('an email of a possible length is kept in the form', async () => {
		const email = `someone.${'y'.repeat(40)}@northshire.example`;
		const response = await post({ email, password: 'wrong password here', next: '/' });
		expect(response.status).toBe(400);
		expect(await response.text()).toContain(email);
	});

	test('a password over 128 characters is refused without being checked', async () => {
		const response = await post({
			email: credentials!.email,
			password: 'p'.repeat(10_000),
			next: '/'
		});
		expect(response.status).toBe(400);
		const html = await response.text();
		expect(html).toMatch(/Password must be 128 characters or fewer/);
		expect(html).not.toContain('pppppppp');
	});
});

describe('security headers beyond the pages', () => {
	test('a static file from static/ carries them', async () => {
		const response = await fetch(`${baseURL}/favicon.svg`);
		expect(response.status).toBe(200);
		expectSecurityHeaders(response.headers);
		expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
	});

	test('a built asset under /_app/immutable carries them, and stays cacheable', async () => {
		const html = await (await fetch(`${baseURL}/sign-in`)).text();
		const asset = /(?:href|src)="\.?(\/_app\/immutable\/[^"]+)"/.exec(html)?.[1];
		expect(asset).toBeTruthy();
		const response = await fetch(`${baseURL}${asset}`);
		expect(response.status).toBe(200);
		expectSecurityHeaders(response.headers);
		expect(response.headers.get('cache-control')).toMatch(/immutable/);
	});

	test("kit's own refusal of a cross-site post (answered before any hook) carries them", async () => {
		const response = await fetch(`${baseURL}/sign-in`, {
			method: 'POST',
			headers: { origin: 'https://evil.example', 'content-type': FORM },
			body: 'a=b'
		});
		expect(response.status).toBe(403);
		expectSecurityHeaders(response.headers);
	});

	test('an ordinary page keeps its own policy, not the fallback', async () => {
		const response = await fetch(`${baseURL}/sign-in`);
		expectSecurityHeaders(response.headers);
		expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
	});
});
