import type { Locator } from 'playwright-core';
import { AppPage } from './AppPage';

/** What the business case pages' forms share: submitting and waiting for where it leads, then axe. */
abstract class CaseFormPage extends AppPage {
	protected async post(button: Locator): Promise<void> {
		await Promise.all([
			this.page.waitForResponse((r) => r.request().method() === 'POST'),
			button.click()
		]);
	}

	/** Submits and waits for the error summary (the form came back). */
	async submitExpectingErrors(button: string): Promise<this> {
		await this.post(this.page.getByRole('button', { name: button, exact: true }));
		await this.settled(this.page.locator('.govuk-error-summary').first());
		return this;
	}
}

/** `/business-cases`: the list and the 'Create a business case' form. */
export class BusinessCasesList extends CaseFormPage {
	async visit(): Promise<this> {
		await this.open(
			'/business-cases',
			this.page.getByRole('heading', { level: 1, name: 'Business cases' })
		);
		return this;
	}

	async fillCreate(title: string, stage?: string): Promise<this> {
		await this.field('Title').fill(title);
		if (stage) await this.radio('Stage', stage).check();
		return this;
	}

	/** Creates the case and lands on its page; returns its id. */
	async create(title: string, stage: string): Promise<number> {
		await this.fillCreate(title, stage);
		await this.post(this.page.getByRole('button', { name: 'Create business case' }));
		await this.page.waitForURL(/\/business-cases\/\d+\?done=created$/);
		await this.settled(this.page.getByRole('heading', { level: 1, name: title }));
		return Number(/\/business-cases\/(\d+)/.exec(this.page.url())![1]);
	}

	/** The list's row for a case: title, stage, status, current version, decided. */
	async row(title: string): Promise<string[] | undefined> {
		return (await this.tableRows('Business cases')).find((r) => r[0] === title);
	}
}

/** `/business-cases/{id}`: the current version, the workflow buttons and the version history. */
export class BusinessCasePage extends CaseFormPage {
	async visit(id: number): Promise<this> {
		await this.open(`/business-cases/${id}`, this.page.locator('main h1'));
		return this;
	}

	async status(): Promise<string> {
		return (await this.page.getByTestId('case-status').innerText()).trim();
	}

	/** Presses a workflow button ('Submit for decision', 'Revise as a new version') and waits for the case page again. */
	async step(button: string): Promise<this> {
		await this.post(this.page.getByRole('button', { name: button, exact: true }));
		await this.page.waitForURL(/\?done=\w+$/);
		await this.settled(this.page.locator('.govuk-notification-banner--success'));
		return this;
	}

	async stepExpectingProblems(button: string): Promise<string[]> {
		await this.post(this.page.getByRole('button', { name: button, exact: true }));
		await this.settled(this.page.getByTestId('problems'));
		return (await this.page.getByTestId('problems').locator('li').allInnerTexts()).map((t) =>
			t.trim()
		);
	}

	/** Follows a link on the page to a sub-page and checks it. */
	async follow(link: string, heading: string | RegExp): Promise<void> {
		// A GOV.UK start-style link carries role=button.
		await this.page
			.getByRole('link', { name: link, exact: true })
			.or(this.page.getByRole('button', { name: link, exact: true }))
			.click();
		await this.settled(this.page.getByRole('heading', { level: 1, name: heading }));
	}
}

/** A version's figures as shown on its page, its print page or the case page. */
export class CaseFigures extends AppPage {
	async visitVersion(id: number, n: number, print = false): Promise<this> {
		await this.open(
			`/business-cases/${id}/versions/${n}${print ? '/print' : ''}`,
			this.page.locator('main h1')
		);
		return this;
	}

	async npsv(optionId: string): Promise<string> {
		return (await this.page.getByTestId(`npsv-${optionId}`).innerText()).trim();
	}

	async financialRows(): Promise<string[][]> {
		const rows = this.page.getByTestId('financial-preferred').locator('tbody tr');
		const out: string[][] = [];
		for (let i = 0; i < (await rows.count()); i++)
			out.push((await rows.nth(i).locator('th, td').allInnerTexts()).map((t) => t.trim()));
		return out;
	}

