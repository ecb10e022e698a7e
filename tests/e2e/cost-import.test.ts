/**
 * An officer imports cost lines from a spreadsheet: the preview counts and explains the rejected row,
 * the import adds the good line to the system's costs page, and that page's CSV imports back unchanged.
 */
import { describe, expect, test } from 'vitest';
import Papa from 'papaparse';
import { browserAvailable } from './support/browser';
import { useBrowser } from './support/suite';
import { CostImportPages } from './pages/CostImportPages';
import { CostLinesPage } from './pages/Costs';
import { SystemsList } from './pages/SystemsList';

const SYSTEM = 'Child Employment and Performance Licensing';

describe.skipIf(!browserAvailable)('cost line import', () => {
	const { session } = useBrowser();

	test('preview with the rejected row explained, import, see the line, and its CSV imports back unchanged', async () => {
		const { page } = await session();
		const stamp = Date.now().toString(36);
		const id = await (await (await new SystemsList(page).visit(`?q=${encodeURIComponent(SYSTEM)}`)).openSystem(SYSTEM)).id();
		const file =
			'System name,Financial year,Capital or revenue,Category,Amount (£),Confidence,Description,Cost centre\r\n' +
			`${SYSTEM},2027-28,Revenue,Licence,"£1,234.56",Committed,Imported licence ${stamp},CC1\r\n` +
			`${SYSTEM},2027/28,Revenue,Hosting,12.5k,Estimate,Imported typo ${stamp},CC1\r\n`;
		const importer = await new CostImportPages(page).visit();
		await importer.upload('costs.csv', file);
		expect(await page.locator('main').innerText()).toContain('Cost centre');
		expect(await importer.counts()).toEqual({ 'New cost lines': '1', 'Cost lines changed': '0', 'Left unchanged': '0', 'Rows rejected (not imported)': '1' });
		expect(await importer.rejected()).toEqual([['3', SYSTEM, 'Amount (£)', expect.stringMatching(/'12.5k' uses a shorthand/)]]);
		expect(await page.getByTestId('problem-kinds').innerText()).toMatch(/1 row: Amount \(£\): Amount: … uses a shorthand/);
		expect(await importer.importCostLines()).toContain('1 cost line imported');
		// The result page names the line created, linked to its system.
		expect(await importer.tableRows('Cost lines created and updated')).toEqual([[`Imported licence ${stamp} (2027/28)`, 'Created']]);
		expect(await page.getByRole('link', { name: `Imported licence ${stamp} (2027/28)` }).getAttribute('href')).toBe(`/systems/${id}`);

		const costs = await new CostLinesPage(page).visit(`/systems/${id}/costs`);
		expect(await costs.lines()).toContainEqual(expect.arrayContaining(['2027/28', 'Revenue', `Licence\nImported licence ${stamp}`, 'Committed', '£1,234.56']));
		expect(await page.locator('main').innerText()).not.toContain(`Imported typo ${stamp}`);

		const download = await costs.download('Download these cost lines (CSV)');
		expect(download.href).toBe(`/costs.csv?system=${id}`);
		const [head, ...rows] = Papa.parse<string[]>(download.bytes.subarray(3).toString('utf8'), { skipEmptyLines: true }).data;
		expect(head![0]).toBe('Line reference');
		expect(rows.some((r) => r.includes(`Imported licence ${stamp}`) && r.includes('1234.56') && r.includes('2027/28'))).toBe(true);

		await (await new CostImportPages(page).visit()).upload('cost-lines.csv', download.bytes);
		expect(await importer.counts()).toEqual({ 'New cost lines': '0', 'Cost lines changed': '0', 'Left unchanged': String(rows.length), 'Rows rejected (not imported)': '0' });
		await expect(page.getByRole('button', { name: 'Nothing to import' }).isDisabled()).resolves.toBe(true);
	});

	test('a file wider than the column limit is refused on the upload page, saying which limit and where', async () => {
		const { page } = await session();
		const importer = await new CostImportPages(page).visit();
		await importer.upload('wide-costs.csv', `Line reference,Amount (£)\n1,2\n${Array.from({ length: 5_000 }, (_, i) => String(i)).join(',')}\n`);
		expect((await importer.errorSummary()).map((e) => e.message)).toEqual([expect.stringMatching(/^wide-costs\.csv: Row 3 has more than 200 columns/)]);
		expect(page.url()).toMatch(/\/costs\/import(\?|$)/);
	});
});
