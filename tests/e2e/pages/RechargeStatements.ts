import { AppPage } from './AppPage';

/** `/recharges/statements`: the shared service's statements (or a partner's own), and preparing one. */
export class RechargeStatementsPage extends AppPage {
	async visit(): Promise<this> {
		await this.open(
			'/recharges/statements',
			this.page.getByRole('heading', { level: 1, name: 'Recharge statements' })
		);
		return this;
	}

	async prepare(partner: string, year: string, period: string): Promise<StatementPage> {
		await this.page.getByLabel('Partner').selectOption({ label: partner });
		await this.page.getByLabel('Financial year').fill(year);
		await this.page.getByLabel('Period', { exact: true }).selectOption({ label: period });
		await this.page.getByRole('button', { name: 'Prepare draft statement' }).click();
		const statement = new StatementPage(this.page);
		await statement.settled(this.page.locator('.govuk-notification-banner--success'));
		return statement;
	}

	/** Opens the statement whose period link reads `period` in the row naming `who`. */
	async openStatement(period: string, who: string): Promise<StatementPage> {
		await this.page
			.getByRole('row')
			.filter({ hasText: who })
			.getByRole('link', { name: period, exact: true })
			.click();
		const statement = new StatementPage(this.page);
		await statement.settled(
			this.page.getByRole('heading', { level: 1, name: /^Recharge statement/ })
		);
		return statement;
	}
}

/** `/recharges/statements/{id}`: one statement, with issuing (officers) or answering (the partner). */
export class StatementPage extends AppPage {
	status() {
		return this.page.getByTestId('statement-status').innerText();
	}

	/** Goes through the confirmation page and issues the statement shown there. */
	async issue(): Promise<string> {
		await this.page.getByRole('link', { name: 'Issue this statement' }).click();
		await this.settled(
			this.page.getByRole('heading', { name: 'Are you sure you want to issue this statement?' })
		);
		const fingerprint = (await this.page.getByTestId('statement-fingerprint').innerText()).trim();
		await this.page.getByRole('button', { name: 'Yes, issue and freeze this statement' }).click();
		await this.settled(this.page.locator('.govuk-notification-banner--success'));
		return fingerprint;
	}

	/** The full check of an issued statement: every stored line hashed again; returns what the page says. */
	async checkEveryLine(): Promise<string> {
		await this.page
			.getByRole('button', { name: 'Check every line against the frozen hash' })
			.click();
		await this.settled(this.page.getByTestId('statement-lines-checked'));
		return this.page.getByTestId('statement-lines-checked').innerText();
	}

	async agree(): Promise<void> {
		await this.page.getByRole('button', { name: 'Agree this statement' }).click();
		await this.settled(this.page.locator('.govuk-notification-banner--success'));
	}

	async dispute(reason: string, expectErrors: boolean): Promise<void> {
		await this.page.getByLabel('Why do you dispute it?').fill(reason);
		await this.page.getByRole('button', { name: 'Dispute this statement' }).click();
		await this.settled(
			expectErrors
				? this.page.locator('.govuk-error-summary')
				: this.page.locator('.govuk-notification-banner--success')
		);
	}
}
