/**
 * The checks the other e2e tests rely on must be able to fail: axe reports a real violation (with
 * JavaScript on or off), and a page the tab landed on without an axe check fails the session.
 */
import { describe, expect, test } from 'vitest';
import { browserAvailable } from './support/browser';
import { useBrowser } from './support/suite';
import { assertAccessible } from './support/axe';
import { Dashboard } from './pages/Dashboard';

describe.skipIf(!browserAvailable)('the e2e harness', () => {
	const { session } = useBrowser();

	test('axe runs under the app CSP and reports violations with their nodes', async () => {
		const { page } = await session();
		const dashboard = await new Dashboard(page).visit();
		// Break the page on purpose: a link with no accessible name and an unlabelled input.
		await page.evaluate(() => {
			document
				.querySelector('main')!
				.insertAdjacentHTML(
					'beforeend',
					'<a href="/x" id="nameless"></a><input id="unlabelled" type="text">'
				);
		});
		const failure = await assertAccessible(dashboard.page).then(
			() => null,
			(e: Error) => e.message
		);
		expect(failure).toMatch(/link-name/);
		expect(failure).toMatch(/#nameless/);
		expect(failure).toMatch(/label/);
		expect(failure).toMatch(/#unlabelled/);
		// Put right, the same page passes again.
		await page.evaluate(() =>
			document.querySelectorAll('#nameless, #unlabelled').forEach((el) => el.remove())
		);
		await assertAccessible(page);
	});

	test('with JavaScript off, axe still checks the page as shown', async () => {
		const { page } = await session({ javaScriptEnabled: false });
		const dashboard = await new Dashboard(page).visit();
		await page.evaluate(() => {
			document
				.querySelector('main')!
				.insertAdjacentHTML('beforeend', '<a href="/x" id="nameless"></a>');
		});
		await expect(assertAccessible(dashboard.page)).rejects.toThrow(/link-name[\s\S]*#nameless/);
		await page.evaluate(() => document.getElementById('nameless')!.remove());
		await assertAccessible(page);
	});

	test('a page shown but never checked fails the session', async () => {
		const tab = await session();
		await new Dashboard(tab.page).visit();
		await tab.page.getByRole('link', { name: 'Workstreams', exact: true }).click();
		await tab.page.waitForURL(/\/workstreams$/);
		await expect(tab.close()).rejects.toThrow(/never checked with axe[\s\S]*\/workstreams/);
	});
});
