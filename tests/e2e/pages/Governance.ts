import type { Locator } from 'playwright-core';
import { AppPage } from './AppPage';

/** `/governance`: the scrutiny view. */
export class ScrutinyView extends AppPage {
	async visit(): Promise<this> {
		await this.open(
			'/governance',
			this.page.getByRole('heading', { level: 1, name: 'Shared-service governance' })
		);
		return this;
	}

	/** The summary figures in words, one line each. */
	async figures(): Promise<string[]> {
		return (
			await this.page
				.getByTestId('scrutiny-figures')
				.locator('.govuk-summary-list__row')
				.allInnerTexts()
		).map((t) => t.replace(/\s+/g, ' ').trim());
	}

	async openSharedService(name: string): Promise<SharedRegister> {
		await this.page.getByRole('link', { name, exact: true }).click();
		const shared = new SharedRegister(this.page);
		await shared.settled(this.page.getByRole('heading', { level: 1, name }));
		return shared;
	}
}

/** `/governance/shared/{id}`: a shared service's register as a partner reads it. */
export class SharedRegister extends AppPage {
	async visit(id: number, name: string, status = 200): Promise<this> {
		await this.open(
			`/governance/shared/${id}`,
			status === 200
				? this.page.getByRole('heading', { level: 1, name })
				: this.page.locator('main'),
			status
		);
		return this;
	}
}

/** `/governance/documents`: plans and policies. */
export class DocumentsRegister extends AppPage {
	async visit(): Promise<this> {
		await this.open(
			'/governance/documents',
			this.page.getByRole('heading', { level: 1, name: 'Plans and policies' })
		);
		return this;
	}

	async openDocument(title: string): Promise<this> {
		await this.page.getByRole('link', { name: title, exact: true }).click();
		await this.settled(this.page.getByRole('heading', { level: 1, name: title }));
		return this;
	}
}

export interface TestEntry {
	type?: string;
	testedOn?: string;
	testers?: string[];
	achieved?: Record<string, string>;
	result?: string;
	evidence?: string;
	finding?: { description: string; owner: string; dueOn: string };
}

/** `/governance/tests/new?document={id}`: recording a recovery test. */
export class RecoveryTestForm extends AppPage {
	async visit(documentId: number): Promise<this> {
		await this.open(
			`/governance/tests/new?document=${documentId}`,
			this.page.getByRole('heading', { level: 1, name: 'Record a recovery test' })
		);
		return this;
	}

	/** The achieved-time box of a system (each system's boxes sit in a fieldset named after it). */
	achieved(system: string): Locator {
		return this.page
			.getByRole('group', { name: new RegExp(`^${system}: RTO`) })
			.getByLabel('Recovery time achieved', { exact: true });
	}

	async fill(entry: TestEntry): Promise<this> {
		if (entry.type) await this.page.getByLabel(entry.type, { exact: true }).check();
		if (entry.testedOn != null) await this.field('Date of the test').fill(entry.testedOn);
		for (const name of entry.testers ?? [])
			await this.page.getByRole('checkbox', { name: new RegExp(`^${name}`) }).check();
		for (const [system, value] of Object.entries(entry.achieved ?? {}))
			await this.achieved(system).fill(value);
		if (entry.result)
			await this.page
				.getByRole('group', { name: /^Result/ })
				.getByLabel(entry.result, { exact: true })
				.check();
		if (entry.evidence != null) await this.field('Evidence').fill(entry.evidence);
		if (entry.finding) {
			const group = this.page.getByRole('group', { name: 'Finding 1' });
			await group.getByLabel('What was found, and the action').fill(entry.finding.description);
			await group.getByLabel('Owner').fill(entry.finding.owner);
			await group.getByLabel('Due by').fill(entry.finding.dueOn);
		}
		return this;
	}

	private async submit(): Promise<void> {
		await Promise.all([
			this.page.waitForResponse((r) => r.request().method() === 'POST'),
			this.page.getByRole('button', { name: 'Record the test' }).click()
		]);
	}

	async submitExpectingErrors(): Promise<this> {
		await this.submit();
		await this.settled(
			this.page.locator('.govuk-error-summary').filter({ hasText: 'There is a problem' })
		);
		return this;
	}

	/** Records the test and lands on its page. */
	async submitExpectingRecorded(): Promise<this> {
		await this.submit();
		await this.settled(this.page.getByRole('heading', { level: 1, name: /^Recovery test, / }));
		return this;
	}
}

/** `/systems/{id}/recovery`: a system's recovery objectives. */
export class RecoveryObjectivesPage extends AppPage {
	async visit(id: number): Promise<this> {
		await this.open(
			`/systems/${id}/recovery`,
			this.page.getByRole('heading', { level: 1, name: 'Recovery objectives' })
		);
		return this;
	}

	async fill(fields: Record<string, string>): Promise<this> {
		for (const [label, value] of Object.entries(fields)) await this.field(label).fill(value);
		return this;
	}

