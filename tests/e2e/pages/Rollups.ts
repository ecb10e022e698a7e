import type { Locator } from 'playwright-core';
import { AppPage } from './AppPage';

/** A table as shown: its body rows and its totals row (tfoot), each cell's text, row heading first. */
export interface ShownTable {
	columns: number;
	/** The text of the last header cell ('Total' where each row adds across). */
	lastHeading: string;
	rows: string[][];
	totals: string[] | null;
}

/** '£1,234.56' -> 123456 and '−£5.00' -> -500 (the display minus, U+2212 and a word joiner); null for anything that is not an amount of money. */
export function pence(text: string): number | null {
	const match = /^(\u2212\u2060)?£([\d,]+)\.(\d\d)$/.exec(text.trim());
	if (!match) return null;
	const value = Number(match[2]!.replace(/,/g, '')) * 100 + Number(match[3]);
	return match[1] ? -value : value;
}

/** `/rollups`: the business-case roll-ups. */
export class Rollups extends AppPage {
	async visit(query = ''): Promise<this> {
		await this.open(
			`/rollups${query}`,
			this.page.getByRole('heading', { level: 1, name: 'Business case roll-ups' })
		);
		return this;
	}

	private table(caption: string): Locator {
		const exact = new RegExp(`^${caption.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
		return this.page
			.locator('main table')
			.filter({ has: this.page.locator('caption', { hasText: exact }) });
	}

	/** Every roll-up table's caption, in page order. */
	async captions(): Promise<string[]> {
		return (await this.page.locator('main table[data-table] caption').allInnerTexts()).map((t) =>
			t.trim()
		);
	}

	async shown(caption: string): Promise<ShownTable> {
		const table = this.table(caption);
		const texts = async (row: Locator) =>
			(await row.locator('th, td').allInnerTexts()).map((t) => t.trim());
		const rows: string[][] = [];
		const body = table.locator('tbody tr');
		for (let i = 0; i < (await body.count()); i++) rows.push(await texts(body.nth(i)));
		const foot = table.locator('tfoot tr');
		const headings = await table.locator('thead th').allInnerTexts();
		return {
			columns: rows[0]?.length ?? 0,
			lastHeading: headings[headings.length - 1]?.trim() ?? '',
			rows,
			totals: (await foot.count()) > 0 ? await texts(foot.first()) : null
		};
	}

	/** Submits the whole-life form with `years` typed, as a person would. */
	async chooseYears(years: string): Promise<this> {
		await this.field('Number of years').fill(years);
		await this.page.getByRole('button', { name: 'Show whole-life cost' }).click();
		await this.page.waitForURL((url) => url.searchParams.get('years') === years);
		await this.settled(
			this.page.getByRole('heading', { level: 1, name: 'Business case roll-ups' })
		);
		return this;
	}

	async fullyOperational(): Promise<string> {
		return (await this.page.getByTestId('fully-operational').innerText()).trim();
	}

	async outageDefault(): Promise<string> {
		return (await this.page.getByTestId('outage-default').innerText()).replace(/\s+/g, ' ').trim();
	}
}
