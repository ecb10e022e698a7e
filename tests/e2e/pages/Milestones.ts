import type { Locator } from 'playwright-core';
import { AppPage } from './AppPage';

/** What a person types or picks on the milestone form; the milestone is given as its words on screen. */
export interface MilestoneFields {
	kind?: string;
	outcome?: string;
	plannedDate?: string;
	forecastDate?: string;
	actualDate?: string;
	note?: string;
}

const LABEL: Record<keyof MilestoneFields, string> = {
	kind: 'Milestone',
	outcome: 'Outcome it belongs to (optional)',
	plannedDate: 'Planned date',
	forecastDate: 'Forecast date (optional)',
	actualDate: 'Actual date (optional)',
	note: 'Note (optional)'
};

export interface MilestoneRow {
	milestone: string;
	planned: string;
	forecast: string;
	actual: string;
	slippage: string;
	status: string;
}

/** `/workstreams/{id}/milestones` and `/systems/{id}/milestones`: the list, its warnings, and the add, edit and archive forms. */
export class Milestones extends AppPage {
	async visit(owner: 'workstreams' | 'systems', id: number, query = ''): Promise<this> {
		await this.open(
			`/${owner}/${id}/milestones${query}`,
			this.page.getByRole('heading', { level: 1, name: 'Milestones' })
		);
		return this;
	}

	field(key: keyof MilestoneFields | string): Locator {
		return super.field(LABEL[key as keyof MilestoneFields] ?? key);
	}

	async fill(fields: MilestoneFields): Promise<this> {
		for (const [key, value] of Object.entries(fields) as [keyof MilestoneFields, string][]) {
			if (key === 'kind' || key === 'outcome') await this.field(key).selectOption({ label: value });
			else await this.field(key).fill(value);
		}
		return this;
	}

	async value(key: keyof MilestoneFields): Promise<string> {
		return this.field(key).inputValue();
	}

	private submitButton(): Locator {
		return this.page.locator('#milestone-form button[type="submit"]');
	}

	async submitLabel(): Promise<string> {
		return (await this.submitButton().innerText()).trim();
	}

	private async submit(button = this.submitButton()): Promise<void> {
		await Promise.all([
			this.page.waitForResponse((r) => r.request().method() === 'POST'),
			button.click()
		]);
	}

	/** Submits a form that should save; the list comes back with a success banner. */
	async submitExpectingSaved(message = /^Milestone (added|saved)$/): Promise<this> {
		await this.submit();
		await this.page.waitForURL((url) => url.searchParams.has('done'));
		await this.settled(
			this.page.locator('.govuk-notification-banner__heading', { hasText: message })
		);
		return this;
	}

	async submitExpectingErrors(): Promise<this> {
		await this.submit();
		await this.settled(
			this.page.locator('.govuk-error-summary').filter({ hasText: 'There is a problem' })
		);
		return this;
	}

	async submitExpectingConflict(): Promise<this> {
		await this.submit();
		await this.settled(this.page.getByTestId('edit-conflict'));
		return this;
	}

	/** The rows of the list, in the order shown; the status is its words without the tag. */
	async rows(): Promise<MilestoneRow[]> {
		const rows = this.page.getByTestId('milestones').locator('tbody tr');
		const result: MilestoneRow[] = [];
		for (let i = 0; i < (await rows.count()); i++) {
			const cells = rows.nth(i).locator('th, td');
			const text = async (n: number) => (await cells.nth(n).innerText()).trim();
			result.push({
				milestone: (await text(0)).split('\n')[0]!.trim(),
				planned: await text(1),
				forecast: await text(2),
				actual: await text(3),
				slippage: await text(4),
				status: (await cells.nth(5).locator('span').innerText()).trim()
			});
		}
		return result;
	}

	async warnings(): Promise<string[]> {
		const items = this.page.getByTestId('order-warnings').locator('li');
		return (await items.allInnerTexts()).map((t) => t.trim());
	}

	/** Follows a row's 'Edit' link (its accessible name says which: 'Edit go-live (31 March 2027)'). */
	async startEdit(name: string): Promise<this> {
		await this.page.getByRole('link', { name: `Edit ${name}`, exact: true }).click();
		await this.page.waitForURL((url) => url.searchParams.has('edit'));
		await this.settled(this.page.getByRole('heading', { level: 2, name: /^Edit / }));
		return this;
	}

	async archive(name: string): Promise<this> {
		await this.submit(this.page.getByRole('button', { name: `Archive ${name}`, exact: true }));
		await this.page.waitForURL((url) => url.searchParams.get('done') === 'archived');
		await this.settled(
			this.page.locator('.govuk-notification-banner__heading', { hasText: 'Milestone archived' })
		);
		return this;
	}

	editControls(): Locator {
		return this.page
			.locator('main')
			.getByRole('link', { name: /^Edit / })
			.or(this.page.locator('main').getByRole('button', { name: /^(Archive|Add milestone)/ }));
	}
}
