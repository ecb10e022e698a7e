/** The audit table in words, as a system's change history and `/audit` show it. */
import type { Locator } from 'playwright-core';
import { AppPage } from './AppPage';

export interface HistoryRow {
	when: string;
	who: string;
	what: string;
	record: string | null;
	lines: string[];
	detail: string | null;
}

export class AuditHistory extends AppPage {
	/** Opens a page that shows an audit table and waits for its heading, then runs axe. */
	async visit(path: string, heading: string | RegExp): Promise<this> {
		await this.open(path, this.page.getByRole('heading', { level: 1, name: heading }));
		return this;
	}

	table(caption: string): Locator {
		return this.page
			.getByTestId('audit-table')
			.filter({ has: this.page.locator('caption', { hasText: caption }) });
	}

	/** Each row of the table with this caption, newest first, as the words on screen. */
	async rows(caption: string): Promise<HistoryRow[]> {
		const rows = this.table(caption).getByTestId('audit-row');
		const result: HistoryRow[] = [];
		for (let i = 0; i < (await rows.count()); i++) {
			const row = rows.nth(i);
			const cells = (await row.locator('td').allInnerTexts()).map((t) => t.trim());
			const optional = async (id: string) =>
				(await row.getByTestId(id).count()) ? (await row.getByTestId(id).innerText()).trim() : null;
			result.push({
				when: cells[0]!,
				who: cells[1]!,
				what: (await row.getByTestId('audit-what').innerText()).trim(),
				record: await optional('audit-record'),
				lines: (await row.getByTestId('audit-lines').locator('li').allInnerTexts()).map((t) =>
					t.trim()
				),
				detail: await optional('audit-detail')
			});
		}
		return result;
	}

	/** The whole visible text of the table, to check nothing raw shows anywhere in it. */
	async text(caption: string): Promise<string> {
		return this.table(caption).innerText();
	}
}
