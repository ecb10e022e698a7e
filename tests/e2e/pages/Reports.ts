import type { Locator } from 'playwright-core';
import { AppPage } from './AppPage';

/** `/reports`: issued reports (and drafts, for officers), and 'Start the report for a quarter'. */
export class ReportsList extends AppPage {
	async visit(): Promise<this> {
		await this.open(
			'/reports',
			this.page.getByRole('heading', { level: 1, name: 'Committee reports' })
		);
		return this;
	}

	async fillStart(financialYear: string, quarter: string): Promise<this> {
		await this.field('Financial year').fill(financialYear);
		await this.field('Quarter').selectOption(quarter === '' ? { index: 0 } : { label: quarter });
		return this;
	}

	private async start(): Promise<void> {
		await Promise.all([
			this.page.waitForResponse((r) => r.request().method() === 'POST'),
			this.page.getByRole('button', { name: 'Start the report' }).click()
		]);
	}

	async startExpectingErrors(): Promise<this> {
		await this.start();
		await this.settled(this.page.locator('.govuk-error-summary'));
		return this;
	}

	/** Starts the draft and lands on it; returns its id. */
	async startExpectingDraft(): Promise<ReportPage> {
		await this.start();
		await this.page.waitForURL(/\/reports\/\d+$/);
		const report = new ReportPage(this.page);
		await report.settled(report.heading());
		return report;
	}

	/** Quarter, title, issued, hash of each issued report. */
	issuedRows(): Promise<string[][]> {
		return this.tableRows('Issued reports');
	}
}

/** `/reports/[id]`: the report as assembled, and for a draft the officer's forms and 'Issue this report'. */
export class ReportPage extends AppPage {
	async visit(id: number, status = 200): Promise<this> {
		await this.open(`/reports/${id}`, this.page.locator('main h1'), status);
		return this;
	}

	id(): number {
		return Number(/\/reports\/(\d+)/.exec(this.page.url())![1]);
	}

	async fillNarrative(workstream: string, text: string): Promise<this> {
		await this.field(`Narrative for ${workstream}`).fill(text);
		return this;
	}

	async fillRecommendation(n: number, text: string, reason: string): Promise<this> {
		await this.field(`Recommendation ${n}`).fill(text);
		await this.field(`Reason for recommendation ${n}`).fill(reason);
		return this;
	}

	recommendationField(n: number, reason = false): Locator {
		return this.field(reason ? `Reason for recommendation ${n}` : `Recommendation ${n}`);
	}

	private async post(button: string): Promise<void> {
		await Promise.all([
			this.page.waitForResponse((r) => r.request().method() === 'POST'),
			this.page.getByRole('button', { name: button }).click()
		]);
	}

	async saveExpectingErrors(): Promise<this> {
		await this.post('Save the draft');
		await this.settled(
			this.page.locator('.govuk-error-summary').filter({ hasText: 'There is a problem' })
		);
		return this;
	}

	async saveExpectingSaved(): Promise<this> {
		await this.post('Save the draft');
		await this.page.waitForURL(/\?saved=1/);
		await this.settled(
			this.page.getByTestId('success-banner').filter({ hasText: 'The draft has been saved.' })
		);
		return this;
	}

	/** 'Issue this report' under the draft form: on to the confirmation page, where nothing is issued yet. */
	async startIssue(): Promise<IssueConfirmation> {
		await this.post('Issue this report');
		await this.page.waitForURL(/\/reports\/\d+\/issue$/);
		const confirmation = new IssueConfirmation(this.page);
		await confirmation.settled(
			this.page.getByRole('heading', {
				level: 1,
				name: 'Are you sure you want to issue this report?'
			})
		);
		return confirmation;
	}

	/** 'Issue this report' while the form holds something else than the saved draft: the refusal, on the draft page. */
	async startIssueExpectingRefusal(): Promise<string> {
		await this.post('Issue this report');
		await this.settled(
			this.page.locator('.govuk-error-summary').filter({ hasText: 'There is a problem' })
		);
		return (await this.page.locator('.govuk-error-summary__list').innerText()).trim();
	}

	/** Issues through the confirmation page; lands on the issued report with the success banner. */
	async issue(): Promise<this> {
		await (await this.startIssue()).confirm();
		return this;
	}

	/** The governance section's figures, one line each ('Critical and statutory systems meeting all four 2 of 4 (50%)'). */
	async governanceFigures(): Promise<string[]> {
		return (
			await this.page
				.getByTestId('report-governance-figures')
				.locator('.govuk-summary-list__row')
				.allInnerTexts()
		).map((t) => t.replace(/\s+/g, ' ').trim());
	}

	async figure(name: 'budget-total' | 'spent-total'): Promise<string> {
		return (await this.page.locator(`[data-figure="${name}"]`).innerText()).trim();
	}

	async recommendations(): Promise<string[]> {
		return (await this.page.getByTestId('recommendations').locator('li').allInnerTexts()).map((t) =>
			t.replace(/\s+/g, ' ').trim()
		);
	}

	async narratives(): Promise<string[]> {
		return this.page.getByTestId('narrative').allInnerTexts();
	}

	annex(): Locator {
		return this.page.getByTestId('exempt-annex');
	}

	chart(name: RegExp): Locator {
		return this.page.getByRole('img', { name });
	}
}

/** `/reports/[id]/public`: the public version. */
export class PublicReportPage extends AppPage {
	async visit(id: number): Promise<this> {
		await this.open(`/reports/${id}/public`, this.page.getByTestId('public-note'));
		return this;
	}
}

/** `/reports/[id]/issue`: what issuing does, the fingerprint of the report to be frozen, and the button. */
export class IssueConfirmation extends AppPage {
	private async press(): Promise<void> {
		await Promise.all([
			this.page.waitForResponse((r) => r.request().method() === 'POST'),
			this.page.getByRole('button', { name: 'Yes, issue and freeze this report' }).click()
		]);
	}

	/** The fingerprint of the report the form will issue. */
	async fingerprint(): Promise<string> {
		return (await this.page.getByTestId('report-fingerprint').innerText()).trim();
	}

	async confirm(): Promise<void> {
		await this.press();
		await this.page.waitForURL(/\/reports\/\d+\?issued=1$/);
		await this.settled(
			this.page
				.getByTestId('success-banner')
				.filter({ hasText: 'The report has been issued and frozen.' })
		);
	}

	/** Issues, expecting the refusal because the report moved: the rows of 'What changed in the report' (what, when opened, now). */
	async confirmExpectingChanged(): Promise<string[][]> {
		await this.press();
		await this.settled(this.page.getByTestId('report-changed'));
		return this.tableRows('What changed in the report');
	}
}
