/**
 * An officer imports cost lines from a spreadsheet: the preview counts and explains the rejected row,
 * the import adds the good line to the system's costs page, and that page's CSV imports back unchanged.
 */
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import Papa from 'papaparse';
import { browserAvailable } from './support/browser';
import { useBrowser } from './support/suite';
import { CostImportPages } from './pages/CostImportPages';
import { CostLinesPage } from './pages/Costs';
import { SystemsList } from './pages/SystemsList';
import { shoot, windows1252 } from './support/files';

const SYSTEM = 'Child Employment and Performance Licensing';

/** The demo system's id, found as an officer finds it: searched for on the list and opened. */
async function systemId(page: Page): Promise<number> {
	return (
		await (await new SystemsList(page).visit(`?q=${encodeURIComponent(SYSTEM)}`)).openSystem(SYSTEM)
	).id();
}

describe.skipIf(!browserAvailable)('cost line import', () => {
	const { session } = useBrowser();

	test('preview with the rejected row explained, import, see the line, and its CSV imports back unchanged', async () => {
		const { page } = await session();
		const stamp = Date.now().toString(36);
		const id = await systemId(page);
		const file =
			'System name,Financial year,Capital or revenue,Category,Amount (£),Confidence,Description,Cost centre\r\n' +
			`${SYSTEM},2027-28,Revenue,Licence,"£1,234.56",Committed,Imported licence ${stamp},CC1\r\n` +
			`${SYSTEM},2027/28,Revenue,Hosting,12.5k,Estimate,Imported typo ${stamp},CC1\r\n`;
		const importer = await new CostImportPages(page).visit();
		await importer.upload('costs.csv', file);
		expect(await page.locator('main').innerText()).toContain('Cost centre');
		expect(await importer.counts()).toEqual({
			'New cost lines': '1',
			'Cost lines changed': '0',
			'Left unchanged': '0',
			'Rows rejected (not imported)': '1'
		});
		expect(await importer.rejected()).toEqual([
			['3', SYSTEM, 'Amount (£)', expect.stringMatching(/'12.5k' uses a shorthand/)]
		]);
		expect(await page.getByTestId('problem-kinds').innerText()).toMatch(
			/1 row: Amount \(£\): Amount: … uses a shorthand/
		);
		expect(await importer.importCostLines()).toContain('1 cost line imported');
		// The result page names the line created, linked to its system.
		expect(await importer.tableRows('Cost lines created and updated')).toEqual([
			[`${SYSTEM}: Imported licence ${stamp} (2027/28), £1,234.56`, 'Created']
		]);
		expect(
			await page
				.getByRole('link', { name: `${SYSTEM}: Imported licence ${stamp} (2027/28), £1,234.56` })
				.getAttribute('href')
		).toBe(`/systems/${id}`);

		const costs = await new CostLinesPage(page).visit(`/systems/${id}/costs`);
		expect(await costs.lines()).toContainEqual(
			expect.arrayContaining([
				'2027/28',
				'Revenue',
				`Licence\nImported licence ${stamp}`,
				'Committed',
				'£1,234.56'
			])
		);
		expect(await page.locator('main').innerText()).not.toContain(`Imported typo ${stamp}`);

		const download = await costs.download('Download these cost lines (CSV)');
		expect(download.href).toBe(`/costs.csv?system=${id}`);
		const [head, ...rows] = Papa.parse<string[]>(download.bytes.subarray(3).toString('utf8'), {
			skipEmptyLines: true
		}).data;
		expect(head![0]).toBe('Line reference');
		expect(
			rows.some(
				(r) =>
					r.includes(`Imported licence ${stamp}`) && r.includes('1234.56') && r.includes('2027/28')
			)
		).toBe(true);

		await (await new CostImportPages(page).visit()).upload('cost-lines.csv', download.bytes);
		expect(await importer.counts()).toEqual({
			'New cost lines': '0',
			'Cost lines changed': '0',
			'Left unchanged': String(rows.length),
			'Rows rejected (not imported)': '0'
		});
		await expect(
			page.getByRole('button', { name: 'Nothing to import' }).isDisabled()
		).resolves.toBe(true);
	});

	test("a messy Windows file in the council's own words imports in one pass after mapping its words on the preview", async () => {
		const { page } = await session();
		const stamp = Date.now().toString(36);
		const id = await systemId(page);
		// Excel on UK Windows: Windows-1252, semicolons; the system named in another case with stray spaces.
		const file = windows1252(
			'Application;FY;Cap/Rev;Cost type;Amount (£);Status;Notes\r\n' +
				`${SYSTEM};FY28/29;One-off;Kit;£1,234.56;Forecast;Servers – ${stamp}\r\n` +
				`  ${SYSTEM.toUpperCase()} ;2028-29;Opex;Licences & subscriptions;1 234 567;PO raised;Licence – ${stamp}\r\n` +
				`${SYSTEM};2028/29;Rev;Kit;12.5k;Approved;Typo ${stamp}\r\n` +
				`${SYSTEM};2028/29;Revenue;Licence;1 234,56;Forecast;Comma ${stamp}\r\n` +
				`Nowhere Hall;2028/29;Capex;Implementation;100;Forecast;Missing ${stamp}\r\n` +
				`nowhere hall;2028/29;Capex;Implementation;200;Forecast;Missing again ${stamp}\r\n`
		);
		const importer = await new CostImportPages(page).visit();
		await importer.upload('own-words-costs.csv', file);
		expect(await page.locator('main').innerText()).toContain('Windows-1252 (Excel on Windows)');
		expect(
			(await importer.tableRows('Values not recognised and what each means')).map((r) =>
				r.slice(0, 3)
			)
		).toEqual([
			['Kit', 'Cost type', '2'],
			['Approved', 'Status', '1'],
			['One-off', 'Cap/Rev', '1']
		]);
		await expect(page.getByLabel('Kit', { exact: true }).inputValue()).resolves.toBe('');
		expect(await importer.missingNames()).toEqual([
			[
				'Nowhere Hall',
				'Application',
				'2',
				expect.stringMatching(
					/^No system has this name. Cost lines are added only to systems already in the catalogue/
				)
			]
		]);
		await shoot(page, 'cost-import-values-1280');

		await importer.mapValue('One-off', 'Capital');
		await importer.mapValue('Kit', 'Implementation');
		await importer.mapValue('Approved', 'Committed');
		await importer.readValues();
		expect(await importer.counts()).toEqual({
			'New cost lines': '2',
			'Cost lines changed': '0',
			'Left unchanged': '0',
			'Rows rejected (not imported)': '4'
		});
		const rejected = await importer.rejected();
		expect(rejected.map((r) => r.slice(0, 3))).toEqual([
			['4', SYSTEM, 'Amount (£)'],
			['5', SYSTEM, 'Amount (£)'],
			['6', 'Nowhere Hall', 'Application'],
			['7', 'nowhere hall', 'Application']
		]);
		expect(rejected[0]![3]).toMatch(
			/'12\.5k' uses a shorthand; enter the full amount in pounds \(write 12500\)/
		);
		expect(rejected[1]![3]).toMatch(/'1 234,56' has a comma before the pence.*write 1234\.56/);
		expect(await page.getByTestId('problem-kinds').innerText()).toMatch(
			/2 rows: Application: No system is named …; cost lines are added only to systems already in the catalogue/
		);
		await shoot(page, 'cost-import-mapped-1280');
		await page.setViewportSize({ width: 390, height: 844 });
		await shoot(page, 'cost-import-mapped-390');
		await page.setViewportSize({ width: 1280, height: 900 });

		expect(await importer.importCostLines()).toContain('2 cost lines imported');
		expect(await importer.resultCounts()).toEqual({
			Created: '2',
			Updated: '0',
			'Left unchanged': '0',
			'Rows rejected (not imported)': '4'
		});
		expect(await page.getByTestId('result-summary').innerText()).toMatch(/[0-9a-f]{64}/);
		await shoot(page, 'cost-import-result-1280');
		const costs = await new CostLinesPage(page).visit(`/systems/${id}/costs`);
		expect(await costs.lines()).toContainEqual(
			expect.arrayContaining([
				'2028/29',
				'Capital',
				`Implementation\nServers – ${stamp}`,
				'Estimate',
				'£1,234.56'
			])
		);
		expect(await costs.lines()).toContainEqual(
			expect.arrayContaining([
				'2028/29',
				'Revenue',
				`Licence\nLicence – ${stamp}`,
				'Committed',
				'£1,234,567.00'
			])
		);

		// The answers are remembered: the same file again asks nothing and adds nothing.
		await (await new CostImportPages(page).visit()).upload('own-words-costs.csv', file);
		expect(
			(await importer.tableRows('Values not recognised and what each means')).map((r) =>
				r.slice(0, 3)
			)
		).toEqual([
			['Kit', 'Cost type', '2'],
			['Approved', 'Status', '1'],
			['One-off', 'Cap/Rev', '1']
		]);
		expect(await importer.counts()).toMatchObject({ 'New cost lines': '0', 'Left unchanged': '2' });
	});

	test('a finance team’s own budget sheet: a title, amounts by year across, no confidence column and a total, imported in one pass', async () => {
		const { page } = await session();
		const stamp = Date.now().toString(36);
		const id = await systemId(page);
		const file = windows1252(
			`ICT budget – ${stamp},,,,\r\n,,,,\r\n` +
				'System,Capital/Revenue,Cost type,2026/27 £,2027/28 £\r\n' +
				`${SYSTEM},Revenue,Licence,"£1,500.00","£1,545.00"\r\n` +
				`${SYSTEM},Capital,Implementation,12.5k,\r\n` +
				',,,,\r\nTotal,,,"£14,000.00","£1,545.00"\r\n'
		);
		const importer = await new CostImportPages(page).visit();
		await importer.upload('budget.csv', file);
		const main = () => page.locator('main').innerText();
		expect(await page.getByTestId('heading-row').innerText()).toContain('Read from row 3');
		expect(await page.getByTestId('cost-years').innerText()).toContain('2026/27 £, 2027/28 £');
		expect(await main()).toContain('Columns your file does not have');
		expect(await importer.counts()).toMatchObject({ 'New cost lines': '0' });

		await importer.setForEveryLine('Confidence', 'Estimate');
		expect(await importer.counts()).toEqual({
			'New cost lines': '2',
			'Cost lines changed': '0',
			'Left unchanged': '0',
			'Rows rejected (not imported)': '2'
		});
		expect(await importer.rejected()).toEqual([
			['5', SYSTEM, '2026/27 £', expect.stringMatching(/'12\.5k' uses a shorthand/)],
			['7', '', 'System', 'This looks like a totals row, not a cost line: it is left out']
		]);
		await shoot(page, 'cost-import-by-year-1280');
		expect(await importer.importCostLines()).toContain('2 cost lines imported');
		const costs = await new CostLinesPage(page).visit(`/systems/${id}/costs`);
		const lines = await costs.lines();
		for (const [year, amount] of [
			['2026/27', '£1,500.00'],
			['2027/28', '£1,545.00']
		])
			expect(lines).toContainEqual(expect.arrayContaining([year, 'Revenue', 'Estimate', amount]));
	});

	test('a file wider than the column limit is refused on the upload page, saying which limit and where', async () => {
		const { page } = await session();
		const importer = await new CostImportPages(page).visit();
		await importer.upload(
			'wide-costs.csv',
			`Line reference,Amount (£)\n1,2\n${Array.from({ length: 5_000 }, (_, i) => String(i)).join(',')}\n`
		);
		expect((await importer.errorSummary()).map((e) => e.message)).toEqual([
			expect.stringMatching(/^wide-costs\.csv: Row 3 has more than 200 columns/)
		]);
		expect(page.url()).toMatch(/\/costs\/import(\?|$)/);
	});
});
