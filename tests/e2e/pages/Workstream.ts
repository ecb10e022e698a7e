import type { Locator } from 'playwright-core';
import { AppPage } from './AppPage';

/** `/workstreams`: every workstream with its linked systems counted by outcome. */
export class WorkstreamsIndex extends AppPage {
	async visit(): Promise<this> {
		await this.open(
			'/workstreams',
			this.page.getByRole('heading', { level: 1, name: 'Workstreams' })
		);
		return this;
	}

	/** The id of the named workstream, from its link. */
	async idOf(name: string): Promise<number> {
		const href = await this.page
			.locator('main ul.govuk-list')
			.getByRole('link', { name, exact: true })
			.getAttribute('href');
		const match = /\/workstreams\/(\d+)$/.exec(href ?? '');
		if (!match) throw new Error(`no link to workstream '${name}' (href ${href})`);
		return Number(match[1]);
	}
}

/** `/workstreams/{id}`: one workstream, its linked systems, and finding and linking more. */
export class Workstream extends AppPage {
	async visit(id: number, find?: string): Promise<this> {
		const query = find === undefined ? '' : `?${new URLSearchParams({ find })}`;
		await this.open(`/workstreams/${id}${query}`, this.heading());
		return this;
	}

	private linkedTable(): Locator {
		return this.page
			.locator('main table')
			.filter({ has: this.page.locator('caption', { hasText: /^Systems linked to / }) });
	}

	/** Names of the systems linked now, as listed. */
	async linkedNames(): Promise<string[]> {
		return (await this.linkedTable().locator('tbody tr td:first-child a').allInnerTexts()).map(
			(t) => t.trim()
		);
	}

	/** The 'Linked systems' figure in the summary list. */
	async linkedCount(): Promise<number> {
		const row = this.page
			.locator('.govuk-summary-list__row')
			.filter({ has: this.page.locator('dt', { hasText: /^Linked systems$/ }) });
		return Number((await row.locator('dd').innerText()).trim());
	}

	linkButton(name: string): Locator {
		return this.page.getByRole('button', { name: `Link ${name}`, exact: true });
	}

	/** Searches with the 'Find a system' form. */
	async find(text: string): Promise<this> {
		await this.field('Find a system by name, supplier or product').fill(text);
		await this.page.getByRole('button', { name: 'Find systems' }).click();
		await this.page.waitForURL((url) => url.searchParams.get('find') === text);
		await this.settled(
			this.page
				.locator(
					'main form[method="post"][action^="?/link"], main p:text-matches("^No unlinked systems match")'
				)
				.first()
		);
		return this;
	}

	async link(name: string): Promise<this> {
		await Promise.all([
			this.page.waitForResponse((r) => r.request().method() === 'POST'),
			this.linkButton(name).click()
		]);
		await this.settled(this.linkedTable().getByRole('link', { name, exact: true }));
		return this;
	}

	async unlink(name: string): Promise<this> {
		await Promise.all([
			this.page.waitForResponse((r) => r.request().method() === 'POST'),
			this.page.getByRole('button', { name: `Unlink ${name}`, exact: true }).click()
		]);
		await this.linkedTable()
			.getByRole('link', { name, exact: true })
			.waitFor({ state: 'detached' });
		await this.settled();
		return this;
	}

	/** Presses 'Unlink' for a system that a current outcome names: the confirmation page, nothing unlinked yet. */
	async unlinkExpectingConfirmation(name: string): Promise<UnlinkConfirmation> {
		await Promise.all([
			this.page.waitForResponse((r) => r.request().method() === 'POST'),
			this.page.getByRole('button', { name: `Unlink ${name}`, exact: true }).click()
		]);
		await this.page.waitForURL(/\/workstreams\/\d+\/unlink\?system=\d+$/);
		const confirmation = new UnlinkConfirmation(this.page);
		await confirmation.settled(
			this.page.getByRole('heading', {
				level: 1,
				name: new RegExp(`^Unlink ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} from `)
			})
		);
		return confirmation;
	}
}

/** `/workstreams/{id}/unlink?system=`: what unlinking does to the outcomes that name the workstream. */
export class UnlinkConfirmation extends AppPage {
	/** Each named outcome as the page says it ('the agreed 'Replace ...' outcome, target date ...'). */
	async namedOutcomes(): Promise<string[]> {
		return (await this.page.getByTestId('named-outcomes').locator('li').allInnerTexts()).map((t) =>
			t.trim()
		);
	}

	/** Presses 'Yes, unlink ...' expecting a refusal: the page again, with why nothing was unlinked. */
	async confirmExpectingRefusal(): Promise<string> {
		await Promise.all([
			this.page.waitForResponse((r) => r.request().method() === 'POST'),
			this.page.getByRole('button', { name: /^Yes, unlink / }).click()
		]);
		const refused = this.page.getByTestId('unlink-refused');
		await this.settled(refused);
		return (await refused.innerText()).trim();
	}

	/** Presses 'Yes, unlink ...'; the workstream comes back with the success banner. */
	async confirm(): Promise<string> {
		await Promise.all([
			this.page.waitForResponse((r) => r.request().method() === 'POST'),
			this.page.getByRole('button', { name: /^Yes, unlink / }).click()
		]);
		await this.page.waitForURL(/\/workstreams\/\d+$/);
		const banner = this.page.getByTestId('success-banner');
		await this.settled(banner);
		return (await banner.innerText()).trim();
	}
}
