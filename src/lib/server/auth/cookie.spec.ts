import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import type { Cookies } from '@sveltejs/kit';
import { NEXT_ROOTS, safeNext, sessionCookieName, setSessionCookie } from './cookie';

describe('session cookie', () => {
	it('uses the __Host- prefix and Secure over https, a plain name on http://localhost', () => {
		expect(sessionCookieName(new URL('https://portfolio.example.gov.uk/'))).toBe(
			'__Host-portfolio_session'
		);
		expect(sessionCookieName(new URL('http://localhost:3000/'))).toBe('portfolio_session');
		const calls: [string, string, Record<string, unknown>][] = [];
		const cookies = {
			set: (n: string, v: string, o: Record<string, unknown>) => calls.push([n, v, o])
		} as unknown as Cookies;
		setSessionCookie(cookies, new URL('https://portfolio.example.gov.uk/'), 'token', new Date(0));
		expect(calls[0]).toEqual([
			'__Host-portfolio_session',
			'token',
			expect.objectContaining({ path: '/', httpOnly: true, sameSite: 'lax', secure: true })
		]);
	});
});

const ORIGIN = 'https://portfolio.invalid';

/** What every result of safeNext must be: '/' or a plain path under an allowed root, on this origin, whatever a browser does with it. */
function expectSameOriginAppPath(result: string): void {
	expect(result.startsWith('/')).toBe(true);
	expect(result).not.toMatch(/^\/[/\\]/);
	// eslint-disable-next-line no-control-regex -- no control character may survive
	expect(result).not.toMatch(/[\\\u0000-\u001f\u007f\s@]/u);
	const path = result.split('?')[0]!;
	expect(path).not.toMatch(/%/);
	const resolved = new URL(result, ORIGIN);
	expect(resolved.origin).toBe(ORIGIN);
	// The browser resolves no dot segment away: the path it requests is the one we built.
	expect(resolved.pathname).toBe(path);
	if (path !== '/') {
		const segments = path.slice(1).split('/');
		expect(NEXT_ROOTS.has(segments[0]!)).toBe(true);
		for (const segment of segments) expect(segment).toMatch(/^[A-Za-z0-9_-][A-Za-z0-9._-]*$/);
	}
}

describe('safeNext', () => {
	it.each([
		['/systems?outcome=replace', '/systems?outcome=replace'],
		['/systems/12/edit', '/systems/12/edit'],
		['/reports/3/annex.csv', '/reports/3/annex.csv'],
		['/systems?q=caf%C3%A9+bar', '/systems?q=caf%C3%A9+bar'],
		['/systems#top', '/systems'],
		['/', '/'],
		['', '/'],
		[null, '/'],
		// Known bypasses: protocol-relative, backslash, tab/newline stripping, dot segments, encodings.
		['//evil.example/', '/'],
		['/\\evil.example', '/'],
		['https://evil.example/', '/'],
		['/\t/evil.example', '/'],
		['/\t\\evil.example', '/'],
		['/%09/evil.example', '/'],
		['/\n/evil.example', '/'],
		['/.//evil.example/phish', '/'],
		['/./\\evil.example', '/'],
		['/systems/..//evil.example', '/'],
		['/systems/../../evil.example', '/'],
		['/%2e//evil.example', '/'],
		['/%2E%2E//evil.example', '/'],
		['/%2f%2fevil.example', '/'],
		['/%5cevil.example', '/'],
		['/systems/%2f%2fevil.example', '/'],
		['/systems//evil.example', '/'],
		['/systems/', '/'],
		['/evil.example', '/'],
		['/sign-out', '/'],
		['/systems@evil.example', '/'],
		['/systems:evil', '/'],
		['/\u3002/evil.example', '/'],
		['/\uff0f\uff0fevil.example', '/'],
		['/systems?next=//evil.example', '/systems?next=%2F%2Fevil.example'],
		['/systems?a=\u0000', '/systems'],
		[`/systems/${'1'.repeat(3000)}`, '/']
	])('%j -> %j', (next, expected) => {
		const result = safeNext(next);
		expect(result).toBe(expected);
		expectSameOriginAppPath(result);
	});

	const HOSTILE = [
		'/',
		'\\',
		'.',
		'..',
		'%2f',
		'%2F',
		'%5c',
		'%5C',
		'%2e',
		'%2E',
		'%09',
		'\t',
		'\n',
		'\r',
		'@',
		':',
		'?',
		'#',
		'evil.example',
		'https:',
		'systems',
		'import',
		' ',
		'\u3002',
		'\uff0f',
		'\u2215',
		'\u00a0',
		'\u200b',
		'é',
		'%00'
	];

	it('turns any mix of slashes, dots, encodings, controls and unicode into a same-origin path under an allowed root', () => {
		const hostile = fc
			.array(
				fc.oneof(
					fc.constantFrom(...HOSTILE),
					fc.string({ maxLength: 3 }),
					fc.string({ unit: 'binary', maxLength: 3 })
				),
				{ maxLength: 24 }
			)
			.map((parts) => parts.join(''));
		fc.assert(
			fc.property(hostile, fc.boolean(), (tail, leadingSlash) =>
				expectSameOriginAppPath(safeNext(leadingSlash ? `/${tail}` : tail))
			),
			{ numRuns: 5000 }
		);
	});

	it('keeps every plain path of the app as it is', () => {
		const segment = fc.stringMatching(/^[a-z0-9][a-z0-9.-]{0,12}$/);
		const path = fc
			.tuple(fc.constantFrom(...NEXT_ROOTS), fc.array(segment, { maxLength: 4 }))
			.map(([root, rest]) => `/${[root, ...rest].join('/')}`);
		fc.assert(
			fc.property(path, (p) => {
				expect(safeNext(p)).toBe(p);
			})
		);
	});

	it('lists every top-level page of the app except sign-in, sign-out, set-up, organisation sign-in and the API', () => {
		// api: the OData feed takes API tokens only, never a session, so no one signs in to return to it.
		const left = new Set(['sign-in', 'sign-out', 'setup', 'auth', 'api']);
		const roots = readdirSync(new URL('../../../routes', import.meta.url), { withFileTypes: true })
			.filter(
				(entry) => entry.isDirectory() && !entry.name.startsWith('(') && !entry.name.startsWith('[')
			)
			.map((entry) => entry.name);
		// A new top-level route must be added to NEXT_ROOTS (or to `left` here, if no one should return to it).
		expect([...NEXT_ROOTS].sort()).toEqual(roots.filter((root) => !left.has(root)).sort());
	});
});
