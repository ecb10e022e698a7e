/** A re-import that updates two existing systems: named with each change before and after, the agreed review needs the tick. */
import { describe, expect, test } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { browserAvailable } from './support/browser';
import { useBrowser } from './support/suite';
import { ImportPages } from './pages/ImportPages';

/** Full-page screenshots for a person to look at, when IMPORT_SCREENSHOTS names a folder. */
async function shoot(page: Page, name: string): Promise<void> {
	const folder = process.env.IMPORT_SCREENSHOTS;
	if (folder) await page.screenshot({ path: join(folder, `${name}.png`), fullPage: true });
}

/** Whether the page is wider than the window (something failed to wrap), and any amount or date broken over lines. */
async function layout(page: Page): Promise<{ sideways: boolean; brokenFigures: string[] }> {
	return page.evaluate(() => ({
		sideways: document.documentElement.scrollWidth > document.documentElement.clientWidth,
		brokenFigures: [...document.querySelectorAll('.app-change__figure')]
			.filter((e) => e.getClientRects().length > 1)
			.map((e) => e.textContent ?? '')
	}));
}

describe.skipIf(!browserAvailable)('re-importing updates existing systems, seen and safe', () => {
	const { session } = useBrowser();

	test('the preview names each system with its changes, the agreed review needs the tick, the result lists them', async () => {
		const { page } = await session();
		const stamp = Date.now().toString(36);
		const [alpha, beta] = [`Update Alpha ${stamp}`, `Update Beta ${stamp}`];
		const importer = await new ImportPages(page).visit();
		await importer.upload(
			'first.csv',
			`Ref,Name,Supplier,Notes,Annual cost,Contract end,Hosting,Criticality,Personal data,Outcomes,Outcome status\r\n` +
				`UA-${stamp},${alpha},Old Supplier Ltd,Keeps the records,"£528,000.00",31/03/2027,SaaS,High,Yes,Development required,Agreed\r\n` +
				`,${beta},Beta Ltd,Short note,1000,,Hosted,Low,No,,\r\n`
		);
		await importer.importAll();

		// The council's next version of the file: blank cells (kept), a long note, a new cost, a different review.
		const longNote = `Moved to the shared platform; see https://intranet.example.gov.uk/ict/platforms/${'very-long-path-segment-'.repeat(6)}end for the plan and ${'details '.repeat(30)}`;
		await importer.visit();
		await importer.upload(
			'second.csv',
			`Ref,Name,Supplier,Notes,Annual cost,Contract end,Outcomes,Outcome status\r\n` +
				`UA-${stamp},${alpha},New Supplier Ltd,,"£412,000.00",,Maintain only,Proposed\r\n` +
				`,${beta},,"${longNote}","£1,234,567.89",30/09/2028,,\r\n`
		);
		expect(await importer.counts()).toMatchObject({
			'Systems updated': '1',
			'Left out: agreed review (unless you tick below)': '1',
			'Rows rejected (not imported)': '0'
		});
		// Without the tick only Beta would be updated; Alpha's agreed review is listed with what would replace it.
		expect(await importer.updatedSystems()).toEqual([
			{
				name: beta,
				match: 'matched by name',
				fields: [
					[
						'Description',
						'Short note',
						expect.stringMatching(
							/^Moved to the shared platform; see https:.*… \(\d+ characters\)$/
						)
					],
					['Annual run cost', '£1,000.00', '£1,234,567.89'],
					['Contract end', 'not set', '30 September 2028']
				]
			}
		]);
		expect(await importer.tableRows('Agreed reviews the import would replace')).toEqual([
			['2', alpha, 'Development required (agreed)', 'Maintain only (proposed)']
		]);
		expect(await page.getByRole('link', { name: alpha }).getAttribute('href')).toMatch(
			/^\/systems\/\d+$/
		);

		await shoot(page, 'import-updates-preview-1280');
		expect(await layout(page)).toEqual({ sideways: false, brokenFigures: [] });
		await page.setViewportSize({ width: 390, height: 844 });
		await importer.settled();
		await shoot(page, 'import-updates-preview-390');
		expect(await layout(page)).toEqual({ sideways: false, brokenFigures: [] });
		await page.setViewportSize({ width: 1280, height: 900 });

		await importer.replaceAgreedReviews();
		await importer.importAll();
		expect(await page.locator('.govuk-notification-banner').innerText()).toContain(
			'0 systems added, 2 updated.'
		);
		expect(await importer.resultCounts()).toMatchObject({
			Updated: '2',
			'Agreed reviews replaced': '1'
		});
		expect(await importer.tableRows('Systems created and updated')).toEqual([
			[alpha, 'Updated'],
			[beta, 'Updated']
		]);

		// Alpha: the supplier and cost changed, the blank note and contract end kept, the agreed review replaced.
		await page.getByRole('link', { name: alpha }).click();
		await page.waitForURL(/\/systems\/\d+$/);
		await importer.settled(importer.heading());
		const shown = await page.locator('main').innerText();
		expect(shown).toContain('New Supplier Ltd');
		expect(shown).toContain('Keeps the records');
		expect(shown).toContain('£412,000.00');
		expect(shown).toContain('31 March 2027');
		expect(shown).toContain('Maintain only');
	});
});
