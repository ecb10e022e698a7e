/**
 * 'Not yet assessed' and 'target date not set' as an officer meets them: chosen on the system form,
 * counted on the dashboard and the catalogue as data-quality figures whose links open exactly the
 * systems counted, and a replacement proposed before its date while agreeing it needs the date.
 */
import { describe, expect, test } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { browserAvailable } from './support/browser';
import { useBrowser } from './support/suite';
import { Dashboard } from './pages/Dashboard';
import { SystemForm } from './pages/SystemForm';
import { SystemsList } from './pages/SystemsList';
import { SystemDetail } from './pages/SystemDetail';
import { ReviewForm } from './pages/ReviewForm';
import { Timeline } from './pages/Timeline';
import { dataQualityFigures } from './pages/DataQuality';

/** Screenshots (the first 1,400 px) at 1280 and 390 px for a person to look at, when DATA_QUALITY_SCREENSHOTS names a folder. */
async function shoot(page: Page, name: string): Promise<void> {
	const folder = process.env.DATA_QUALITY_SCREENSHOTS;
	if (!folder) return;
	const before = page.viewportSize();
	for (const width of [1280, 390]) {
		await page.setViewportSize({ width, height: 1400 });
		await page.screenshot({ path: join(folder, `${name}-${width}.png`) });
	}
	if (before) await page.setViewportSize(before);
}

describe.skipIf(!browserAvailable)('Not yet assessed and data-quality figures', () => {
	const { session } = useBrowser();

	test('a system recorded as not yet assessed is counted on the dashboard and the catalogue, and each figure links to exactly it', async () => {
		const { page } = await session();
		const before = await dataQualityFigures((await new Dashboard(page).visit()).page);

		const form = await new SystemForm(page).visitNew();
		// Offered, but not chosen for the officer.
		for (const legend of ['Criticality', 'Personal data held']) {
			const radio = form.radio(legend, 'Not yet assessed');
			expect(await radio.isVisible(), legend).toBe(true);
			expect(await radio.isChecked(), legend).toBe(false);
		}
		const name = 'Quarry Permits Ledger';
		await form.fill({
			name,
			hosting: 'Hosted',
			criticality: 'Not yet assessed',
			personalData: 'Not yet assessed'
		});
		await page.getByRole('group', { name: 'Criticality' }).scrollIntoViewIfNeeded();
		await shoot(page, 'system-form');
		const detail = await form.submitExpectingSaved(name);
		expect(await detail.detail('Criticality')).toBe('Not yet assessed');
		expect(await detail.detail('Personal data held')).toBe('Not yet assessed');

		const dashboard = await new Dashboard(page).visit();
		const after = await dataQualityFigures(dashboard.page);
		expect(after.criticality.count).toBe(before.criticality.count + 1);
		expect(after.personalData.count).toBe(before.personalData.count + 1);
		expect(after.criticality.text).toMatch(/^[\d,]+ systems?: criticality not yet assessed$/);
		await shoot(page, 'dashboard');

		// The link opens the filtered list, which holds exactly as many systems as the figure says.
		await page.locator('[data-figure="data-quality-criticality"]').click();
		await page.waitForURL(
			(url) => url.pathname === '/systems' && url.searchParams.get('criticality') === 'not_assessed'
		);
		const list = new SystemsList(page);
		await list.settled(page.getByTestId('result-count'));
		expect(await list.resultCount()).toMatch(
			new RegExp(`^${after.criticality.count} systems? match`)
		);
		expect(await list.names()).toContain(name);
		expect(await list.field('Criticality').inputValue()).toBe('not_assessed');

		const catalogue = await new SystemsList(page).visit();
		expect(await dataQualityFigures(catalogue.page)).toEqual(after);
		await shoot(page, 'systems');
		const byPersonalData = await new SystemsList(page).visit(
			`?${new URL(after.personalData.href, 'http://x').searchParams}`
		);
		expect(await byPersonalData.resultCount()).toMatch(
			new RegExp(`^${after.personalData.count} systems? match`)
		);
		expect(await byPersonalData.names()).toContain(name);
		// Sorted most critical first, it comes after every assessed system.
		const sorted = await new SystemsList(page).visit(
			`?q=${encodeURIComponent(name.split(' ')[0]!)}&sort=criticality&dir=desc`
		);
		expect((await sorted.names()).at(-1)).toBe(name);
	});

	test('the review form refuses Agreed without a target date, accepts Proposed without one, and the gap is counted and linked', async () => {
		const { page } = await session();
		const form = await new SystemForm(page).visitNew();
		const name = 'Harbour Dues Register';
		await form.fill({ name, hosting: 'On-premises', criticality: 'Low', personalData: 'None' });
		const id = (await form.submitExpectingSaved(name)).id();
		const before = await dataQualityFigures((await new Dashboard(page).visit()).page);

		const review = await new ReviewForm(page).visit(id);
		const entry = {
			reviewer: 'ICT Strategy Group',
			outcomes: {
				replace: {
					reason: 'The new main system covers it.',
					status: 'Agreed' as const,
					targetDate: '',
					workstream: 'Case Management'
				}
			}
		};
		await review.fill(entry);
		await review.submitExpectingErrors();
		const message =
			"Agreeing 'Replace with the new main system' needs a target date: enter one, or record it as proposed until the date is set";
		expect(await review.errorSummary()).toEqual([{ target: 'replace-targetDate', message }]);
		expect(await review.fieldError(review.outcomeField('replace', 'Target date for'))).toBe(
			message
		);
		expect(await review.outcomeField('replace', 'Reason for').inputValue()).toBe(
			'The new main system covers it.'
		);
		await shoot(page, 'review-form-refused');

		await review.fill({
			...entry,
			outcomes: { replace: { ...entry.outcomes.replace, status: 'Proposed' } }
		});
		const detail = await review.submitExpectingSaved(name);
		expect(await detail.currentOutcomes()).toEqual([
			{
				outcome: 'Replace with the new main system',
				status: 'Proposed',
				targetDate: 'Target date not set',
				workstream: 'Case Management',
				reason: 'The new main system covers it.'
			}
		]);

		await shoot(page, 'system-target-date-not-set');
		const after = await dataQualityFigures((await new Dashboard(page).visit()).page);
		await shoot(page, 'dashboard-all-gaps');
		expect(after.targetDate.count).toBe(before.targetDate.count + 1);
		expect(after.targetDate.text).toMatch(
			/decommission or replace outcome proposed with the target date not set$/
		);
		const undated = await new SystemsList(page).visit(
			`?${new URL(after.targetDate.href, 'http://x').searchParams}`
		);
		expect(await undated.field('Target date (decommission or replace)').inputValue()).toBe('none');
		expect(await undated.names()).toContain(name);
		expect(await undated.resultCount()).toMatch(
			new RegExp(`^${after.targetDate.count} systems? match`)
		);
		await shoot(page, 'systems-target-date-not-set');

		// An undated switch-off is in no dated view.
		const timeline = await new Timeline(page).visit();
		expect((await timeline.switchOffRows()).some((row) => row[0] === name)).toBe(false);
		await new SystemDetail(page).visit(id, name);
	});
});
