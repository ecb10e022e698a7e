import { AppPage } from './AppPage';

/** `/recharges/reconciliation/shared/{id}`: a partner's ledger reconciliation, upload and preview. */
export class PartnerReconciliation extends AppPage {
	heading() {
		return this.page.getByRole('heading', { level: 1, name: /^Ledger reconciliation with / });
	}

	/** From /recharges/reconciliation, the partner's list of shared services. */
	async visitFromList(sharedName: string): Promise<this> {
		await this.open(
			'/recharges/reconciliation',
			this.page.getByRole('heading', { level: 1, name: 'Ledger reconciliation' })
		);
		await this.page.getByRole('link', { name: sharedName, exact: true }).click();
		await this.settled(this.heading());
		return this;
	}

	/** Uploads a file built in memory; lands on the preview (or the page with an error). */
	async upload(name: string, bytes: Buffer): Promise<void> {
		await this.page
			.getByLabel('CSV file')
			.setInputFiles({ name, mimeType: 'text/csv', buffer: bytes });
		await this.page.getByRole('button', { name: 'Upload and preview' }).click();
		await this.page.waitForLoadState('load');
		await this.settled(this.heading());
	}

	importButton() {
		return this.page.getByRole('button', { name: /^Import \d+ ledger line/ });
	}

	async commit(confirmReplace: boolean, expectErrors: boolean): Promise<void> {
		if (confirmReplace) await this.page.getByLabel(/^Replace the ledger lines held for/).check();
		await this.importButton().click();
		// Imported, the page opens without the preview (its upload is gone); the upload's banner was already shown.
		if (!expectErrors) await this.page.waitForURL((url) => !url.searchParams.has('upload'));
		await this.settled(
			expectErrors
				? this.page.locator('.govuk-error-summary')
				: this.page.locator('.govuk-notification-banner--success')
		);
	}

	status() {
		return this.page.getByTestId('reconciliation-status').innerText();
	}
}

/** `/recharges/reconciliation`: the shared service's officers' view of every partner. */
export class OfficerReconciliation extends AppPage {
	async visit(): Promise<this> {
		await this.open(
			'/recharges/reconciliation',
			this.page.getByRole('heading', { level: 1, name: 'Ledger reconciliation' })
		);
		return this;
	}

	async openPartner(name: string): Promise<void> {
		await this.page.getByRole('link', { name, exact: true }).click();
		await this.settled(this.page.getByRole('heading', { level: 2, name }));
	}

	/** Lists the recharged lines behind the first row beyond the tolerance: lands on that row's table. */
	async listFirstRowLines(): Promise<void> {
		await this.page
			.getByRole('link', { name: /^List the recharged lines/ })
			.first()
			.click();
		await this.settled(this.page.locator('#row-lines'));
	}

	/** The 'Recharged' lines listed behind the chosen row: [line, amount] each. */
	async listedLines(): Promise<string[][]> {
		const rows = this.page.locator('#row-lines tbody tr');
		const out: string[][] = [];
		for (const row of await rows.all()) {
			const cells = await row.locator('td').allInnerTexts();
			if (cells[0] === 'Recharged') out.push(cells.slice(1));
		}
		return out;
	}
}
