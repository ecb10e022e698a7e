/**
 * What every page object shares: opening a path (status checked) and `settled()`, the axe check that
 * runs whenever what is on screen changes. A page object's methods end in `settled()`, so a test that
 * goes through them cannot leave a page unchecked (and ../support/browser.ts catches one that does).
 */
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { assertAccessible } from '../support/axe';

export abstract class AppPage {
	constructor(readonly page: Page) {}

	/** Goes to `path`, expects `status`, waits for `ready` (the page's own heading), then runs axe. */
	protected async open(path: string, ready: Locator, status = 200): Promise<void> {
		const response = await this.page.goto(path);
		expect(response?.status(), `status of ${path}`).toBe(status);
		await this.settled(ready);
	}

	/** Waits for the element that shows the page (or its new state) is there, then checks it with axe. */
	async settled(ready?: Locator): Promise<void> {
		if (ready) await ready.waitFor({ state: 'visible' });
		await assertAccessible(this.page);
	}

	/**
	 * Clicks the download link with this accessible name (as a screen reader announces it) and returns
	 * the file the browser saved: its suggested name and raw bytes (so a BOM can be checked).
	 */
	async download(linkName: string): Promise<{ href: string; name: string; bytes: Buffer }> {
		const link = this.page.getByRole('link', { name: linkName, exact: true });
		const href = (await link.getAttribute('href')) ?? '';
		const [file] = await Promise.all([this.page.waitForEvent('download'), link.click()]);
		const failure = await file.failure();
		if (failure) throw new Error(`download of ${href} failed: ${failure}`);
		const chunks: Buffer[] = [];
		for await (const chunk of await file.createReadStream()) chunks.push(chunk as Buffer);
		return { href, name: file.suggestedFilename(), bytes: Buffer.concat(chunks) };
	}

	/** The text of each body row's cells (row header first) of the table with this exact caption. */
	async tableRows(caption: string): Promise<string[][]> {
		const table = this.page.locator('main table').filter({
			has: this.page.locator('caption', {
				hasText: new RegExp(`^${caption.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`)
			})
		});
		const rows = table.locator('tbody tr');
		const result: string[][] = [];
		for (let i = 0; i < (await rows.count()); i++) {
			result.push((await rows.nth(i).locator('th, td').allInnerTexts()).map((t) => t.trim()));
		}
		return result;
	}

	heading(): Locator {
		return this.page.locator('main h1');
	}

	/** The GOV.UK error summary's entries: each message and the id its link jumps to. */
	async errorSummary(): Promise<{ message: string; target: string }[]> {
		const links = this.page.locator('.govuk-error-summary__list a');
		const count = await links.count();
		const entries: { message: string; target: string }[] = [];
		for (let i = 0; i < count; i++) {
			const link = links.nth(i);
			entries.push({
				message: (await link.innerText()).trim(),
				target: ((await link.getAttribute('href')) ?? '').replace(/^#/, '')
			});
		}
		return entries;
	}

	/** The inline message under a field, found through the field's aria-describedby (as a screen reader would). */
	async fieldError(control: Locator): Promise<string | null> {
		const describedBy = (await control.getAttribute('aria-describedby')) ?? '';
		const errorId = describedBy.split(/\s+/).find((id) => id.endsWith('-error'));
		if (!errorId) return null;
		const text = await this.page.locator(`[id="${errorId}"]`).innerText();
		return text.replace(/^Error:\s*/, '').trim();
	}

	// 'What each column holds' (components/import/ColumnMapping.svelte), on every upload preview that has it.

	/** Says what a column holds, by the file's heading and the field's words ('Ignore this column' to drop it). */
	async mapColumn(heading: string, field: string): Promise<void> {
		await this.page.getByLabel(heading, { exact: true }).selectOption({ label: field });
	}

	/** What each column is set to fill, by the file's heading, as the select shows it. */
	async columnChoice(heading: string): Promise<string> {
		const select = this.page.getByLabel(heading, { exact: true });
		return select.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.text.trim() ?? '');
	}

	/** Re-reads the file with the columns as mapped; the mapping travels in the address, and the page lands on the columns. */
	async updateColumns(): Promise<void> {
		const before = this.page.url();
		await Promise.all([
			this.page.waitForURL((url) => url.href !== before && url.searchParams.has('col0')),
			this.page.getByRole('button', { name: 'Update the preview', exact: true }).click()
		]);
		await this.settled(this.heading());
	}

	/** A textbox, textarea or select by its exact visible label. */
	field(label: string): Locator {
		return this.page.getByLabel(label, { exact: true });
	}

	/** A radio option inside the fieldset whose legend is `legend`. */
	radio(legend: string, option: string): Locator {
		return this.page
			.getByRole('group', { name: legend, exact: true })
			.getByRole('radio', { name: option, exact: true });
	}
}
