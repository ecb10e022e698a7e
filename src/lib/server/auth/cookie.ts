/** The session cookie: HttpOnly, SameSite=Lax, and Secure with the __Host- prefix over https. */
import type { Cookies } from '@sveltejs/kit';

export function sessionCookieName(url: URL): string {
	return url.protocol === 'https:' ? '__Host-portfolio_session' : 'portfolio_session';
}

export function setSessionCookie(cookies: Cookies, url: URL, token: string, expires: Date): void {
	cookies.set(sessionCookieName(url), token, { path: '/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:', expires });
}

export function clearSessionCookie(cookies: Cookies, url: URL): void {
	cookies.delete(sessionCookieName(url), { path: '/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:' });
}

/**
 * Where to go after signing in: only a path on this site. Browsers drop tabs and newlines from URLs
 * and treat '\\' as '/', so '/\t/evil.example' would become '//evil.example': any control character
 * or backslash is refused, and the result must resolve to this origin.
 */
export function safeNext(next: string | null | undefined): string {
	if (!next || !next.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(next)) return '/';
	const base = 'https://portfolio.invalid';
	try {
		const resolved = new URL(next, base);
		if (resolved.origin !== base) return '/';
		return `${resolved.pathname}${resolved.search}${resolved.hash}`;
	} catch {
		return '/';
	}
}