	submitButton(): Locator {
		return this.page.getByRole('button', {
			name: /^Save (recovery objectives|my changes over theirs)$/
		});
	}

	private async press(): Promise<void> {
		await Promise.all([
			this.page.waitForResponse((r) => r.request().method() === 'POST'),
			this.submitButton().click()
		]);
	}

	async submit(expectErrors: boolean): Promise<this> {
		await this.press();
		await this.settled(
			expectErrors
				? this.page.locator('.govuk-error-summary').filter({ hasText: 'There is a problem' })
				: this.page.locator('.govuk-notification-banner', { hasText: 'Recovery objectives saved' })
		);
		return this;
	}

	/** The value the summary beside the form shows for `key` ('Restoration order'): what is saved now. */
	async objective(key: string): Promise<string> {
		const row = this.page
			.getByTestId('recovery-objectives')
			.locator('.govuk-summary-list__row', { hasText: key });
		return (await row.locator('dd').innerText()).trim();
	}

	/** Submits a stale form: someone else saved since it was opened, so it comes back with what they changed. */
	async submitExpectingConflict(): Promise<this> {
		await this.press();
		await this.settled(this.page.getByTestId('edit-conflict'));
		return this;
	}
}

/** `/governance/meetings`: meetings, decisions, and attaching minutes and papers. */
export class MeetingsPage extends AppPage {
	async visit(): Promise<this> {
		await this.open(
			'/governance/meetings',
			this.page.getByRole('heading', { level: 1, name: 'Meetings and decisions' })
		);
		return this;
	}

	async fillPaper(entry: {
		meeting: RegExp;
		kind: string;
		title: string;
		file: { name: string; mimeType: string; buffer: Buffer };
	}): Promise<this> {
		const meeting = this.field('Meeting');
		const label = (await meeting.locator('option').allInnerTexts()).find((t) =>
			entry.meeting.test(t)
		);
		if (!label) throw new Error(`no meeting matches ${entry.meeting}`);
		await meeting.selectOption({ label });
		await this.page
			.getByRole('group', { name: 'What it is' })
			.getByLabel(entry.kind, { exact: true })
			.check();
		await this.field('Title of the minutes or papers').fill(entry.title);
		await this.page.getByLabel('The file', { exact: true }).setInputFiles(entry.file);
		return this;
	}

	private async attach(): Promise<void> {
		await Promise.all([
			this.page.waitForResponse((r) => r.request().method() === 'POST'),
			this.page.getByRole('button', { name: 'Attach', exact: true }).click()
		]);
	}

	async attachExpectingErrors(): Promise<this> {
		await this.attach();
		await this.settled(
			this.page.locator('.govuk-error-summary').filter({ hasText: 'There is a problem' })
		);
		return this;
	}

	async attachExpectingAttached(title: string): Promise<this> {
		await this.attach();
		await this.settled(
			this.page
				.getByTestId('success-banner')
				.filter({ hasText: `Attached to the meeting: ${title}.` })
		);
		return this;
	}
}

/** `/governance/documents/{id}`: a plan's versions, a new draft, editing the draft, approval. */
export class DocumentPage extends AppPage {
	async visit(id: number, title: string): Promise<this> {
		await this.open(
			`/governance/documents/${id}`,
			this.page.getByRole('heading', { level: 1, name: title })
		);
		return this;
	}

	private async press(button: string): Promise<void> {
		await Promise.all([
			this.page.waitForResponse((r) => r.request().method() === 'POST'),
			this.page.getByRole('button', { name: button, exact: true }).click()
		]);
	}

	/** Starts a new draft version with a summary and authors; lands on the page with the banner. */
	async startDraft(summary: string, authors: string[]): Promise<this> {
		await this.field('Summary of this version').fill(summary);
		for (const name of authors)
			await this.page.getByRole('checkbox', { name: new RegExp(`^${name}`) }).check();
		await this.press('Save as a draft');
		await this.settled(
			this.page.getByTestId('success-banner').filter({ hasText: 'New draft version saved.' })
		);
		return this;
	}

	/** Opens 'Edit version n (draft)', changes the summary and saves. */
	async editDraft(n: number, summary: string, expectErrors = false): Promise<this> {
		const details = this.page.locator('details', { hasText: `Edit version ${n} (draft)` });
		if (!(await details.getAttribute('open'))) await details.locator('summary').click();
		await details.getByLabel('Summary of this version').fill(summary);
		await this.press('Save the draft');
		await this.settled(
			expectErrors
				? this.page.locator('.govuk-error-summary').filter({ hasText: 'There is a problem' })
				: this.page.getByTestId('success-banner').filter({ hasText: 'Draft saved.' })
		);
		return this;
	}

	async versionText(n: number): Promise<string> {
		return this.page.getByTestId(`version-${n}`).innerText();
	}
}
