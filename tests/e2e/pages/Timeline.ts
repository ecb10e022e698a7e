import type { Locator } from 'playwright-core';
import { AppPage } from './AppPage';

/** `/timeline`: the Gantt chart of workstream phases and switch-off dates, and its tables. */
export class Timeline extends AppPage {
	async visit(workstreamId?: number): Promise<this> {
		await this.open(
			workstreamId === undefined ? '/timeline' : `/timeline?workstream=${workstreamId}`,
			this.page.getByRole('heading', { level: 1, name: /^Timeline/ })
		);
		return this;
	}

	/** The chart, found as assistive technology finds it: an image with this accessible name. */
	chart(name: RegExp = /^Timeline by financial quarter/): Locator {
		return this.page.getByRole('img', { name });
	}

	/** The chart's name and description, read from the elements its aria-labelledby and aria-describedby point at. */
	async chartText(): Promise<{ name: string; description: string }> {
		return this.page.locator('main svg[role="img"]').evaluate((svg) => {
			const text = (attribute: string) =>
				(svg.getAttribute(attribute) ?? '')
					.split(/\s+/)
					.map((id) => document.getElementById(id)?.textContent ?? '')
					.join(' ')
					.replace(/\s+/g, ' ')
					.trim();
			return { name: text('aria-labelledby'), description: text('aria-describedby') };
		});
	}

	async fullyOperational(): Promise<string> {
		return (await this.page.getByTestId('fully-operational').locator('p').innerText()).trim();
	}

	/** Workstream, phase, planned start, planned end, forecast or actual, status. */
	phaseRows(): Promise<string[][]> {
		return this.tableRows('Workstream phases');
	}

	/** System, outcome, planned switch-off, forecast or actual, status. */
	switchOffRows(caption = 'System switch-off dates'): Promise<string[][]> {
		return this.tableRows(caption);
	}

	/** Chooses a workstream in the filter and shows its timeline (a GET form: works without JavaScript). */
	async filterBy(workstream: string): Promise<this> {
		await this.field('Workstream').selectOption({ label: workstream });
		await Promise.all([
			this.page.waitForURL(/[?&]workstream=\d+/),
			this.page.getByRole('button', { name: 'Show timeline' }).click()
		]);
		await this.settled(this.page.getByRole('heading', { level: 1, name: /^Timeline/ }));
		return this;
	}

	/** The page printed by Chromium, on the page size its print stylesheet asks for. */
	pdf(): Promise<Buffer> {
		return this.page.pdf({ preferCSSPageSize: true, printBackground: true });
	}
}
