/** The cost line import: the upload page and the preview of what an import will do. */
import { AppPage } from './AppPage';

export class CostImportPages extends AppPage {
	async visit(): Promise<this> {
		await this.open('/costs/import', this.page.getByRole('heading', { level: 1, name: 'Import cost lines from a spreadsheet' }));
		return this;
	}

	/** Chooses a file built in memory and uploads it; lands on the preview (or the upload page with an error). */
	async upload(name: string, text: string | Buffer): Promise<void> {
		await this.page.getByLabel('CSV file').setInputFiles({ name, mimeType: 'text/csv', buffer: typeof text === 'string' ? Buffer.from(text, 'utf8') : text });
		await this.page.getByRole('button', { name: 'Upload and preview' }).click();
		await this.page.waitForLoadState('load');
		await this.settled(this.heading());
	}

	/** The 'What will happen' figures, by their labels. */
	async counts(): Promise<Record<string, string>> {
		const rows = this.page.locator('[data-testid="import-counts"] .govuk-summary-list__row');
		const out: Record<string, string> = {};
		for (let i = 0; i < (await rows.count()); i++) {
			out[(await rows.nth(i).locator('dt').innerText()).trim()] = (await rows.nth(i).locator('dd').innerText()).trim();
		}
		return out;
	}

	/** The rejected rows table: row, column, reason. */
	async rejected(): Promise<string[][]> {
		return this.tableRows('Rejected rows with the reason for each');
	}

	/** Imports; lands back on the upload page, which says how many lines were imported. */
	async importAll(): Promise<string> {
		await this.page.getByRole('button', { name: /^Import \d/ }).click();
		await this.page.waitForURL(/\/costs\/import\?imported=/);
		await this.settled(this.heading());
		return (await this.page.locator('.govuk-notification-banner').innerText()).trim();
	}
}