	async costModelTotal(): Promise<string> {
		return (await this.page.getByTestId('cost-model-total').innerText()).trim();
	}

	async hash(): Promise<string> {
		return (await this.page.getByTestId('content-hash').innerText()).trim();
	}

	async verified(): Promise<string> {
		return (await this.page.getByTestId('verified').innerText()).trim();
	}
}

/** `/business-cases/{id}/edit`: details, scope and the five cases. */
export class CaseDetailsPage extends CaseFormPage {
	async fill(fields: {
		sections?: Record<string, string>;
		workstreams?: string[];
		firstYear?: string;
		years?: string;
		systems?: string;
		sourcing?: string;
		framework?: string;
	}): Promise<this> {
		for (const [label, text] of Object.entries(fields.sections ?? {}))
			await this.field(label).fill(text);
		for (const w of fields.workstreams ?? [])
			await this.page
				.getByRole('group', { name: 'Workstreams in scope' })
				.getByLabel(w, { exact: true })
				.check();
		if (fields.firstYear) await this.field('First year (year 0)').fill(fields.firstYear);
		if (fields.years) await this.field('Number of years').fill(fields.years);
		if (fields.systems) await this.radio('One system or several', fields.systems).check();
		if (fields.sourcing) await this.radio('Buy or build', fields.sourcing).check();
		if (fields.framework)
			await this.field('Framework or route to market (optional)').fill(fields.framework);
		return this;
	}

	async save(): Promise<void> {
		await this.post(this.page.getByRole('button', { name: /^Save/ }));
		await this.page.waitForURL(/\?done=saved$/);
		await this.settled(this.page.locator('.govuk-notification-banner--success'));
	}
}

/** `/business-cases/{id}/options`: the options, their buttons, and the add or edit form. */
export class OptionsPage extends CaseFormPage {
	async fill(o: {
		title?: string;
		mitigated?: string;
		costs?: [string, 'Capital' | 'Revenue', string, string][];
		benefits?: [string, string, string, string, string][];
	}): Promise<this> {
		if (o.title !== undefined) await this.field('Name of the option').fill(o.title);
		if (o.mitigated !== undefined)
			await this.field('Share of optimism bias risk mitigated (%)').fill(o.mitigated);
		for (const [i, [year, spend, amount, description]] of (o.costs ?? []).entries()) {
			await this.field(`Year, cost ${i + 1}`).fill(year);
			await this.field(`Capital or revenue, cost ${i + 1}`).selectOption({ label: spend });
			await this.field(`Amount (£), cost ${i + 1}`).fill(amount);
			await this.field(`Description, cost ${i + 1}`).fill(description);
		}
		for (const [i, [year, kind, type, amount, description]] of (o.benefits ?? []).entries()) {
			await this.field(`Year, benefit ${i + 1}`).fill(year);
			await this.field(`Kind, benefit ${i + 1}`).selectOption({ label: kind });
			await this.field(`Type, benefit ${i + 1}`).selectOption({ label: type });
			await this.field(`Amount (£), benefit ${i + 1}`).fill(amount);
			await this.field(`Description, benefit ${i + 1}`).fill(description);
		}
		return this;
	}

	/** Saves the form, or presses an option's button ('Pull from cost model: Buy'), and waits for the success banner. */
	async press(button: string | RegExp): Promise<this> {
		// The page after the save is read anew (the document, or its __data.json with JavaScript) before it is
		// looked at: after a first press the URL already says ?saved= and the old banner is still up, so
		// waiting for those alone read the table before the change on a slow database (sqld).
		const reloaded = this.page.waitForResponse(
			(r) => r.request().method() === 'GET' && /[?&]saved=/.test(r.url())
		);
		await this.post(
			this.page.getByRole('button', { name: button, exact: typeof button === 'string' })
		);
		await reloaded;
		await this.page.waitForURL(/\?saved=/);
		await this.settled(this.page.locator('.govuk-notification-banner--success'));
		return this;
	}

	async options(): Promise<string[][]> {
		return this.tableRows('Options (undiscounted totals)');
	}
}

