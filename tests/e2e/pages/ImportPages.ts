/** The spreadsheet import: the upload page and the preview of what an import will do. */
import { AppPage } from './AppPage';

/** The preview's one button for every answer (values, names, values for every new system). */
const ANSWERS_BUTTON = 'Update the preview with these answers';

export class ImportPages extends AppPage {
	async visit(): Promise<this> {
		await this.open(
			'/import',
			this.page.getByRole('heading', { level: 1, name: 'Import systems from a spreadsheet' })
		);
		return this;
	}

	/** Chooses a file built in memory and uploads it; lands on the preview (or the upload page with an error). */
	async upload(name: string, text: string | Buffer): Promise<void> {
		await this.page.getByLabel('CSV file').setInputFiles({
			name,
			mimeType: 'text/csv',
			buffer: typeof text === 'string' ? Buffer.from(text, 'utf8') : text
		});
		await this.page.getByRole('button', { name: 'Upload and preview' }).click();
		await this.page.waitForLoadState('load');
		await this.settled(this.heading());
	}

	/** The 'What will happen' figures, by their labels. */
	async counts(): Promise<Record<string, string>> {
		const rows = this.page.locator('[data-testid="import-counts"] .govuk-summary-list__row');
		const out: Record<string, string> = {};
		for (let i = 0; i < (await rows.count()); i++) {
			out[(await rows.nth(i).locator('dt').innerText()).trim()] = (
				await rows.nth(i).locator('dd').innerText()
			).trim();
		}
		return out;
	}

	/** Says what a value the import did not recognise means, by the value as the file spells it and the choice's words. */
	async mapValue(text: string, choice: string): Promise<void> {
		await this.page.getByLabel(text, { exact: true }).selectOption({ label: choice });
	}

	/** Re-plans the preview with the values as mapped. */
	async readValues(): Promise<void> {
		// The page is loaded already: wait for the new address (the answers travel in its query), not for 'load'.
		const before = this.page.url();
		await Promise.all([
			this.page.waitForURL((url) => url.href !== before && url.searchParams.has('vk0')),
			this.page.getByRole('button', { name: ANSWERS_BUTTON }).click()
		]);
		await this.settled(this.heading());
	}

	/** Answers for a name the organisation does not have, by the name as listed: 'Create it' or an existing record's name. */
	async answerName(text: string, choice: string): Promise<void> {
		await this.page.getByLabel(text, { exact: true }).selectOption({ label: choice });
	}

	/** Chooses the directorate of a new service area whose rows do not agree on one. */
	async chooseDirectorate(serviceArea: string, directorate: string): Promise<void> {
		await this.page
			.getByLabel(`Directorate of the new service area ${serviceArea}`, { exact: true })
			.selectOption({ label: directorate });
	}

	/** Re-plans the preview with the names as answered. */
	async useNameAnswers(): Promise<void> {
		const before = this.page.url();
		await Promise.all([
			this.page.waitForURL((url) => url.href !== before && url.searchParams.has('nk0')),
			this.page.getByRole('button', { name: ANSWERS_BUTTON }).click()
		]);
		await this.settled(this.heading());
	}

	/** Sets a required field the file has no column for, for every new system ('Criticality', 'High'). */
	async setForEveryNewSystem(field: string, choice: string): Promise<void> {
		await this.page
			.getByLabel(`${field} for every new system`, { exact: true })
			.selectOption({ label: choice });
	}

	/** Re-plans the preview with the values for every new system. */
	async useNewSystemValues(): Promise<void> {
		const before = this.page.url();
		await Promise.all([
			this.page.waitForURL(
				(url) =>
					url.href !== before && [...url.searchParams.keys()].some((k) => k.startsWith('all-'))
			),
			this.page.getByRole('button', { name: ANSWERS_BUTTON }).click()
		]);
		await this.settled(this.heading());
	}

	/** The preview's 'Systems this file changes': each system's name, how it was matched, and each field's label, before and after. */
	async updatedSystems(): Promise<
		{ name: string; match: string; fields: [string, string, string][] }[]
	> {
		const cards = await this.page
			.getByTestId('updated-systems')
			.locator('.govuk-summary-card')
			.all();
		return Promise.all(
			cards.map(async (card) => {
				const rows = await card.locator('.govuk-summary-list__row').all();
				const fields = await Promise.all(
					rows.map(async (r): Promise<[string, string, string]> => {
						const lines = await r.locator('dd .app-change__line').allInnerTexts();
						return [
							(await r.locator('dt').innerText()).trim(),
							lines[0]!.replace(/^Before:\s*/, '').trim(),
							lines[1]!.replace(/^After:\s*/, '').trim()
						];
					})
				);
				return {
					name: (await card.locator('.govuk-summary-card__title').innerText()).trim(),
					match: (await card.locator('.govuk-tag').innerText()).trim(),
					fields
				};
			})
		);
	}

	/** Ticks 'Replace the agreed reviews listed above' in the commit form. */
	async replaceAgreedReviews(): Promise<void> {
		await this.page.getByLabel('Replace the agreed reviews listed above').check();
		await this.settled();
	}

	async importAll(): Promise<void> {
		await this.page.getByRole('button', { name: /^Import \d/ }).click();
		await this.page.waitForURL(/\/import\/result\/\d+$/);
		await this.settled(this.heading());
	}

	/** The result page's counts ('Created' -> '1'), after importAll. */
	async resultCounts(): Promise<Record<string, string>> {
		const rows = await this.page
			.getByTestId('result-counts')
			.locator('.govuk-summary-list__row')
			.all();
		return Object.fromEntries(
			await Promise.all(
				rows.map(async (r) => [
					(await r.locator('dt').innerText()).trim(),
					(await r.locator('dd').innerText()).trim()
				])
			)
		);
	}

	/** Reads another sheet of an uploaded Excel workbook (the preview's sheet choice). */
	async chooseSheet(name: string): Promise<void> {
		const before = this.page.url();
		await this.page.getByLabel('Sheet to import').selectOption({ label: name });
		await Promise.all([
			this.page.waitForURL((url) => url.href !== before && url.searchParams.get('sheet') === name),
			this.page.getByRole('button', { name: 'Read this sheet' }).click()
		]);
		await this.settled(this.heading());
	}
}
