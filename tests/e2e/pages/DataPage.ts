/**
 * Any data page (tables of figures), opened by path, and what a person can see of its tables: for every
 * column heading, whether it is inside the window or inside a scroll region they can reach.
 */
import type { Locator } from 'playwright-core';
import { AppPage } from './AppPage';

/** A column heading no one could see: its text and why. */
export interface HiddenHeading {
	table: string;
	heading: string;
	why: string;
}

export class DataPage extends AppPage {
	/** Opens `path` (status 200) and waits for its h1; axe runs as with every page object. */
	async visit(path: string): Promise<this> {
		await this.open(path, this.heading());
		return this;
	}

	/**
	 * Every rendered <th> of every table in main that is neither inside the window horizontally nor
	 * inside a reachable scroll region: one that scrolls, is focusable (tabindex 0), is a named region,
	 * sits inside the window itself and holds the heading within its scrollWidth.
	 */
	hiddenHeadings(): Promise<HiddenHeading[]> {
		return this.page.evaluate(() => {
			const windowWidth = document.documentElement.clientWidth;
			const inWindow = (r: DOMRect) => r.left >= -1 && r.right <= windowWidth + 1;
			const hidden: { table: string; heading: string; why: string }[] = [];
			for (const table of document.querySelectorAll('main table')) {
				const name = (table.querySelector('caption')?.textContent ?? '(no caption)')
					.trim()
					.replace(/\s+/g, ' ');
				for (const th of table.querySelectorAll('th')) {
					if (th.getClientRects().length === 0) continue; // not rendered (a closed <details>)
					const box = th.getBoundingClientRect();
					if (inWindow(box)) continue;
					const heading = (th.textContent ?? '').trim().replace(/\s+/g, ' ');
					const region = th.closest<HTMLElement>('.app-table-scroll');
					const why = !region
						? 'outside the window and not in a scroll region'
						: region.scrollWidth <= region.clientWidth
							? 'its region does not scroll'
							: region.tabIndex !== 0 ||
								  region.getAttribute('role') !== 'region' ||
								  !region.getAttribute('aria-label')
								? 'its region is not a focusable, named region'
								: !inWindow(region.getBoundingClientRect())
									? 'its region is itself outside the window'
									: box.right - region.getBoundingClientRect().left + region.scrollLeft >
										  region.scrollWidth + 1
										? "beyond its region's scroll width"
										: '';
					if (why) hidden.push({ table: name, heading, why });
				}
			}
			return hidden;
		});
	}

	/**
	 * Totals rows that do not line up with their columns: for each table with a <tfoot>, a footer row
	 * whose cells (counting colspans) are not as many as the body's columns, or whose numeric cells
	 * (money, counts) sit under a different column's left edge than the body's numeric cells there.
	 */
	misalignedTotals(): Promise<string[]> {
		return this.page.evaluate(() => {
			const problems: string[] = [];
			const width = (row: HTMLTableRowElement) => [...row.cells].reduce((n, c) => n + c.colSpan, 0);
			for (const table of document.querySelectorAll<HTMLTableElement>('main table')) {
				if (!table.tFoot || table.getClientRects().length === 0) continue;
				const name = (table.caption?.textContent ?? '(no caption)').trim().replace(/\s+/g, ' ');
				const body = [...table.tBodies].flatMap((b) => [...b.rows]).find((r) => r.cells.length > 1);
				if (!body) continue;
				const columns = width(body);
				for (const row of table.tFoot.rows) {
					if (width(row) !== columns)
						problems.push(
							`'${name}': a totals row spans ${width(row)} columns, the body ${columns}`
						);
					// Each totals cell's right edge sits on the right edge of a body cell (numbers are right-aligned).
					const edges = [...body.cells].map((c) => Math.round(c.getBoundingClientRect().right));
					for (const cell of [...row.cells].slice(1)) {
						const right = Math.round(cell.getBoundingClientRect().right);
						if (!edges.some((e) => Math.abs(e - right) <= 1))
							problems.push(`'${name}': total '${cell.textContent?.trim()}' is not under a column`);
					}
				}
			}
			return problems;
		});
	}

	/** How far the page itself scrolls sideways (0 when nothing sticks out of the window). */
	pageOverflow(): Promise<number> {
		return this.page.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth
		);
	}

	/** The scroll regions that can scroll now, by name. */
	scrollingRegions(): Locator {
		return this.page
			.locator('main .app-table-scroll[role="region"][tabindex="0"]')
			.filter({ has: this.page.locator('table') });
	}

	/** True when `heading` (a column heading's text) is inside the window without scrolling anything. */
	async headingInWindow(table: Locator, heading: string): Promise<boolean> {
		const th = table
			.locator('thead th')
			.filter({ hasText: new RegExp(`^${heading}\\b`) })
			.first();
		return th.evaluate((el) => {
			const r = el.getBoundingClientRect();
			return r.width > 0 && r.left >= 0 && r.right <= document.documentElement.clientWidth;
		});
	}
}
