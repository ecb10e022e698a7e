import type { Locator } from 'playwright-core';
import { AppPage } from './AppPage';

export interface OutageFields {
	concurrentUsers?: string;
	outageHours?: string;
	costPerUserHour?: string;
}

const LABEL: Record<keyof OutageFields, string> = {
	concurrentUsers: 'Concurrent users',
	outageHours: 'Expected outage hours a year',
	costPerUserHour: 'Cost per user-hour (£, optional)'
};

/** `/systems/{id}/outage`: a system's outage figures and the annual productivity risk they give. */
export class Outage extends AppPage {
	async visit(id: number): Promise<this> {
		await this.open(
			`/systems/${id}/outage`,
			this.page.getByRole('heading', { level: 1, name: 'Cost of outage' })
		);
		return this;
	}

	input(key: keyof OutageFields): Locator {
		return this.field(LABEL[key]);
	}

	async fill(fields: OutageFields): Promise<this> {
		for (const [key, value] of Object.entries(fields) as [keyof OutageFields, string][])
			await this.input(key).fill(value);
		return this;
	}

	private async submit(): Promise<void> {
		await Promise.all([
			this.page.waitForResponse((r) => r.request().method() === 'POST'),
			this.page
				.getByRole('button', { name: /^Save (outage figures|my changes over theirs)$/ })
				.click()
		]);
	}

	async submitExpectingSaved(): Promise<this> {
		await this.submit();
		await this.page.waitForURL((url) => url.searchParams.get('done') === 'saved');
		await this.settled(
			this.page.locator('.govuk-notification-banner__heading', { hasText: 'Outage figures saved' })
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

	/** The risk as shown: the headline and the working in words. */
	async risk(): Promise<string> {
		return (await this.page.getByTestId('outage-risk').innerText()).replace(/\s+/g, ' ').trim();
	}
}

/** `/settings/outage`: the organisation's default cost per user-hour. */
export class OutageSettings extends AppPage {
	async visit(): Promise<this> {
		await this.open(
			'/settings/outage',
			this.page.getByRole('heading', { level: 1, name: 'Cost of outage' })
		);
		return this;
	}

	async save(button: string): Promise<this> {
		await Promise.all([
			this.page.waitForResponse((r) => r.request().method() === 'POST'),
			this.page.getByRole('button', { name: button, exact: true }).click()
		]);
		await this.page.waitForURL((url) => url.searchParams.get('done') === 'saved');
		await this.settled(
			this.page.locator('.govuk-notification-banner__heading', {
				hasText: 'Default cost per user-hour saved'
			})
		);
		return this;
	}

	async current(): Promise<string> {
		return (await this.page.getByTestId('default-cost').innerText()).replace(/\s+/g, ' ').trim();
	}
}