/** `/business-cases/{id}/decide`: the decision form. */
export class DecisionPage extends CaseFormPage {
	async visit(id: number, status = 200): Promise<this> {
		await this.open(`/business-cases/${id}/decide`, this.page.locator('main h1'), status);
		return this;
	}

	async fill(d: {
		outcome: string;
		maker: string;
		date: string;
		minute: string;
		key: 'Yes' | 'No';
		conditions?: string;
		reasons?: string;
	}): Promise<this> {
		await this.radio('Decision', d.outcome).check();
		await this.radio('Decision-maker', d.maker).check();
		await this.field('Date of the meeting or decision').fill(d.date);
		await this.field('Minute or decision record reference').fill(d.minute);
		await this.radio('Was this a key decision?', d.key).check();
		if (d.conditions !== undefined)
			await this.field('Conditions (for approval with conditions only)').fill(d.conditions);
		if (d.reasons !== undefined) await this.field('Reasons').fill(d.reasons);
		return this;
	}

	/** 'Continue': the decision read back on its confirmation page, nothing recorded yet. Returns the rows shown (key, value). */
	async continueToConfirm(): Promise<string[][]> {
		await this.post(this.page.getByRole('button', { name: 'Continue', exact: true }));
		await this.settled(
			this.page.getByRole('heading', { level: 1, name: 'Check the decision before you record it' })
		);
		const rows = this.page.getByTestId('decision-to-confirm').locator('.govuk-summary-list__row');
		const result: string[][] = [];
		for (let i = 0; i < (await rows.count()); i++)
			result.push((await rows.nth(i).locator('dt, dd').allInnerTexts()).map((t) => t.trim()));
		return result;
	}

	/** Continues, then presses 'Record the decision' on the confirmation; the case page comes back with the success banner. */
	async record(): Promise<void> {
		await this.continueToConfirm();
		await this.post(this.page.getByRole('button', { name: 'Record the decision', exact: true }));
		await this.page.waitForURL(/\?done=decided$/);
		await this.settled(
			this.page.getByTestId('success-banner').filter({ hasText: 'Decision recorded' })
		);
	}

	/** The fingerprint of the figures on the page, which the form carries. */
	async fingerprint(): Promise<string> {
		return (await this.page.getByTestId('figures-fingerprint').innerText()).trim();
	}

	/** Records, expecting the refusal because the figures moved: the rows of 'What changed' (label, when opened, now). */
	async recordExpectingFiguresChanged(): Promise<string[][]> {
		await this.continueToConfirm();
		await this.post(this.page.getByRole('button', { name: 'Record the decision', exact: true }));
		await this.settled(this.page.getByTestId('figures-changed'));
		return this.tableRows('What changed');
	}
}

/** `/business-cases/{id}/risks`: the register and the add or edit form. */
export class RisksPage extends CaseFormPage {
	async visit(id: number): Promise<this> {
		await this.open(
			`/business-cases/${id}/risks`,
			this.page.getByRole('heading', { level: 1, name: 'Risks' })
		);
		return this;
	}

	async fill(r: {
		title: string;
		owner: string;
		inherent: [string, string];
		residual: [string, string];
		mitigation?: string;
	}): Promise<this> {
		await this.field('Risk').fill(r.title);
		await this.field('Owner').fill(r.owner);
		await this.radio('Likelihood before mitigation', r.inherent[0]).check();
		await this.radio('Impact before mitigation', r.inherent[1]).check();
		await this.radio('Likelihood after mitigation', r.residual[0]).check();
		await this.radio('Impact after mitigation', r.residual[1]).check();
		if (r.mitigation !== undefined) await this.field('Mitigation').fill(r.mitigation);
		return this;
	}

	/** Adds the risk ('Save my changes over theirs' after a conflict). */
	async add(button = 'Add risk'): Promise<this> {
		await this.post(this.page.getByRole('button', { name: button, exact: true }));
		await this.page.waitForURL(/\?saved=1$/);
		await this.settled(this.page.locator('.govuk-notification-banner--success'));
		return this;
	}

	async addExpectingConflict(): Promise<this> {
		await this.post(this.page.getByRole('button', { name: 'Add risk' }));
		await this.settled(this.page.getByTestId('edit-conflict'));
		return this;
	}
}
