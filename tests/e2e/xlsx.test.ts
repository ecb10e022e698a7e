/**
 * Excel workbooks in the browser: an officer uploads a workbook of two sheets, chooses the sheet the
 * systems are on, and imports them; the catalogue, a roll-up and a business case's financial tables
 * download as .xlsx files whose money and dates are real number and date cells. Axe runs on every page.
 */
import { describe, expect, test } from 'vitest';
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { browserAvailable } from './support/browser';
import { useBrowser } from './support/suite';
import { ImportPages } from './pages/ImportPages';
import { SystemsList } from './pages/SystemsList';
import { Rollups } from './pages/Rollups';
import { BusinessCasesList } from './pages/BusinessCases';

/** Full-page screenshots for a person to look at, when XLSX_SCREENSHOTS names a folder. */
async function shoot(page: import('playwright-core').Page, name: string): Promise<void> {
	const folder = process.env.XLSX_SCREENSHOTS;
	if (!folder) return;
	for (const width of [1280, 390]) {
		await page.setViewportSize({ width, height: 900 });
		await page.screenshot({ path: join(folder, `${name}-${width}.png`), fullPage: true });
	}
	await page.setViewportSize({ width: 1280, height: 900 });
}

async function workbookOf(bytes: Buffer): Promise<ExcelJS.Worksheet> {
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load(bytes as unknown as ArrayBuffer);
	return wb.worksheets[0]!;
}

describe.skipIf(!browserAvailable)('Excel workbooks', () => {
	const { session } = useBrowser();

	test('a workbook of two sheets: the officer chooses the sheet, previews and imports it', async () => {
		const { page } = await session();
		const stamp = Date.now().toString(36);
		const wb = new ExcelJS.Workbook();
		wb.addWorksheet('Read me').addRows([['Our systems, March 2026'], ['Prepared by the ICT team']]);
		const ws = wb.addWorksheet('Inventory');
		ws.addRows([
			[
				'Application',
				'Vendor',
				'Annual cost (£)',
				'Contract end',
				'Hosting',
				'Criticality',
				'Personal data'
			],
			[
				`Workbook Alpha ${stamp}`,
				'Alpha Ltd',
				4250.5,
				new Date(Date.UTC(2028, 2, 31)),
				'SaaS',
				'Medium',
				'Yes'
			],
			[
				`Workbook Beta ${stamp}`,
				'Beta plc',
				{ formula: '1000*2', result: 2000 },
				new Date(Date.UTC(2027, 8, 30)),
				'On-premises',
				'Low',
				'No'
			]
		]);
		ws.getColumn(3).numFmt = '"£"#,##0.00';
		ws.getColumn(4).numFmt = 'dd/mm/yyyy';
		const bytes = Buffer.from(await wb.xlsx.writeBuffer());

		const importer = await new ImportPages(page).visit();
		expect(await page.locator('main').innerText()).toContain('A .csv or .xlsx file');
		await shoot(page, 'import-upload');
		await importer.upload(`inventory-${stamp}.xlsx`, bytes);
		// The sheet with the most cells is read first (the list, not the cover sheet before it), and the choice is offered.
		expect(await page.getByLabel('Sheet to import').inputValue()).toBe('Inventory');
		expect(await page.locator('main').innerText()).toContain('Excel workbook (.xlsx)');
		// The officer may read another: the cover sheet's one column cannot be imported.
		await importer.chooseSheet('Read me');
		expect(await page.getByLabel('Sheet to import').inputValue()).toBe('Read me');
		await importer.chooseSheet('Inventory');
		expect(await page.getByLabel('Sheet to import').inputValue()).toBe('Inventory');
		expect(await importer.counts()).toMatchObject({
			'New systems': '2',
			'Rows rejected (not imported)': '0'
		});
		await shoot(page, 'import-sheet-choice');
		await importer.importAll();
		expect(await page.locator('.govuk-notification-banner').innerText()).toContain(
			'Import complete: 2 systems added, 0 updated.'
		);

		const list = await new SystemsList(page).visit(
			`?q=${encodeURIComponent(`Workbook Alpha ${stamp}`)}`
		);
		expect(await list.resultCount()).toMatch(/^1 system/);
		expect(await page.locator('main').innerText()).toContain('Alpha Ltd');
		await shoot(page, 'systems-downloads');

		// The filtered list as Excel: the same one system, its cost a number in pounds and its contract end a date.
		const file = await list.download('Download as Excel (.xlsx)');
		expect(file.name).toMatch(/^systems-\d{4}-\d{2}-\d{2}\.xlsx$/);
		const sheet = await workbookOf(file.bytes);
		expect(sheet.getRow(1).getCell(2).value).toBe('Name');
		expect(sheet.rowCount).toBe(2);
		const row = sheet.getRow(2);
		expect(row.getCell(2).value).toBe(`Workbook Alpha ${stamp}`);
		expect(row.getCell(10).value).toBe(4250.5);
		expect(row.getCell(10).numFmt).toContain('£');
		expect(row.getCell(12).value).toEqual(new Date('2028-03-31T00:00:00Z'));
		expect(row.getCell(12).numFmt).toBe('dd/mm/yyyy');
	});

	test("a roll-up and a business case's financial tables download as Excel with the CSV's rows", async () => {
		const { page } = await session();
		const rollups = await new Rollups(page).visit();
		await shoot(page, 'rollups-downloads');
		const csv = await rollups.download('Download cost by workstream (CSV)');
		const xlsx = await rollups.download('Download as Excel (.xlsx) of cost by workstream');
		expect(xlsx.name).toMatch(/^cost-by-workstream-\d{4}-\d{2}-\d{2}\.xlsx$/);
		const csvLines = csv.bytes
			.toString('utf8')
			.replace(/^\uFEFF/, '')
			.trim()
			.split('\r\n');
		const sheet = await workbookOf(xlsx.bytes);
		expect(sheet.rowCount).toBe(csvLines.length);
		expect((sheet.getRow(1).values as unknown[]).slice(1).join(',')).toBe(csvLines[0]);
		// Every figure is a number equal to the CSV's pounds and pence.
		const total = sheet.getRow(sheet.rowCount);
		const csvTotal = csvLines.at(-1)!.split(',');
		for (let c = 2; c <= csvTotal.length; c++)
			expect(total.getCell(c).value).toBe(Number(csvTotal[c - 1]));

		const cases = await new BusinessCasesList(page).visit();
		await page.locator('main table tbody tr a').first().click();
		await page.waitForURL(/\/business-cases\/\d+$/);
		await cases.settled(cases.heading());
		const financial = await cases.download('Download the financial tables as Excel (.xlsx)');
		expect(financial.name).toMatch(/^business-case-\d+-v\d+-financial-\d{4}-\d{2}-\d{2}\.xlsx$/);
		const fin = await workbookOf(financial.bytes);
		expect((fin.getRow(1).values as unknown[]).slice(1)).toEqual([
			'Option',
			'Financial year',
			'Capital (£)',
			'Revenue (£)',
			'Total cost (£)',
			'Funding counted (£)',
			'Shortfall (£)',
			'Unused funding (£)'
		]);
		expect(fin.rowCount).toBeGreaterThan(1);
		expect(typeof fin.getRow(2).getCell(5).value).toBe('number');
		expect(fin.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
	});
});
