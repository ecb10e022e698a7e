import type { Locator } from 'playwright-core';
import { AppPage } from './AppPage';
import { SystemDetail } from './SystemDetail';

/** What a person types or picks, by field; choices are given as the words shown on screen. */
export interface SystemFields {
	name?: string;
	description?: string;
	supplier?: string;
	product?: string;
	directorate?: string;
	serviceArea?: string;
	hosting?: string;
	criticality?: string;
	personalData?: string;
	lifecycle?: string;
	businessOwner?: string;
	technicalOwner?: string;
	userCount?: string;
	annualRunCost?: string;
	contractStart?: string;
	contractEnd?: string;
	contractNotice?: string;
	statutoryDuties?: string;
	externalRef?: string;
}

type TextKey = Exclude<keyof SystemFields, SelectKey | RadioKey>;
type SelectKey = 'directorate' | 'serviceArea';
type RadioKey = 'hosting' | 'criticality' | 'personalData' | 'lifecycle';

export const TEXT_LABEL: Record<TextKey, string> = {
	name: 'Name',
	description: 'Description',
	supplier: 'Supplier',
	product: 'Product',
	businessOwner: 'Business owner',
	technicalOwner: 'Technical owner',
	userCount: 'Number of users',
	annualRunCost: 'Annual run cost (£)',
	contractStart: 'Contract start',
	contractEnd: 'Contract end',
	contractNotice: 'Contract notice date',
	statutoryDuties: 'Statutory duties supported',
	externalRef: 'External reference (optional)'
};
const SELECT_LABEL: Record<SelectKey, string> = {
	directorate: 'Directorate',
	serviceArea: 'Service area'
};
const RADIO_LEGEND: Record<RadioKey, string> = {
	hosting: 'Hosting',
	criticality: 'Criticality',
	personalData: 'Personal data held',
	lifecycle: 'Lifecycle status'
};

export interface ConflictRow {
	field: string;
	whenOpened: string;
	nowSaved: string;
	yours: string;
}

/** `/systems/new` and `/systems/{id}/edit`: the same form, filled by its labels. */
export class SystemForm extends AppPage {
	async visitNew(): Promise<this> {
		await this.open(
			'/systems/new',
			this.page.getByRole('heading', { level: 1, name: 'Add a system' })
		);
		return this;
	}

	async visitEdit(id: number): Promise<this> {
		await this.open(
			`/systems/${id}/edit`,
			this.page.getByRole('heading', { level: 1, name: /^Edit / })
		);
		return this;
	}

	textField(key: TextKey): Locator {
		return this.field(TEXT_LABEL[key]);
	}

	async fill(fields: SystemFields): Promise<this> {
		for (const [key, value] of Object.entries(fields) as [keyof SystemFields, string][]) {
			if (key in SELECT_LABEL)
				await this.field(SELECT_LABEL[key as SelectKey]).selectOption({ label: value });
			else if (key in RADIO_LEGEND) await this.radio(RADIO_LEGEND[key as RadioKey], value).check();
			else await this.textField(key as TextKey).fill(value);
		}
		return this;
	}

	/** What the form holds now for a text field. */
	async value(key: TextKey): Promise<string> {
		return this.textField(key).inputValue();
	}

	private submitButton(): Locator {
		return this.page.locator('main form[method="post"] button[type="submit"]');
	}

	async submitLabel(): Promise<string> {
		return (await this.submitButton().innerText()).trim();
	}

	/** Submits, waiting for the server's answer (with or without JavaScript). */
	private async submit(): Promise<void> {
		await Promise.all([
			this.page.waitForResponse((r) => r.request().method() === 'POST'),
			this.submitButton().click()
		]);
	}

	/** Submits a form that should save, and lands on the system's page. */
	async submitExpectingSaved(name: string): Promise<SystemDetail> {
		await this.submit();
		await this.page.waitForURL(/\/systems\/\d+$/);
		const detail = new SystemDetail(this.page);
		await detail.settled(detail.titled(name));
		return detail;
	}

	/** Submits a form that should be refused, and waits for the error summary. */
	async submitExpectingErrors(): Promise<this> {
		await this.submit();
		await this.settled(
			this.page.locator('.govuk-error-summary').filter({ hasText: 'There is a problem' })
		);
		return this;
	}

	/** Submits an edit that someone else's save has overtaken, and waits for the conflict panel. */
	async submitExpectingConflict(): Promise<this> {
		await this.submit();
		await this.settled(this.page.getByTestId('edit-conflict'));
		return this;
	}

	/** The conflict panel's table: each field the other person changed, with all three values. */
	async conflictRows(): Promise<ConflictRow[]> {
		const rows = this.page.getByTestId('edit-conflict').locator('tbody tr');
		const result: ConflictRow[] = [];
		for (let i = 0; i < (await rows.count()); i++) {
			const text = (await rows.nth(i).locator('th, td').allInnerTexts()).map((t) => t.trim());
			result.push({ field: text[0]!, whenOpened: text[1]!, nowSaved: text[2]!, yours: text[3]! });
		}
		return result;
	}
}
