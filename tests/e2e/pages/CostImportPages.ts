/** The cost line import: the same upload and preview pages as the systems import, at /costs/import. */
import { ImportPages } from './ImportPages';

export class CostImportPages extends ImportPages {
	override async visit(): Promise<this> {
		await this.open(
			'/costs/import',
			this.page.getByRole('heading', { level: 1, name: 'Import cost lines from a spreadsheet' })
		);
		return this;
	}

	/** The rejected rows table: row, column, reason. */
	async rejected(): Promise<string[][]> {
		return this.tableRows('Rejected rows with every reason for each');
	}

	/** The names that match nothing: name, column, rows, why. */
	async missingNames(): Promise<string[][]> {
		return this.tableRows('Names not found and the rows using each');
	}

	/** Sets the value for every line of a column the file lacks, and re-plans the preview with it. */
	async setForEveryLine(field: string, choice: string): Promise<void> {
		await this.page
			.getByLabel(`${field} for every line`, { exact: true })
			.selectOption({ label: choice });
		const before = this.page.url();
		await Promise.all([
			this.page.waitForURL(
				(url) =>
					url.href !== before && [...url.searchParams.keys()].some((k) => k.startsWith('all-'))
			),
			this.page.getByRole('button', { name: 'Update the preview with these values' }).click()
		]);
		await this.settled(this.heading());
	}

	/** Imports; lands on the result page, whose banner says how many lines were imported. */
	async importCostLines(): Promise<string> {
		await this.page.getByRole('button', { name: /^Import \d/ }).click();
		await this.page.waitForURL(/\/import\/result\/\d+$/);
		await this.settled(this.heading());
		return (await this.page.locator('.govuk-notification-banner').innerText()).trim();
	}
}
