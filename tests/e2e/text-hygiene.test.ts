/**
 * Hidden characters are refused where text enters: a name with a NUL or a right-to-left override
 * is refused on the system form (with the GOV.UK error summary, what was typed kept, nothing saved)
 * and as an import row (rejected with its row, column and reason), against the built app.
 */
import { describe, expect, test } from 'vitest';
import { browserAvailable } from './support/browser';
import { get, postForm } from './support/http';
import { useBrowser } from './support/suite';
import { SystemForm } from './pages/SystemForm';
import { ImportPages } from './pages/ImportPages';

describe.skipIf(!browserAvailable)(
	'text hygiene: hidden characters are refused on forms and imports',
	() => {
		const { session } = useBrowser();

		test('the new-system form refuses a name with a right-to-left override, keeps it, and saves nothing', async () => {
			const { page } = await session();
			const stamp = Date.now().toString(36);
			const name = `Spoof ${stamp} \u202Efdp.exe`;
			const form = await new SystemForm(page).visitNew();
			await form.fill({
				name,
				hosting: 'Software as a service',
				criticality: 'Medium',
				personalData: 'None'
			});
			await form.submitExpectingErrors();
			const summary = await form.errorSummary();
			expect(summary.map((e) => e.target)).toEqual(['name']);
			expect(summary[0]!.message).toMatch(
				/^Name contains a hidden right-to-left formatting character/
			);
			expect(await form.value('name')).toBe(name);
			const list = await (
				await get(`/systems.csv?q=${encodeURIComponent(`Spoof ${stamp}`)}`)
			).text();
			expect(list).not.toContain(stamp);
		});

		test('a form post with a NUL in the name is refused with the field error, as a browser without JavaScript sends it', async () => {
			const stamp = Date.now().toString(36);
			const response = await postForm('/systems/new', {
				name: `Nul ${stamp}\u0000tail`,
				hosting: 'saas',
				criticality: 'medium',
				personalData: 'none'
			});
			expect(response.status).toBe(400);
			const html = await response.text();
			expect(html).toContain('Name contains a hidden control character');
			expect(html).toContain(`Nul ${stamp}`);
			expect(
				await (await get(`/systems.csv?q=${encodeURIComponent(`Nul ${stamp}`)}`)).text()
			).not.toContain(stamp);
		});

		test('an import refuses rows whose name holds a control character or a right-to-left override, and takes the clean row', async () => {
			const { page } = await session();
			const stamp = Date.now().toString(36);
			// U+0085 is a C1 control: it decodes from UTF-8 like any letter, so only the row check can catch it.
			const file = Buffer.from(
				`Name,Hosting,Criticality,Personal data held\r\n` +
					`Clean Import ${stamp},SaaS,High,No\r\n` +
					`Nel Import ${stamp}\u0085x,SaaS,High,No\r\n` +
					`Spoof Import ${stamp}\u202Eexe,SaaS,High,No\r\n`,
				'utf8'
			);
			const importer = await new ImportPages(page).visit();
			await importer.upload('hidden.csv', file);
			const counts = await importer.counts();
			expect(counts['New systems']).toBe('1');
			expect(counts['Rows rejected (not imported)']).toBe('2');
			const shown = await page.locator('main').innerText();
			expect(shown).toMatch(/3\s+Name\s+Name contains a hidden control character/);
			expect(shown).toMatch(/4\s+Name\s+Name contains a hidden right-to-left formatting character/);
		});

		test('a file with a NUL in a name is refused at upload, before any row is read', async () => {
			const { page } = await session();
			const importer = await new ImportPages(page).visit();
			await importer.upload(
				'nul.csv',
				Buffer.from(
					`Name,Hosting,Criticality,Personal data held\r\nNul\u0000Name,SaaS,High,No\r\n`,
					'utf8'
				)
			);
			expect((await importer.errorSummary()).map((e) => e.message)).toEqual([
				expect.stringMatching(/nul\.csv: The file is not a CSV file/)
			]);
		});
	}
);
