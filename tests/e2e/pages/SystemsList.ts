import type { Locator } from 'playwright-core';
import { AppPage } from './AppPage';
import { SystemDetail } from './SystemDetail';

export interface ListFilters {
	/** 'Search name, supplier or product' */
	search?: string;
	/** Option labels, as shown: 'Replace with the new main system', 'More than one outcome', ... */
	outcome?: string;
	reviewStatus?: string;
	directorate?: string;
	serviceArea?: string;
	workstream?: string;
	rowsPerPage?: string;
}

const SELECT_LABEL: Record<Exclude<keyof ListFilters, 'search'>, string> = {
	outcome: 'Outcome',
	reviewStatus: 'Review status',
	directorate: 'Directorate',
	serviceArea: 'Service area',
	workstream: 'Workstream',
	rowsPerPage: 'Rows per page'
};

/** `/systems`: the filterable, sortable, paged list. */
export class SystemsList extends AppPage {
	private ready(): Locator {
		return this.page.getByTestId('result-count');
	}

	/** Opens the list; `query` is the URL's search part ('?outcome=replace&size=25') for a bookmarked view. */
	async visit(query = ''): Promise<this> {
		await this.open(`/systems${query}`, this.ready());
		return this;
	}

	/** Fills the 'Find systems' form by its labels and applies it, as a person would. */
	async filter(filters: ListFilters): Promise<this> {
		if (filters.search !== undefined)
			await this.field('Search name, supplier or product').fill(filters.search);
		for (const [key, label] of Object.entries(SELECT_LABEL) as [
			keyof typeof SELECT_LABEL,
			string
		][]) {
			const option = filters[key];
			if (option !== undefined) await this.field(label).selectOption({ label: option });
		}
		const before = this.page.url();
		await this.page.getByRole('button', { name: 'Apply filters' }).click();
		await this.page.waitForURL((url) => url.href !== before);
		await this.page.waitForLoadState('load');
		await this.settled(this.ready());
		return this;
	}

	/** '79 systems. Showing 50.', '1 system matches the filters. Showing 1.' */
	async resultCount(): Promise<string> {
		return (await this.ready().innerText()).replace(/\s+/g, ' ').trim();
	}

	/** The system names in the table, in order. */
	async names(): Promise<string[]> {
		const links = this.page.getByTestId('systems-table').locator('tbody tr td:first-child a');
		return (await links.allInnerTexts()).map((t) => t.trim());
	}

	/** The outcome tags in the row of the named system. */
	async outcomesOf(name: string): Promise<string[]> {
		const table = this.page.getByTestId('systems-table');
		// Found by its heading, not its position, so the columns can be reordered.
		const headings = (await table.locator('thead th').allInnerTexts()).map((t) => t.trim());
		const column = headings.indexOf('Outcomes') + 1;
		if (column === 0)
			throw new Error(
				`the systems table has no Outcomes column (headings: ${headings.join(', ')})`
			);
		const row = table
			.locator('tbody tr')
			.filter({ has: this.page.getByRole('link', { name, exact: true }) });
		return (await row.locator(`td:nth-child(${column}) .govuk-tag`).allInnerTexts()).map((t) =>
			t.trim()
		);
	}

	async openSystem(name: string): Promise<SystemDetail> {
		await this.page.getByTestId('systems-table').getByRole('link', { name, exact: true }).click();
		await this.page.waitForURL(/\/systems\/\d+$/);
		const detail = new SystemDetail(this.page);
		await detail.settled(detail.titled(name));
		return detail;
	}

	pagination(): Locator {
		return this.page.getByRole('navigation', { name: 'Results pages' });
	}

	/** Follows the pagination's 'Next' or 'Previous' link. */
	async turn(direction: 'Next' | 'Previous'): Promise<this> {
		const before = this.page.url();
		await this.pagination()
			.getByRole('link', { name: `${direction} page` })
			.click();
		await this.page.waitForURL((url) => url.href !== before);
		await this.page.waitForLoadState('load');
		await this.settled(this.ready());
		return this;
	}
}
