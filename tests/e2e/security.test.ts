/**
 * HTTP-level protections of the built app (no browser needed): cross-site form posts are refused
 * (before kit 2.70.0 a non-production build dropped that check: kit PR #16313) even with a valid
 * session cookie, every page carries the security headers set in hooks, tampered hidden fields are
 * refused rather than crashing the server, and signing in never redirects off the site.
 */
import { describe, expect, test } from 'vitest';
import { baseURL, credentials } from './support/browser';
import { get, postForm } from './support/http';

const EVIL = 'https://evil.example';

/** The result-count sentence of /systems for a search, read from the server-rendered HTML. */
async function resultCountFor(q: string): Promise<string> {
	const response = await get(`/systems?${new URLSearchParams({ q })}`);
	expect(response.status).toBe(200);
	const match = /data-testid="result-count"[^>]*>([\s\S]*?)<\/p>/.exec(await response.text());
	if (!match) throw new Error('no result count on /systems');
	return match[1]!
		.replace(/<!--[\s\S]*?-->/g, '')
		.replace(/\s+/g, ' ')
		.trim();
}

const NEW_SYSTEM = {
	name: 'Cross Site Forgery Probe',
	hosting: 'saas',
	criticality: 'low',
	personalData: 'none',
	lifecycle: 'live'
};

describe('cross-site requests', () => {
	test.each(['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain'])(
		'a %s POST from another origin is refused with 403 and creates nothing',
		async (contentType) => {
			const response = await postForm('/systems/new', NEW_SYSTEM, { origin: EVIL, contentType });
			expect(response.status).toBe(403);
			expect(await response.text()).toMatch(/Cross-site POST form submissions are forbidden/);
			expect(await resultCountFor(NEW_SYSTEM.name)).toBe('No systems match these filters.');
		}
	);

	test('the same POST from the app origin reaches the action (so the 403 is the origin check)', async () => {
		// Without a name the action refuses it: proof it ran, without creating anything.
		const response = await postForm('/systems/new', { ...NEW_SYSTEM, name: '' });
		expect(response.status).toBe(400);
		const html = await response.text();
		expect(html).toMatch(/class="govuk-error-summary"/);
		expect(html).toMatch(/Enter the name of the system/);
	});

	test('a cross-site POST to a destructive action (archive) is refused and the system stays', async () => {
		const response = await postForm('/systems/1/archive', { version: '1' }, { origin: EVIL });
		expect(response.status).toBe(403);
		expect((await get('/systems/1')).status).toBe(200);
	});

	test('a cross-site JSON POST to an action is not acted on', async () => {
		const response = await fetch(`${baseURL}/systems/new`, {
			method: 'POST',
			headers: { origin: EVIL, 'content-type': 'application/json' },
			body: JSON.stringify(NEW_SYSTEM),
			redirect: 'manual'
		});
		expect(response.status).toBeGreaterThanOrEqual(400);
		expect(response.headers.get('access-control-allow-origin')).toBeNull();
		expect(await resultCountFor(NEW_SYSTEM.name)).toBe('No systems match these filters.');
	});
});

describe('security headers', () => {
	function expectSecurityHeaders(h: Headers): void {
		const csp = h.get('content-security-policy') ?? '';
		expect(csp).toMatch(/default-src 'self'/);
		expect(csp).toMatch(/frame-ancestors 'none'/);
		expect(csp).toMatch(/object-src 'none'/);
		expect(csp).toMatch(/form-action 'self'/);
		// Pages that hydrate allow kit's own start-up script by nonce; /systems ships no script, so no nonce.
		expect(csp).toMatch(/script-src 'self'( 'nonce-[A-Za-z0-9+/=]+')?;/);
		expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
		expect(h.get('x-content-type-options')).toBe('nosniff');
		expect(h.get('x-frame-options')).toBe('DENY');
		expect(h.get('referrer-policy')).toMatch(
			/^(same-origin|strict-origin|strict-origin-when-cross-origin|no-referrer)$/
		);
		expect(h.get('cache-control')).toBe('no-store');
		expect(h.get('access-control-allow-origin')).toBeNull();
	}

	test.each(['/', '/systems', '/systems/new', '/systems/1', '/workstreams', '/systems/999999'])(
		'%s carries CSP, nosniff, X-Frame-Options DENY and a referrer policy',
		async (path) => {
			const response = await get(path);
			expect(response.status).toBe(path === '/systems/999999' ? 404 : 200);
			expectSecurityHeaders(response.headers);
		}
	);

	test('the public sign-in page carries them too', async () => {
		const response = await fetch(`${baseURL}/sign-in`, { redirect: 'manual' });
		expect(response.status).toBe(200);
		expectSecurityHeaders(response.headers);
	});

	test('a page without JavaScript allows no inline script at all', async () => {
		const csp = (await get('/systems')).headers.get('content-security-policy') ?? '';
		expect(csp).toMatch(/script-src 'self';/);
		expect(await (await get('/systems')).text()).not.toContain('<script');
	});

	test('each response gets its own CSP nonce', async () => {
		const nonce = async () =>
			/'nonce-([^']+)'/.exec(
				(await get('/workstreams')).headers.get('content-security-policy') ?? ''
			)?.[1];
		const [a, b] = [await nonce(), await nonce()];
		expect(a).toBeTruthy();
		expect(a).not.toBe(b);
	});
});

