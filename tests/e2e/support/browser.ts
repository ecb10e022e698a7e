/**
 * Chromium for the e2e tests, and the guard that keeps axe on every page: each session records the
 * pages its tab lands on, and `close()` fails the test if one was never checked with axe.
 */
import {
	chromium,
	type Browser,
	type BrowserContext,
	type BrowserContextOptions,
	type Page
} from 'playwright-core';
import { inject } from 'vitest';

export const baseURL = inject('baseURL');
const chromiumPath = inject('chromiumPath');
/** Who to sign in as, once the app requires it (see global-setup); null while it does not. */
export const credentials = inject('credentials');
/** That user's session cookie, 'name=value', shared by the whole run; null while no sign-in is needed. */
export const sessionCookie = inject('sessionCookie');

/** False only outside CI when no Chromium was found (global-setup has already said so, loudly). */
export const browserAvailable = chromiumPath !== null;

/** Without these flags, Chromium started as root with no network tries to reach its update and sync services many times. */
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run'
];

/** A fresh headless Chromium; `launch` gives it a fresh, temporary user-data-dir. */
export function launchBrowser(): Promise<Browser> {
	if (!chromiumPath)
		throw new Error(
			'launchBrowser() called without a Chromium: guard the suite with describe.skipIf(!browserAvailable)'
		);
	return chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
}

/** The URL without its fragment: following the skip link is not a new page. */
const pageKey = (url: string) => url.split('#')[0]!;

interface Coverage {
	/** The page the tab is on (without fragment). */
	current: string;
	/** Pages landed on and not yet checked since (in order). */
	pending: string[];
	/** Pages landed on and never checked before the tab moved on. */
	missed: string[];
}

const coverage = new WeakMap<Page, Coverage>();
const withoutJavaScript = new WeakSet<Page>();

/** True for a tab opened with JavaScript off: axe cannot run inside it (its timers never fire). */
export function isWithoutJavaScript(page: Page): boolean {
	return withoutJavaScript.has(page);
}

function trackNavigations(page: Page): void {
	const state: Coverage = { current: '', pending: [], missed: [] };
	coverage.set(page, state);
	page.on('framenavigated', (frame) => {
		if (frame !== page.mainFrame()) return;
		const key = pageKey(frame.url());
		if (key === 'about:blank') return;
		// Same page: SvelteKit's replaceState on start, or a jump to a fragment (skip link, error summary).
		if (key === state.current) return;
		state.current = key;
		state.missed.push(...state.pending);
		state.pending = [key];
	});
}

/** Called by the axe check: the page as it is now has been checked. */
export function recordCheck(page: Page): void {
	const state = coverage.get(page);
	if (!state) return;
	const key = pageKey(page.url());
	state.pending = state.pending.filter((p) => p !== key);
	// A page the tab passed through on the way here (a redirect the browser followed) was never shown.
	state.missed.push(...state.pending);
	state.pending = [];
}

export interface Session {
	context: BrowserContext;
	page: Page;
	/** Closes the tab's context and fails if any page it landed on was not checked with axe (once: later calls do nothing). */
	close(): Promise<void>;
}

/**
 * A new context (own cookies and storage) with one tab on the app, signed in as the test user when
 * the app requires it, unless `signedOut`.
 */
export async function openSession(
	browser: Browser,
	{ signedOut = false, ...options }: BrowserContextOptions & { signedOut?: boolean } = {}
): Promise<Session> {
	const context = await browser.newContext({
		baseURL,
		viewport: { width: 1280, height: 900 },
		locale: 'en-GB',
		timezoneId: 'Europe/London',
		...options
	});
	if (sessionCookie && !signedOut) {
		const [name, ...value] = sessionCookie.split('=');
		await context.addCookies([
			{ name: name!, value: value.join('='), url: baseURL, httpOnly: true, sameSite: 'Lax' }
		]);
	}
	// Each action may wait 30 s: on the shared, loaded 2-core machine a navigation after a form post
	// took over 10 s in two fresh-clone CI runs (timing must not fail a test); a hang still fails.
	context.setDefaultTimeout(30_000);
	const page = await context.newPage();
	if (options.javaScriptEnabled === false) withoutJavaScript.add(page);
	trackNavigations(page);
	let closed = false;
	return {
		context,
		page,
		async close() {
			if (closed) return;
			closed = true;
			const state = coverage.get(page)!;
			await context.close();
			const unchecked = [...state.missed, ...state.pending];
			if (unchecked.length > 0) {
				throw new Error(
					`These pages were shown but never checked with axe (use a page object's visit() or settled()):\n  ${unchecked.join('\n  ')}`
				);
			}
		}
	};
}
