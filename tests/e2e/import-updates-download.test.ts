/**
 * The preview's 'Download every change as CSV' through the built app: written while the file is
 * planned, it must still be a whole, well-formed download with every updated system's fields.
 */
import { describe, expect, test } from 'vitest';
import { browserAvailable } from './support/browser';
import { useBrowser } from './support/suite';
import { ImportPages } from './pages/ImportPages';

describe.skipIf(!browserAvailable)('the updates download', () => {
	const { session } = useBrowser();

	test('has a line per changed field of every updated system, before and after, as a CSV attachment', async () => {
		const { page } = await session();
		const stamp = Date.now().toString(36);
		const importer = await new ImportPages(page).visit();
		await importer.upload(
			'first.csv',
			`Ref,Name,Supplier,Annual cost,Hosting,Criticality,Personal data\r\nDL-${stamp},Download ${stamp},Old Ltd,"£1,000.00",SaaS,High,No\r\n`
		);
		await importer.importAll();

		await importer.visit();
		await importer.upload(
			'second.csv',
			`Ref,Name,Supplier,Annual cost\r\nDL-${stamp},Download ${stamp},"New, Ltd","£2,500.50"\r\n`
		);
		expect(await importer.counts()).toMatchObject({ 'Systems updated': '1' });
		const href = await page
			.getByRole('link', { name: 'Download every change as CSV' })
			.getAttribute('href');
		expect(href).toMatch(/^\/import\/\d+\/updates\.csv\?/);

		const response = await page.request.get(href!);
		expect(response.status()).toBe(200);
		expect(response.headers()['content-type']).toBe('text/csv; charset=utf-8');
		expect(response.headers()['content-disposition']).toBe(
			'attachment; filename="updated-systems.csv"'
		);
		expect((await response.body()).toString('utf8')).toBe(
			'\uFEFFRow in your file,System,How it was matched,Field,Before,After\r\n' +
				`2,Download ${stamp},matched by external reference,Supplier,Old Ltd,"New, Ltd"\r\n` +
				`2,Download ${stamp},matched by external reference,Annual run cost,"£1,000.00","£2,500.50"\r\n`
		);
	});
});
