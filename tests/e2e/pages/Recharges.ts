import { AppPage } from './AppPage';

/** `/recharges`: a shared service's recharges, keys and cost centres (or, for a partner, its list). */
export class RechargesPage extends AppPage {
	async visit(year = '2026/27'): Promise<this> {
		await this.open(
			`/recharges?year=${encodeURIComponent(year)}`,
			this.page.getByRole('heading', { level: 1, name: 'Recharges' })
		);
		return this;
	}

	/** Opens the key form for the key whose 'applies to' is `appliesTo`. */
	async changeKey(appliesTo: string): Promise<this> {
		await this.page.getByRole('link', { name: `Change the key for ${appliesTo}` }).click();
		await this.settled(this.page.getByRole('heading', { name: /^Change the key/ }));
		return this;
	}

	async fillShares(values: Record<string, string>): Promise<void> {
		for (const [partner, value] of Object.entries(values))
			await this.page
				.getByRole('group', { name: partner })
				.getByLabel('Percentage or driver value')
				.fill(value);
	}

	shareInput(partner: string) {
		return this.page.getByRole('group', { name: partner }).getByLabel('Percentage or driver value');
	}

	/** Opens the budget form for one partner from the shares-against-budgets table. */
	async changeBudget(partner: string): Promise<this> {
		await this.page
			.getByRole('link', { name: new RegExp(`^(Record|Change) the budget of ${partner}$`) })
			.click();
		await this.settled(
			this.page.getByRole('heading', { name: `Budget of ${partner} for`, exact: false })
		);
		return this;
	}

	async saveBudget(amount: string, expectErrors: boolean): Promise<void> {
		await this.page.getByLabel(/^Budget for .*, in pounds/).fill(amount);
		await this.page.getByRole('button', { name: 'Save the budget' }).click();
		await this.settled(
			expectErrors
				? this.page.locator('.govuk-error-summary')
				: this.page.locator('.govuk-notification-banner--success')
		);
	}

	async saveKey(expectErrors: boolean): Promise<void> {
		await this.page.getByRole('button', { name: 'Save the key' }).click();
		await this.settled(
			expectErrors
				? this.page.locator('.govuk-error-summary')
				: this.page.locator('.govuk-notification-banner--success')
		);
	}

	async openSharedService(name: string): Promise<SharedRecharges> {
		await this.page.getByRole('link', { name, exact: true }).click();
		const shared = new SharedRecharges(this.page);
		await shared.settled(
			this.page.getByRole('heading', { level: 1, name: `Recharges from ${name}` })
		);
		return shared;
	}
}

/** `/recharges/shared/{id}`: a shared service's recharges as one of its partners reads them. */
export class SharedRecharges extends AppPage {}
