import type { Locator } from 'playwright-core';
import { AppPage } from './AppPage';

/** What a person types or picks on the cost line form; choices as the words shown on screen. */
export interface CostLineFields {
	financialYear?: string;
	spendType?: 'Capital' | 'Revenue';
	category?: string;
	outcome?: string;
	workstream?: string;
	confidence?: 'Estimate' | 'Committed' | 'Actual';
	fundingSource?: string;
	amount?: string;
	description?: string;
}

export interface ChangeRow {
	field: string;
	whenOpened: string;
	nowSaved: string;
	yours?: string;
}

/** Totals by financial year: year (or 'All years') -> capital, revenue, total as shown. */
export type TotalsTable = Record<string, { capital: string; revenue: string; total: string }>;

/** What the page objects of forms with an error summary and a conflict panel share. */
abstract class FormPage extends AppPage {
	protected submitButton(): Locator {
		return this.page.locator('main form[method="post"][novalidate] button[type="submit"]');
	}

	async submitLabel(): Promise<string> {
		return (await this.submitButton().innerText()).trim();
	}

	protected async submit(): Promise<void> {
		await Promise.all([
			this.page.waitForResponse((r) => r.request().method() === 'POST'),
			this.submitButton().click()
		]);
	}

	/** Submits a form that should save, and waits for the success banner on the list. */
	async submitExpectingSaved(): Promise<this> {
		await this.submit();
		await this.page.waitForURL(/\?saved=\d+/);
		await this.settled(this.page.locator('.govuk-notification-banner--success'));
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

	/** A conflict panel's table: each field the other person changed. */
	async changeRows(testId = 'edit-conflict'): Promise<ChangeRow[]> {
		const rows = this.page.getByTestId(testId).locator('tbody tr');
		const result: ChangeRow[] = [];
		for (let i = 0; i < (await rows.count()); i++) {
			const [field, whenOpened, nowSaved, yours] = (
				await rows.nth(i).locator('th, td').allInnerTexts()
			).map((t) => t.trim());
			result.push(
				yours === undefined
					? { field: field!, whenOpened: whenOpened!, nowSaved: nowSaved! }
					: { field: field!, whenOpened: whenOpened!, nowSaved: nowSaved!, yours }
			);
		}
		return result;
	}
}

const SELECT_LABEL = {
	category: 'Type of cost',
	outcome: 'Outcome (optional)',
	workstream: 'Workstream (optional)',
	fundingSource: 'Funding source'
} as const;
const RADIO_LEGEND = { spendType: 'Capital or revenue', confidence: 'Confidence' } as const;
const TEXT_LABEL = {
	financialYear: 'Financial year',
	amount: 'Amount (£)',
	description: 'Description (optional)'
} as const;

/** `/systems/{id}/costs` and `/workstreams/{id}/costs`: the lines, their totals, and the add or edit form. */
export class CostLinesPage extends FormPage {
	async visit(path: string): Promise<this> {
		await this.open(path, this.page.getByRole('heading', { level: 1, name: 'Costs' }));
		return this;
	}

	async fill(fields: CostLineFields): Promise<this> {
		for (const [key, value] of Object.entries(fields) as [keyof CostLineFields, string][]) {
			if (key in SELECT_LABEL)
				await this.field(SELECT_LABEL[key as keyof typeof SELECT_LABEL]).selectOption({
					label: value
				});
			else if (key in RADIO_LEGEND)
				await this.radio(RADIO_LEGEND[key as keyof typeof RADIO_LEGEND], value).check();
			else await this.field(TEXT_LABEL[key as keyof typeof TEXT_LABEL]).fill(value);
		}
		return this;
	}

	async value(key: keyof typeof TEXT_LABEL): Promise<string> {
		return this.field(TEXT_LABEL[key]).inputValue();
	}

	async totals(): Promise<TotalsTable> {
		const rows = await this.tableRows('Totals by financial year');
		return Object.fromEntries(
			rows.map(([year, capital, revenue, total]) => [
				year!,
				{ capital: capital!, revenue: revenue!, total: total! }
			])
		);
	}

	/** The lines as listed: each row's cells, in order (the actions cell included when shown). */
	async lines(): Promise<string[][]> {
		const rows = this.page.getByTestId('cost-lines').locator('tbody tr');
		const result: string[][] = [];
		for (let i = 0; i < (await rows.count()); i++)
			result.push((await rows.nth(i).locator('td').allInnerTexts()).map((t) => t.trim()));
		return result;
	}

	/** Opens a line's edit form through its 'Edit' link ('Edit Implementation, 2026/27, £1.00'). */
	async edit(line: string): Promise<this> {
		await this.page.getByRole('link', { name: `Edit ${line}`, exact: true }).click();
		await this.page.waitForURL(/\?edit=\d+/);
		await this.settled(this.page.getByRole('heading', { level: 2, name: 'Edit cost line' }));
		return this;
	}

	archiveButton(line: string): Locator {
		return this.page.getByRole('button', { name: `Archive ${line}`, exact: true });
	}

	async archive(line: string): Promise<this> {
		await this.archiveButton(line).click();
		await this.page.waitForURL(/\?archived=\d+/);
		await this.settled(this.page.locator('.govuk-notification-banner--success'));
		return this;
	}

	async archiveExpectingConflict(line: string): Promise<this> {
		await Promise.all([
			this.page.waitForResponse((r) => r.request().method() === 'POST'),
			this.archiveButton(line).click()
		]);
		await this.settled(this.page.getByTestId('archive-conflict'));
		return this;
	}
}

/** `/funding`: every source's amounts by year, and the add or edit form with its allocation rows. */
export class FundingPage extends FormPage {
	async visit(query = ''): Promise<this> {
		await this.open(
			`/funding${query}`,
			this.page.getByRole('heading', { level: 1, name: 'Funding' })
		);
		return this;
	}

	async fill(fields: {
		name?: string;
		kind?: string;
		spendType?: 'Capital' | 'Revenue';
		notes?: string;
		allocations?: [string, string][];
	}): Promise<this> {
		if (fields.name !== undefined) await this.field('Name').fill(fields.name);
		if (fields.kind !== undefined)
			await this.field('Kind of funding').selectOption({ label: fields.kind });
		if (fields.spendType !== undefined)
			await this.radio('Capital or revenue', fields.spendType).check();
		if (fields.notes !== undefined) await this.field('Notes (optional)').fill(fields.notes);
		for (const [i, [year, amount]] of (fields.allocations ?? []).entries()) {
			await this.field(`Financial year, row ${i + 1}`).fill(year);
			await this.field(`Amount (£), row ${i + 1}`).fill(amount);
		}
		return this;
	}

	/** How many allocation rows the form offers. */
	async allocationRowCount(): Promise<number> {
		return this.page.getByLabel(/^Financial year, row \d+$/).count();
	}

	async edit(name: string): Promise<this> {
		await this.page.getByRole('link', { name: `Edit ${name}`, exact: true }).click();
		await this.page.waitForURL(/\?edit=\d+/);
		await this.settled(this.page.getByRole('heading', { level: 2, name: `Edit ${name}` }));
		return this;
	}

	/** The funding table: source name (first line of its header cell) -> the rest of its cells. */
	async table(): Promise<Record<string, string[]>> {
		const rows = await this.tableRows('Funding by financial year');
		return Object.fromEntries(rows.map(([name, ...cells]) => [name!.split('\n')[0]!, cells]));
	}

	/** The funding table's column headers. */
	async columns(): Promise<string[]> {
		return (await this.page.getByTestId('funding-sources').locator('thead th').allInnerTexts()).map(
			(t) => t.trim()
		);
	}
}
