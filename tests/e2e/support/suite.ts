/**
 * One Chromium per test file, a fresh context per test: `useBrowser()` in a describe block gives
 * `session()` for a new tab (signed in, once the app requires it; `{ signedOut: true }` for not) and
 * closes them all after each test, failing it if a page went unchecked.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Browser, BrowserContextOptions } from 'playwright-core';
import { launchBrowser, openSession, type Session } from './browser';

export type SessionOptions = BrowserContextOptions & { signedOut?: boolean };

export function useBrowser(): { session: (options?: SessionOptions) => Promise<Session> } {
	let browser: Browser | undefined;
	let open: Session[] = [];

	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterEach(async () => {
		const closing = open;
		open = [];
		const results = await Promise.allSettled(closing.map((s) => s.close()));
		const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
		if (failure) throw failure.reason;
	});
	afterAll(async () => {
		await browser?.close();
	});

	return {
		async session(options) {
			if (!browser) throw new Error('the browser has not started: call session() inside a test');
			const s = await openSession(browser, options);
			open.push(s);
			return s;
		}
	};
}
