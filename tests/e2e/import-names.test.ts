/**
 * An officer imports a file that names a service area and a workstream the council does not have
 * yet and has no Criticality column: every row goes in, in one pass, after choosing on the preview.
 */
import { describe, expect, test } from 'vitest';
import { join } from 'node:path';
import { browserAvailable } from './support/browser';
import { useBrowser } from './support/suite';
import { ImportPages } from './pages/ImportPages';
import { SystemsList } from './pages/SystemsList';
import { Workstream, WorkstreamsIndex } from './pages/Workstream';

/** Full-page screenshots for a person to look at, when IMPORT_SCREENSHOTS names a folder. */
async function shoot(page: import('playwright-core').Page, name: string): Promise<void> {
	const folder = process.env.IMPORT_SCREENSHOTS;
	if (folder) await page.screenshot({ path: join(folder, `${name}.png`), fullPage: true });
}

describe.skipIf(!browserAvailable)('names and columns the council does not have yet', () => {
	const { session } = useBrowser();

	test('a messy file naming a new service area and workstream, with no Criticality column, imports every row in one pass', async () => {
		const { page } = await session();
		const stamp = Date.now().toString(36);
		const area = `Early Help Partnership ${stamp}`;
		const workstream = `Data Platform ${stamp}`;
		// Semicolons, the council's own spelling and case, a name with spaces around it, no Directorate or Criticality column.
		const file =
			`Application;Supplier;Hosting;Personal data;Service area;Workstreams\r\n` +
			`Names Alpha ${stamp};A Ltd;Cloud hosted;Y;${area};${workstream}\r\n` +
			`Names Beta ${stamp};B Ltd;on-prem;N; ${area.toUpperCase()} ;${workstream.toLowerCase()}\r\n` +
			`Names Gamma ${stamp};C Ltd;SaaS;No;${area};Integration\r\n`;
		const importer = await new ImportPages(page).visit();
		await importer.upload('new-names.csv', file);

		// Listed once each, with how many rows use it; the rows wait only for the choices on this page.
		expect(
			await importer.tableRows('Names your organisation does not have and what to do with each')
		).toEqual([
			[
				area,
				'Service area',
				'3',
				expect.stringContaining('Create it'),
				expect.stringContaining('Choose a directorate')
			],
			[workstream, 'Workstream', '2', expect.stringContaining('Create it'), '']
		]);
		// Every new system the file names is counted, though its rows wait for other answers too.
		expect(await page.locator('main').innerText()).toMatch(
			/Criticality for every new system\s+3 new systems in your file need it, rejected rows included/
		);
		expect(await importer.counts()).toMatchObject({
			'New systems': '0',
			'Rows rejected (not imported)': '3'
		});
		// The organisation has one directorate: the new service area is placed in it, shown chosen (another may be chosen).
		const directorate = page.getByLabel(`Directorate of the new service area ${area}`, {
			exact: true
		});
		expect(await directorate.locator('option:checked').innerText()).toBe(
			'Children, Families and Adults'
		);
		expect(await page.getByTestId('problem-kinds').innerText()).not.toContain('Service area');
		await shoot(page, 'import-names-1280');
		await page.setViewportSize({ width: 390, height: 844 });
		await importer.settled();
		await shoot(page, 'import-names-390');
		await page.setViewportSize({ width: 1280, height: 900 });

		// The rows wait only for the Criticality, with one reason that points at the choice.
		expect(await page.locator('main').innerText()).toMatch(
			/Criticality for every new system\s+3 new systems in your file need it/
		);
		expect(await page.getByTestId('problem-kinds').innerText()).toContain(
			'3 rows: Criticality: Your file has no Criticality column: choose a value for every new system under ‘Columns your file does not have’ on this page'
		);
		await importer.setForEveryNewSystem('Criticality', 'High');
		await importer.useNewSystemValues();
		// Each form carried the other's answers: the directorate is still chosen.
		expect(await importer.counts()).toMatchObject({
			'New systems': '3',
			'Workstream links added': '3',
			'Rows rejected (not imported)': '0'
		});
		await shoot(page, 'import-names-answered-1280');
		await importer.importAll();
		expect(await page.locator('.govuk-notification-banner').innerText()).toContain(
			'Import complete: 3 systems added, 0 updated.'
		);

		const list = await new SystemsList(page).visit(
			`?q=${encodeURIComponent(`Names Beta ${stamp}`)}`
		);
		expect(await list.resultCount()).toMatch(/^1 system/);
		const shown = await page.locator('main').innerText();
		expect(shown).toContain('Children, Families and Adults');
		expect(shown).toContain('High');
		// The new workstream is the council's now, with the rows that named it in any case linked to it.
		const id = await (await new WorkstreamsIndex(page).visit()).idOf(workstream);
		await new Workstream(page).visit(id);
		const linked = await page.locator('main').innerText();
		expect(linked).toContain(`Names Alpha ${stamp}`);
		expect(linked).toContain(`Names Beta ${stamp}`);
	});
});
