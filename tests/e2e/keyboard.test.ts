/**
 * The keyboard alone is enough: the skip link comes first and lands in the main content, and the
 * systems filters can be filled and applied without a mouse, with a visible focus at every stop.
 */
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable } from './support/browser';
import { useBrowser } from './support/suite';
import { Dashboard } from './pages/Dashboard';
import { SystemsList } from './pages/SystemsList';

interface Focused {
	tag: string;
	id: string;
	name: string;
	text: string;
	/** True when the focus style draws something: an outline that is not transparent, or a box-shadow. */
	indicated: boolean;
}

async function focused(page: Page): Promise<Focused> {
	return page.evaluate(() => {
		const el = document.activeElement as HTMLElement;
		const style = getComputedStyle(el);
		const outline =
			style.outlineStyle !== 'none' &&
			parseFloat(style.outlineWidth) > 0 &&
			!/rgba\(.*,\s*0\)$/.test(style.outlineColor);
		return {
			tag: el.tagName,
			id: el.id,
			name: el.getAttribute('name') ?? '',
			text: (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 60),
			indicated: outline || style.boxShadow !== 'none'
		};
	});
}

/** Presses Tab until `wanted` is focused (at most `limit` times); every stop on the way must show its focus. */
async function tabTo(page: Page, wanted: (f: Focused) => boolean, limit = 30): Promise<Focused> {
	for (let i = 0; i < limit; i++) {
		await page.keyboard.press('Tab');
		const now = await focused(page);
		expect(now.indicated, `focus is not visible on ${now.tag}#${now.id} '${now.text}'`).toBe(true);
		if (wanted(now)) return now;
	}
	throw new Error(`Tab never reached the wanted element in ${limit} presses`);
}

describe.skipIf(!browserAvailable)('keyboard only', () => {
	const { session } = useBrowser();

	test('the first Tab reaches the skip link, and it moves focus to the main content', async () => {
		const { page } = await session();
		const dashboard = await new Dashboard(page).visit();
		await page.keyboard.press('Tab');
		const first = await focused(page);
		expect(first).toMatchObject({ tag: 'A', text: 'Skip to main content', indicated: true });
		// Off-screen until focused, then on screen.
		const box = await page.locator('.govuk-skip-link').boundingBox();
		expect(box && box.width > 1 && box.height > 1 && box.y >= 0).toBe(true);

		await page.keyboard.press('Enter');
		await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main-content');
		// The next Tab goes to the first control inside main, not back to the header.
		await page.keyboard.press('Tab');
		expect(
			await page.evaluate(() => document.querySelector('main')!.contains(document.activeElement))
		).toBe(true);
		expect(await page.evaluate(() => document.activeElement?.getAttribute('data-figure'))).toBe(
			'systems'
		);
		await dashboard.settled();
	});

	test('the systems filters can be filled and applied with the keyboard', async () => {
		const { page } = await session();
		const list = await new SystemsList(page).visit();
		const total = await list.resultCount();

		await tabTo(page, (f) => f.name === 'q');
		await page.keyboard.type('Caseworks');
		// Through Directorate, Service area, Workstream and 'Workstream delivering a replacement' to Outcome;
		// type-ahead picks an option in a closed select.
		await tabTo(page, (f) => f.name === 'outcome', 5);
		await page.keyboard.type('Replace');
		expect(await list.field('Outcome').inputValue()).toBe('replace');
		await tabTo(page, (f) => f.tag === 'BUTTON' && f.text === 'Apply filters', 12);
		await page.keyboard.press('Enter');
		await page.waitForURL((url) => url.searchParams.get('outcome') === 'replace');
		await list.settled(
			page.getByTestId('result-count').filter({ hasText: /match(es)? the filters/ })
		);

		expect(new URL(page.url()).searchParams.get('q')).toBe('Caseworks');
		expect(await list.resultCount()).not.toBe(total);
		const names = await list.names();
		expect(names).toContain("Children's Social Care Record");
		for (const name of names)
			expect(await list.outcomesOf(name)).toContain('Replace with the new main system');
		// The choices stay shown in the form after applying them.
		expect(await list.field('Search name, supplier or product').inputValue()).toBe('Caseworks');
		expect(await list.field('Outcome').inputValue()).toBe('replace');
	});
});