describe('tampered hidden form fields', () => {
	const EDIT = {
		name: 'Tamper Probe',
		hosting: 'saas',
		criticality: 'low',
		personalData: 'none',
		lifecycle: 'live'
	};

	// A version that is not a number must be a refusal (400/409), not a 500 from binding NaN into SQL.
	test.each(['abc', '', '1e999', '1.5'])(
		"an edit with version '%s' is refused without a server error, and saves nothing",
		async (version) => {
			const response = await postForm('/systems/2/edit', { ...EDIT, version });
			expect([400, 409], `status for version '${version}'`).toContain(response.status);
			expect(await resultCountFor('Tamper Probe')).toBe('No systems match these filters.');
		}
	);

	test.each(['abc', '1e999'])(
		"archiving with version '%s' is refused without a server error, and archives nothing",
		async (version) => {
			const response = await postForm('/systems/3/archive', { version });
			expect([400, 409], `status for version '${version}'`).toContain(response.status);
			expect((await get('/systems/3')).status).toBe(200);
		}
	);

	test("a review based on review 'abc' is refused as a conflict, not recorded", async () => {
		const response = await postForm('/systems/4/review', {
			basedOn: 'abc',
			reviewedOn: '01/01/2026',
			reviewer: 'Tamper Probe',
			outcome: 'maintain',
			'maintain.rationale': 'r'
		});
		expect([400, 409]).toContain(response.status);
		expect(await (await get('/systems/4')).text()).not.toMatch(/Tamper Probe/);
	});

	test("linking system 'abc' to a workstream is refused with a message", async () => {
		const response = await postForm('/workstreams/1?/link', { systemId: 'abc', note: '' });
		expect(response.status).toBe(400);
		expect(await response.text()).toMatch(/Select a system to link/);
	});
});

describe.skipIf(!credentials)('signed-out requests', () => {
	test.each([
		'/',
		'/systems',
		'/systems/new',
		'/systems/1',
		'/systems/1/edit',
		'/systems/1/review',
		'/workstreams',
		'/workstreams/1'
	])('%s sends a signed-out visitor to sign in', async (path) => {
		const response = await fetch(`${baseURL}${path}`, { redirect: 'manual' });
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe(`/sign-in?next=${encodeURIComponent(path)}`);
	});

	test('a signed-out form post is not acted on, even from the app origin', async () => {
		const response = await fetch(`${baseURL}/systems/new`, {
			method: 'POST',
			headers: {
				origin: baseURL,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams({ ...NEW_SYSTEM, name: 'Signed Out Probe' }).toString(),
			redirect: 'manual'
		});
		expect([303, 401, 403]).toContain(response.status);
		expect(await resultCountFor('Signed Out Probe')).toBe('No systems match these filters.');
	});

	test("signing in never sends the visitor to another site ('next' is a path on this one)", async () => {
		const hostile = [
			'//evil.example/',
			'https://evil.example/',
			'/\\evil.example',
			'/.//evil.example/phish',
			'/./\\evil.example',
			'/%2e//evil.example',
			'/systems/..//evil.example',
			'/%2f%2fevil.example',
			'/\t/evil.example'
		];
		for (const next of hostile) {
			const response = await fetch(`${baseURL}/sign-in`, {
				method: 'POST',
				headers: {
					origin: baseURL,
					accept: 'text/html',
					'content-type': 'application/x-www-form-urlencoded'
				},
				body: new URLSearchParams({ ...credentials!, next }).toString(),
				redirect: 'manual'
			});
			expect(response.status, next).toBe(303);
			expect(response.headers.get('location'), next).toBe('/');
			// A signed-in visitor opening the sign-in link is sent on at once: the same rule applies.
			const cookie = response.headers.getSetCookie()[0]!.split(';')[0]!;
			const again = await fetch(`${baseURL}/sign-in?${new URLSearchParams({ next })}`, {
				headers: { cookie },
				redirect: 'manual'
			});
			expect(again.status, next).toBe(303);
			expect(again.headers.get('location'), next).toBe('/');
		}
	});

	test('signing in returns the visitor to the app page they asked for', async () => {
		const response = await fetch(`${baseURL}/sign-in`, {
			method: 'POST',
			headers: {
				origin: baseURL,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams({ ...credentials!, next: '/systems/1/edit' }).toString(),
			redirect: 'manual'
		});
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe('/systems/1/edit');
	});
});
