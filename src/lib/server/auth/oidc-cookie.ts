/**
 * The cookie that ties the provider's answer to the browser that started the sign-in. SameSite=Lax
 * so it comes back with the provider's top-level redirect; it holds a random token whose hash finds
 * the sign-in's state, nonce and PKCE verifier (repos/oidc-logins.ts), never those themselves.
 */
import type { Cookies } from '@sveltejs/kit';

function name(url: URL): string {
	return url.protocol === 'https:' ? '__Host-portfolio_oidc' : 'portfolio_oidc';
}

const options = (url: URL) =>
	({ path: '/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:' }) as const;

export function setLoginCookie(cookies: Cookies, url: URL, token: string): void {
	cookies.set(name(url), token, { ...options(url), maxAge: 10 * 60 });
}

/** The login cookie's token, removed at once: an answer from the provider is used once. */
export function takeLoginCookie(cookies: Cookies, url: URL): string | undefined {
	const token = cookies.get(name(url));
	if (token !== undefined) cookies.delete(name(url), options(url));
	return token;
}
