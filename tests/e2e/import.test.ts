/** An officer imports a messy Windows spreadsheet: preview, rejected rows explained, import, found in the list. */
import { describe, expect, test } from 'vitest';
import { browserAvailable } from './support/browser';
import { useBrowser } from './support/suite';
import { ImportPages } from './pages/ImportPages';
import { SystemsList } from './pages/SystemsList';
import { join } from 'node:path';

/** Full-page screenshots for a person to look at, when IMPORT_SCREENSHOTS names a folder. */
async function shoot(page: import('playwright-core').Page, name: string): Promise<void> {
	const folder = process.env.IMPORT_SCREENSHOTS;
	if (folder) await page.screenshot({ path: join(folder, `${name}.png`), fullPage: true });
}

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
			'New systems': '1',
			'Systems updated': '0',
			'Left unchanged': '0',
			'Reviews recorded': '1',
			'Workstream links added': '0',
			'Rows rejected (not imported)': '1'
		});
		expect(await page.locator('main').innerText()).toMatch(
			new RegExp(
				`3\\s+Imported Bad Row ${stamp}\\s+Annual run cost \\(£\\)\\s+Annual run cost: '12.5k' uses a shorthand`
			)
		);
		await importer.importAll();

		// The result page: counts, each created system linked by name, the file and its fingerprint, the success banner.
		expect(await page.locator('.govuk-notification-banner').innerText()).toContain(
			'Import complete: 1 system added, 0 updated.'
		);
		expect(await importer.resultCounts()).toEqual({
			Created: '1',
			Updated: '0',
			'Left unchanged': '0',
			'Rows rejected (not imported)': '1'
		});
		expect(await importer.tableRows('Systems created and updated')).toEqual([
			[`Imported Respite Booking ${stamp}`, 'Created']
		]);
		const summary = await page.getByTestId('result-summary').innerText();
		expect(summary).toContain('respite.csv');
		expect(summary).toMatch(/File fingerprint \(SHA-256\)\s+[0-9a-f]{64}/);
		const resultUrl = page.url();
		await shoot(page, 'import-result-1280');
		await page.setViewportSize({ width: 390, height: 844 });
		await importer.settled();
		await shoot(page, 'import-result-390');
		await page.setViewportSize({ width: 1280, height: 900 });
		// Reachable later (the audit trail's row for the import links here: audit-wording.spec.ts).
		await page.goto(resultUrl);
		await importer.settled(importer.heading());
		await page.getByRole('link', { name: `Imported Respite Booking ${stamp}` }).click();
		await page.waitForURL(/\/systems\/\d+$/);
		await importer.settled(importer.heading());
		expect(await importer.heading().innerText()).toBe(`Imported Respite Booking ${stamp}`);

		const list = await new SystemsList(page).visit(
			`?q=${encodeURIComponent(`Imported Respite Booking ${stamp}`)}`
		);
		expect(await list.resultCount()).toMatch(/^1 system/);
		expect(await page.locator('main').innerText()).toContain('Respite – Direct Ltd');
		expect(await page.locator('main').innerText()).toContain('Decommission');
	});

	test("a messy file in the council's own words imports in one pass after mapping its values", async () => {
		const { page } = await session();
		const stamp = Date.now().toString(36);
		const file = windows1252(
			`Application;Vendor;Annual cost (£);Hosting;Criticality;Personal data;Outcome;Target date\r\n` +
				`Words Alpha ${stamp};Café – Ltd;£4,250.00;Cloud hosted;Med;Y;Sunset;31/03/2028\r\n` +
				`Words Beta ${stamp};B Ltd;100;Data centre;HIGH;N;Keep;\r\n` +
				`Words Gamma ${stamp};C Ltd;200;Azure tenancy;Low;N;Park;\r\n` +
				`Words Delta ${stamp};D Ltd;300;Azure tenancy;High;No;;\r\n` +
				`Words Bad One ${stamp};X;12.5k;Mainframe;High;Yes;;\r\n` +
				`Words Bad Two ${stamp};X;£1;Cloud;Very;maybe;Sunset;31/02/2028\r\n`
		);
		const importer = await new ImportPages(page).visit();
		await importer.upload('own-words.csv', file);
		const values = await importer.tableRows('Values not recognised and what each means');
		expect(values.map((r) => r.slice(0, 3))).toEqual(
			expect.arrayContaining([
				['Azure tenancy', 'Hosting', '2'],
				['Park', 'Outcomes', '1'],
				['Mainframe', 'Hosting', '1'],
				['Very', 'Criticality', '1'],
				['maybe', 'Personal data held', '1']
			])
		);
		await shoot(page, 'import-values-1280');
		await importer.mapValue('Azure tenancy', 'Hosted');
		await importer.mapValue('Park', 'Maintain only');
		await importer.readValues();

		expect(await importer.counts()).toMatchObject({
			'New systems': '4',
			'Reviews recorded': '3',
			'Rows rejected (not imported)': '2'
		});
		const rejected = await importer.tableRows('Rejected rows with every reason for each');
		expect(rejected.map((r) => r.slice(0, 3))).toEqual([
			['6', `Words Bad One ${stamp}`, 'Hosting'],
			['6', `Words Bad One ${stamp}`, 'Annual run cost (£)'],
			['7', `Words Bad Two ${stamp}`, 'Criticality'],
			['7', `Words Bad Two ${stamp}`, 'Personal data held'],
			['7', `Words Bad Two ${stamp}`, 'Target date (decommission or replace)']
		]);
		expect(await page.getByTestId('problem-kinds').innerText()).toMatch(
			/1 row: Hosting: … is not one of/
		);
		await shoot(page, 'import-mapped-1280');
		await page.setViewportSize({ width: 390, height: 844 });
		await shoot(page, 'import-mapped-390');
		await page.setViewportSize({ width: 1280, height: 900 });
		await importer.importAll();

		const list = await new SystemsList(page).visit(
			`?q=${encodeURIComponent(`Words Gamma ${stamp}`)}`
		);
		expect(await list.resultCount()).toMatch(/^1 system/);
		expect(await page.locator('main').innerText()).toContain('Hosted');
	});

	test('a column under a heading of its own is mapped by hand: the problem named, the choices kept, then imported', async () => {
		const { page } = await session();
		const stamp = Date.now().toString(36);
		// 'Kit' is no heading a name is known by; 'Vendor' and the rest are.
		const file = windows1252(
			`Kit;Vendor;Annual cost (£);Hosting;Criticality;Personal data\r\n` +
				`Mapped Kit ${stamp};Kit Ltd;£1,000.00;SaaS;Low;No\r\n`
		);
		const importer = await new ImportPages(page).visit();
		await importer.upload('kit.csv', file);
		expect(await importer.errorSummary()).toEqual([
			{ message: "Choose the column that holds each system's name", target: 'col0' }
		]);
		expect(await page.getByTestId('import-counts').count()).toBe(0);
		expect(await importer.columnChoice('Kit')).toBe('Ignore this column');
		expect(await importer.columnChoice('Vendor')).toBe('Supplier');
		await shoot(page, 'import-columns-error-1280');

		// A slip first: two columns set to the name. Both choices are kept and the clash is named.
		await importer.mapColumn('Kit', 'Name');
		await importer.mapColumn('Vendor', 'Name');
		await importer.updateColumns();
		expect(new URL(page.url()).hash).toBe('#columns');
		expect((await importer.errorSummary()).map((e) => e.message)).toEqual([
			"2 columns are set to 'Name': choose one"
		]);
		expect(await importer.columnChoice('Kit')).toBe('Name');
		expect(await importer.columnChoice('Vendor')).toBe('Name');

		await importer.mapColumn('Vendor', 'Supplier');
		await importer.updateColumns();
		expect(await importer.errorSummary()).toEqual([]);
		expect(await importer.counts()).toMatchObject({
			'New systems': '1',
			'Rows rejected (not imported)': '0'
		});
		await importer.importAll();
		expect(await importer.tableRows('Systems created and updated')).toEqual([
			[`Mapped Kit ${stamp}`, 'Created']
		]);
	});

	test('a damaged workbook (a zip header and nothing more) is refused on the upload page, nothing kept', async () => {
		const { page } = await session();
		const importer = await new ImportPages(page).visit();
		await importer.upload(
			'book.xlsx',
			Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00])
		);
		expect((await importer.errorSummary()).map((e) => e.message)).toEqual([
			expect.stringMatching(
				/^book\.xlsx: The file is not a real Excel workbook \(\.xlsx\): its contents are damaged/
			)
		]);
	});

	test('a file wider than the column limit is refused on the upload page, saying which limit and where', async () => {
		const { page } = await session();
		const importer = await new ImportPages(page).visit();
		await importer.upload(
			'wide.csv',
			`${Array.from({ length: 5_000 }, (_, i) => `Column ${i}`).join(',')}\nA\n`
		);
		expect((await importer.errorSummary()).map((e) => e.message)).toEqual([
			expect.stringMatching(/^wide\.csv: Row 1 has more than 200 columns/)
		]);
		expect(page.url()).toMatch(/\/import(\?|$)/);
	});
});
