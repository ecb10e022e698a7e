import { describe, expect, it } from 'vitest';
import type { Cookies } from '@sveltejs/kit';
import { safeNext, sessionCookieName, setSessionCookie } from './cookie';

describe('session cookie', () => {
	it('uses the __Host- prefix and Secure over https, a plain name on http://localhost', () => {
		expect(sessionCookieName(new URL('https://portfolio.example.gov.uk/'))).toBe('__Host-portfolio_session');
		expect(sessionCookieName(new URL('http://localhost:3000/'))).toBe('portfolio_session');
		const calls: [string, string, Record<string, unknown>][] = [];
		const cookies = { set: (n: string, v: string, o: Record<string, unknown>) => calls.push([n, v, o]) } as unknown as Cookies;
		setSessionCookie(cookies, new URL('https://portfolio.example.gov.uk/'), 'token', new Date(0));
		expect(calls[0]).toEqual(['__Host-portfolio_session', 'token', expect.objectContaining({ path: '/', httpOnly: true, sameSite: 'lax', secure: true })]);
	});
});

describe('safeNext', () => {
	it.each([
		['/systems?outcome=replace', '/systems?outcome=replace'],
		['//evil.example/', '/'],
		['/\\evil.example', '/'],
		['https://evil.example/', '/'],
		['/\t/evil.example', '/'],
		['/\t\\evil.example', '/'],
		['/%09/evil.example', '/%09/evil.example'],
		['/\n/evil.example', '/'],
		['', '/'],
		[null, '/']
	])('%j -> %j', (next, expected) => expect(safeNext(next)).toBe(expected));
});
