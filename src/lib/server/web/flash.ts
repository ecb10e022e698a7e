/**
 * The one way an action says it worked: a short-lived cookie naming the page to show and the
 * message, then a 303 to that page. The root layout takes the message (and deletes the cookie)
 * when that page loads, and shows it in the GOV.UK success banner. It needs no JavaScript: a plain
 * form post follows the redirect and the next page's load reads the cookie; with JavaScript,
 * `use:enhance` follows the redirect with every load re-run, so the layout reads it the same way.
 *
 * The message is the app's own text (never read from a query string a link could carry), and Svelte
 * escapes it. A visitor can only set this cookie for themselves, so it cannot show anyone else words.
 */
import { redirect, type Cookies } from '@sveltejs/kit';

const COOKIE = 'portfolio_flash';
/** Long enough to survive a slow redirect, short enough that a stale message never shows on a later visit. */
const MAX_AGE_SECONDS = 60;
/** Longer than any message the app writes; a cookie stays well under the 4 KB browsers keep. */
const MAX_MESSAGE = 600;

type CookieEvent = { cookies: Cookies; url: URL };

const options = (url: URL) => ({
	path: '/',
	httpOnly: true,
	sameSite: 'lax' as const,
	secure: url.protocol === 'https:'
});

/** The path of `location` as the browser will request it (`/systems/4?x=1#a` is `/systems/4`). */
function pathOf(location: string, base: URL): string {
	return new URL(location, base).pathname;
}

/** Redirects (303) to `location` with `message` shown in a success banner there. Never returns. */
export function redirectWithSuccess(event: CookieEvent, location: string, message: string): never {
	const value = JSON.stringify({
		path: pathOf(location, event.url),
		message: message.slice(0, MAX_MESSAGE)
	});
	event.cookies.set(COOKIE, value, { ...options(event.url), maxAge: MAX_AGE_SECONDS });
	redirect(303, location);
}

/**
 * The success message meant for this page, taken once: the cookie is deleted when it is read. A
 * message for another page is left alone (a link preloaded while the redirect was in flight must
 * not eat it) and expires by itself.
 */
export function takeSuccess(event: CookieEvent): string | null {
	const raw = event.cookies.get(COOKIE);
	if (!raw) return null;
	let parsed: unknown;
	try {
		parsed = JSON.parse(raw);
	} catch {
		parsed = null;
	}
	const flash = parsed as { path?: unknown; message?: unknown } | null;
	if (!flash || typeof flash.path !== 'string' || typeof flash.message !== 'string') {
		event.cookies.delete(COOKIE, options(event.url));
		return null;
	}
	if (flash.path !== event.url.pathname) return null;
	event.cookies.delete(COOKIE, options(event.url));
	return flash.message.slice(0, MAX_MESSAGE) || null;
}
