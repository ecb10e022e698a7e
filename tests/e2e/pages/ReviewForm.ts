import type { Locator } from 'playwright-core';
import { AppPage } from './AppPage';
import type { Page } from 'playwright-core';
import { SystemDetail } from './SystemDetail';
import { SystemForm } from './SystemForm';

export const OUTCOME_WORDS = {
	maintain: 'Maintain only',
	develop: 'Development required',
	decommission: 'Decommission',
	replace: 'Replace with the new main system'
} as const;
export type OutcomeKey = keyof typeof OUTCOME_WORDS;

export interface OutcomeEntry {
	reason?: string;
	status?: 'Proposed' | 'Agreed';
	/** dd/mm/yyyy, as typed */
	targetDate?: string;
	/** The workstream's name, as listed */
	workstream?: string;
}

export interface ReviewEntry {
	reviewedOn?: string;
	reviewer?: string;
	summary?: string;
	/** Exactly these outcomes end up ticked; any the form opened with are unticked. */
	outcomes: Partial<Record<OutcomeKey, OutcomeEntry>>;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `/systems/{id}/review`: record a review with one or more outcomes. */
export class ReviewForm extends AppPage {
	async visit(id: number): Promise<this> {
		await this.open(
			`/systems/${id}/review`,
			this.page.getByRole('heading', { level: 1, name: 'Review this system' })
		);
		return this;
	}

	outcomeBox(outcome: OutcomeKey): Locator {
		return this.page.getByRole('checkbox', { name: OUTCOME_WORDS[outcome], exact: true });
	}

	/** An outcome's own field, by the start of its label ('Target date for ...', 'Reason for ...'). */
	outcomeField(
		outcome: OutcomeKey,
		labelStart: 'Reason for' | 'Target date for' | 'Workstream'
	): Locator {
		const words = escape(OUTCOME_WORDS[outcome]);
		const pattern =
			labelStart === 'Workstream' ? `^Workstream.* for '${words}'` : `^${labelStart} '${words}'`;
		return this.page.getByLabel(new RegExp(pattern));
	}

	async fill(entry: ReviewEntry): Promise<this> {
		if (entry.reviewedOn !== undefined)
			await this.field('Date of the review').fill(entry.reviewedOn);
		if (entry.reviewer !== undefined) await this.field('Reviewed by').fill(entry.reviewer);
		if (entry.summary !== undefined) await this.field('Summary (optional)').fill(entry.summary);
		for (const outcome of Object.keys(OUTCOME_WORDS) as OutcomeKey[]) {
			const wanted = entry.outcomes[outcome];
			await this.outcomeBox(outcome).setChecked(wanted !== undefined);
			if (!wanted) continue;
			if (wanted.reason !== undefined)
				await this.outcomeField(outcome, 'Reason for').fill(wanted.reason);
			if (wanted.status !== undefined)
				await this.radio(`Status of '${OUTCOME_WORDS[outcome]}'`, wanted.status).check();
			if (wanted.targetDate !== undefined)
				await this.outcomeField(outcome, 'Target date for').fill(wanted.targetDate);
			if (wanted.workstream !== undefined)
				await this.outcomeField(outcome, 'Workstream').selectOption({ label: wanted.workstream });
		}
		return this;
	}

	private async submit(): Promise<void> {
		await Promise.all([
			this.page.waitForResponse((r) => r.request().method() === 'POST'),
			this.page.getByRole('button', { name: 'Record review' }).click()
		]);
	}

	async submitExpectingSaved(name: string): Promise<SystemDetail> {
		await this.submit();
		await this.page.waitForURL(/\/systems\/\d+$/);
		const detail = new SystemDetail(this.page);
		await detail.settled(detail.titled(name));
		return detail;
	}

	/** Submits a review that someone else's review has overtaken, and waits for the conflict panel. */
	async submitExpectingConflict(): Promise<this> {
		await this.submit();
		await this.settled(this.page.getByTestId('review-conflict'));
		return this;
	}

	/** The reviewer named in the 'current review' panel ('Reviewed on 14 November 2026 by ...'). */
	async currentReviewText(): Promise<string> {
		const panel = this.page.locator('details.govuk-details');
		if ((await panel.count()) === 0) return '';
		return (await panel.locator('.govuk-details__text').innerText()).trim();
	}

	async submitExpectingErrors(): Promise<this> {
		await this.submit();
		await this.settled(
			this.page.locator('.govuk-error-summary').filter({ hasText: 'There is a problem' })
		);
		return this;
	}
}

/** Adds a system with an agreed 'Replace' outcome naming `workstream`; returns its id. */
export async function systemReplacedBy(
	page: Page,
	name: string,
	workstream: string
): Promise<number> {
	const form = await new SystemForm(page).visitNew();
	// A radio clicked before the page has hydrated can be reset by hydration: wait for the app to settle.
	await page.waitForLoadState('networkidle');
	await form.fill({ name, hosting: 'On-premises', criticality: 'Low', personalData: 'None' });
	const detail = await form.submitExpectingSaved(name);
	const id = detail.id();
	const review = await new ReviewForm(page).visit(id);
	await review.fill({
		reviewer: 'CFA ICT Strategy Group',
		outcomes: {
			replace: {
				reason: 'Moves to the new system.',
				targetDate: '31/03/2028',
				status: 'Agreed',
				workstream
			}
		}
	});
	await review.submitExpectingSaved(name);
	return id;
}
