import type { Locator } from 'playwright-core';
import { AppPage } from './AppPage';
import { ReviewForm } from './ReviewForm';
import { SystemForm } from './SystemForm';

/** `/systems/{id}/archive`: what archiving does, and the button that does it. */
export class ArchiveConfirmation extends AppPage {
	/** Presses 'Yes, archive this system'; the list comes back with the success banner. */
	async confirm(): Promise<void> {
		await Promise.all([
			this.page.waitForResponse((r) => r.request().method() === 'POST'),
			this.page.getByRole('button', { name: 'Yes, archive this system' }).click()
		]);
		await this.page.waitForURL((url) => url.pathname === '/systems');
		await this.settled(this.page.getByTestId('success-banner'));
	}
}

export interface OutcomeRow {
	outcome: string;
	status: string;
	targetDate: string;
	workstream: string;
	reason: string;
}

/** `/systems/{id}`: one system, its current review, details and workstreams. */
export class SystemDetail extends AppPage {
	titled(name: string): Locator {
		return this.page.getByRole('heading', { level: 1, name, exact: true });
	}

	async visit(id: number, name?: string): Promise<this> {
		await this.open(`/systems/${id}`, name ? this.titled(name) : this.heading());
		return this;
	}

	/** The id in the URL of the page now shown. */
	id(): number {
		const match = /\/systems\/(\d+)/.exec(new URL(this.page.url()).pathname);
		if (!match) throw new Error(`not on a system page: ${this.page.url()}`);
		return Number(match[1]);
	}

	async reviewStatus(): Promise<string> {
		return (await this.page.locator('main h1 + p .govuk-tag').innerText()).trim();
	}

	/** The current review's outcomes table, as the words shown. */
	async currentOutcomes(): Promise<OutcomeRow[]> {
		// The current review comes first; earlier ones follow inside closed <details>.
		const table = this.page
			.locator('main table')
			.filter({ has: this.page.locator('caption', { hasText: /^Outcomes \(/ }) })
			.first();
		const rows = table.locator('tbody tr');
		const result: OutcomeRow[] = [];
		for (let i = 0; i < (await rows.count()); i++) {
			const cells = rows.nth(i).locator('th, td');
			const text = (await cells.allInnerTexts()).map((t) => t.trim());
			result.push({
				outcome: text[0]!,
				status: text[1]!,
				targetDate: text[2]!,
				workstream: text[3]!,
				reason: text[4]!
			});
		}
		return result;
	}

	/** A value from the 'Details' summary list, by its key ('Supplier', 'Annual run cost', ...). */
	async detail(key: string): Promise<string> {
		const row = this.page
			.locator('.govuk-summary-list__row')
			.filter({ has: this.page.locator('dt', { hasText: new RegExp(`^${key}$`) }) });
		return (await row.locator('dd').innerText()).trim();
	}

	/** The names of the workstreams the system is linked to. */
	async workstreams(): Promise<string[]> {
		const list = this.page.locator('h2:text-is("Workstreams") + ul a');
		return (await list.allInnerTexts()).map((t) => t.trim());
	}

	reviewLink(): Locator {
		return this.page.getByRole('link', { name: /^Review (this system|again)$/ });
	}

	editLink(): Locator {
		return this.page.getByRole('link', { name: 'Edit details', exact: true });
	}

	/** Follows 'Review this system' (or 'Review again') to the review form. */
	async startReview(): Promise<ReviewForm> {
		await this.reviewLink().click();
		await this.page.waitForURL(/\/systems\/\d+\/review$/);
		const form = new ReviewForm(this.page);
		await form.settled(this.page.getByRole('heading', { level: 1, name: 'Review this system' }));
		return form;
	}

	/** Follows 'Archive this system' to its confirmation page (nothing is archived yet). */
	async startArchive(): Promise<ArchiveConfirmation> {
		await this.page.getByRole('link', { name: 'Archive this system', exact: true }).click();
		await this.page.waitForURL(/\/systems\/\d+\/archive$/);
		const confirmation = new ArchiveConfirmation(this.page);
		await confirmation.settled(
			this.page.getByRole('heading', {
				level: 1,
				name: 'Are you sure you want to archive this system?'
			})
		);
		return confirmation;
	}

	/** Archives the system through its confirmation page; the app returns to the list with a success banner. */
	async archive(): Promise<void> {
		await (await this.startArchive()).confirm();
	}

	/** Follows 'Edit details' to the edit form. */
	async startEdit(): Promise<SystemForm> {
		await this.editLink().click();
		await this.page.waitForURL(/\/systems\/\d+\/edit$/);
		const form = new SystemForm(this.page);
		await form.settled(this.page.getByRole('heading', { level: 1, name: /^Edit / }));
		return form;
	}
}
