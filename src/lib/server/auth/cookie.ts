/** The session cookie: HttpOnly, SameSite=Lax, and Secure with the __Host- prefix over https. */
import type { Cookies } from '@sveltejs/kit';

export function sessionCookieName(url: URL): string {
	return url.protocol === 'https:' ? '__Host-portfolio_session' : 'portfolio_session';
}

export function setSessionCookie(cookies: Cookies, url: URL, token: string, expires: Date): void {
	cookies.set(sessionCookieName(url), token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		expires
	});
}

export function clearSessionCookie(cookies: Cookies, url: URL): void {
	cookies.delete(sessionCookieName(url), {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:'
	});
}

/**
 * The first path segments a visitor may be sent back to after signing in: the app's own page roots.
 * Sign-in, sign-out and first set-up are left out on purpose. A root not listed here is sent to '/'.
 */
export const NEXT_ROOTS: ReadonlySet<string> = new Set([
	'account',
	'admin',
	'audit',
	'audit.csv',
	'business-cases',
	'costs',
	'costs.csv',
	'funding',
	'governance',
	'governance.csv',
	'import',
	'recharges',
	'reports',
	'rollups',
	'rollups.csv',
	'rollups.xlsx',
	'settings',
	'summary.csv',
	'systems',
	'systems.csv',
	'systems.xlsx',
	'timeline',
	'workstreams',
	'workstreams.csv'
]);
/** Longer than any link the app makes; a longer one is not followed. */
const NEXT_MAX_LENGTH = 2048;
/** A plain segment: letters, digits, '-', '_' and inner dots ('annex.csv'). No '%', backslash, ':' or '@'; never '.' or '..'. */
const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/;

/**
 * Where to go after signing in, rebuilt from validated parts rather than filtered: '/' followed by
 * segments that each match SEGMENT, the first one of NEXT_ROOTS, and the query re-encoded. Browsers
 * drop tabs and newlines, read a backslash as '/', and resolve dot segments and (some) encoded slashes, so
 * anything of that kind is refused outright: the result can never begin with two slashes (or a slash and a backslash) or leave the site.
 * Anything refused goes to '/'.
 */
export function safeNext(next: string | null | undefined): string {
	if (!next || next.length > NEXT_MAX_LENGTH || next[0] !== '/') return '/';
	const queryStart = next.search(/[?#]/);
	const path = queryStart === -1 ? next : next.slice(0, queryStart);
	if (path === '/') return '/';
	const segments = path.slice(1).split('/');
	if (!NEXT_ROOTS.has(segments[0]!) || !segments.every((segment) => SEGMENT.test(segment)))
		return '/';
	// The fragment is the browser's own; the query is kept only as re-encoded name=value pairs.
	const rest =
		queryStart === -1 || next[queryStart] === '#' ? '' : next.slice(queryStart + 1).split('#')[0]!;
	const query =
		// eslint-disable-next-line no-control-regex -- a query holding a control character is dropped
		rest && !/[\u0000-\u001f\u007f]/.test(rest) ? new URLSearchParams(rest).toString() : '';
	return `/${segments.join('/')}${query ? `?${query}` : ''}`;
}
