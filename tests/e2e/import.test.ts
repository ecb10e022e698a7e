/** An officer imports a messy Windows spreadsheet: preview, rejected rows explained, import, found in the list. */
import { describe, expect, test } from 'vitest';
import { browserAvailable } from './support/browser';
import { useBrowser } from './support/suite';
import { ImportPages } from './pages/ImportPages';
import { SystemsList } from './pages/SystemsList';

/** Windows-1252 bytes, as Excel on UK Windows saves 'CSV': '£' is 0xA3, the en dash 0x96. */
function windows1252(text: string): Buffer {
	return Buffer.from([...text].map((c) => (c === '£' ? 0xa3 : c === '–' ? 0x96 : c.charCodeAt(0))));
}

describe.skipIf(!browserAvailable)('spreadsheet import', () => {
	const { session } = useBrowser();

	test('preview, rejected rows with reasons, import, then find the system', async () => {
		const { page } = await session();
		const stamp = Date.now().toString(36);
		const file = windows1252(
			`Application;Vendor;Annual cost (£);Hosting;Criticality;Personal data;Outcome;Target date\r\n` +
				`Imported Respite Booking ${stamp};Respite – Direct Ltd;£4,250.00;SaaS;Medium;Yes;Decommission;31/03/2028\r\n` +
				`Imported Bad Row ${stamp};X;12.5k;SaaS;Medium;Yes;;\r\n`
		);
		const importer = await new ImportPages(page).visit();
		await importer.upload('respite.csv', file);
		const shown = await page.locator('main').innerText();
		expect(shown).toContain('Windows-1252 (Excel on Windows)');
		expect(shown).toContain('Semicolon');
		expect(await importer.counts()).toEqual({
			'New systems': '1', 'Systems updated': '0', 'Left unchanged': '0', 'Reviews recorded': '1', 'Workstream links added': '0', 'Rows rejected (not imported)': '1'
		});
		expect(await page.locator('main').innerText()).toMatch(new RegExp(`3\\s+Imported Bad Row ${stamp}\\s+Annual run cost \\(£\\)\\s+Annual run cost: '12.5k' uses a shorthand`));
		await importer.importAll();

		const list = await new SystemsList(page).visit(`?q=${encodeURIComponent(`Imported Respite Booking ${stamp}`)}`);
		expect(await list.resultCount()).toMatch(/^1 system/);
		expect(await page.locator('main').innerText()).toContain('Respite – Direct Ltd');
		expect(await page.locator('main').innerText()).toContain('Decommission');
	});

	test('a file that is not CSV is refused on the upload page, nothing kept', async () => {
		const { page } = await session();
		const importer = await new ImportPages(page).visit();
		await importer.upload('book.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]));
		expect((await importer.errorSummary()).map((e) => e.message)).toEqual([expect.stringMatching(/book\.xlsx: The file is a spreadsheet workbook/)]);
	});

	test('a file wider than the column limit is refused on the upload page, saying which limit and where', async () => {
		const { page } = await session();
		const importer = await new ImportPages(page).visit();
		await importer.upload('wide.csv', `${Array.from({ length: 5_000 }, (_, i) => `Column ${i}`).join(',')}\nA\n`);
		expect((await importer.errorSummary()).map((e) => e.message)).toEqual([expect.stringMatching(/^wide\.csv: Row 1 has more than 200 columns/)]);
		expect(page.url()).toMatch(/\/import(\?|$)/);
	});
});
