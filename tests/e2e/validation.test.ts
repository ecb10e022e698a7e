/**
 * Bad input is refused the GOV.UK way: an error summary linking to each field, a message at the
 * field, what was typed kept, and nothing saved. Unknown records give the 404 page, not a stack trace.
 */
import { describe, expect, test } from 'vitest';
import { browserAvailable } from './support/browser';
import { get } from './support/http';
import { useBrowser } from './support/suite';
import { Dashboard } from './pages/Dashboard';
import { SystemForm } from './pages/SystemForm';
import { SystemsList } from './pages/SystemsList';
import { SystemDetail } from './pages/SystemDetail';
import { ReviewForm } from './pages/ReviewForm';
import { ErrorPage } from './pages/ErrorPage';

describe.skipIf(!browserAvailable)('validation and not-found pages', () => {
	const { session } = useBrowser();

	/** A demo system reviewed as 'replace' + 'development required' (so its review form opens filled in). */
	async function demoSystem(page: import('playwright-core').Page): Promise<SystemDetail> {
		const list = await new SystemsList(page).visit('?q=Children%27s%20Social%20Care%20Record');
		return list.openSystem("Children's Social Care Record");
	}

	test('the new-system form: summary links to each field, messages at the fields, typed values kept, nothing created', async () => {
		const { page } = await session();
		const { systems: before } = await (await new Dashboard(page).visit()).figures();

		const form = await new SystemForm(page).visitNew();
		await form.fill({
			supplier: 'Zephyr Validation Supplies',
			criticality: 'Medium',
			personalData: 'None',
			annualRunCost: '12.5k',
			contractStart: 'next April',
			contractEnd: '31/02/2027'
		});
		await form.submitExpectingErrors();

		expect(await page.title()).toMatch(/^Error: Add a system/);
		const summary = await form.errorSummary();
		expect(summary.map((e) => e.target)).toEqual([
			'name',
			'hosting',
			'annualRunCost',
			'contractStart',
			'contractEnd'
		]);
		expect(summary[0]!.message).toBe('Enter the name of the system');
		expect(summary[1]!.message).toBe('Select how the system is hosted');
		expect(summary[2]!.message).toMatch(/^Annual run cost: /);
		expect(summary[3]!.message).toBe("Contract start: 'next April' is not a date, like 31/03/2027");
		expect(summary[4]!.message).toBe("Contract end: '31/02/2027' is not a real date");
		// Every link lands on a real field, and the field carries the same message.
		for (const { target, message } of summary) {
			const control = page.locator(`[id="${target}"]`);
			expect(await control.count(), `#${target}`).toBe(1);
			expect(await control.evaluate((el) => el.tagName)).toMatch(/^(INPUT|SELECT|TEXTAREA)$/);
			const describedBy =
				target === 'hosting' ? page.getByRole('group', { name: 'Hosting', exact: true }) : control;
			expect(await form.fieldError(describedBy)).toBe(message);
		}
		// The summary takes focus so a screen reader announces it.
		expect(
			await page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary'))
		).toBe(true);

		// What was typed comes back as typed.
		expect(await form.value('supplier')).toBe('Zephyr Validation Supplies');
		expect(await form.value('annualRunCost')).toBe('12.5k');
		expect(await form.value('contractStart')).toBe('next April');
		expect(await form.value('contractEnd')).toBe('31/02/2027');
		expect(await form.radio('Criticality', 'Medium').isChecked()).toBe(true);
		expect(await form.radio('Personal data held', 'None').isChecked()).toBe(true);

		// Following a summary link takes the user to the field.
		await page.locator('.govuk-error-summary__list a[href="#annualRunCost"]').click();
		await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('annualRunCost');

		// Fixing some problems and submitting again: the summary lists only what is left, and takes focus again.
		await form.fill({ name: 'Zephyr Validation Probe', hosting: 'Hosted', annualRunCost: '12500' });
		await form.submitExpectingErrors();
		expect((await form.errorSummary()).map((e) => e.target)).toEqual([
			'contractStart',
			'contractEnd'
		]);
		expect(await form.fieldError(form.textField('annualRunCost'))).toBeNull();
		expect(
			await page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary'))
		).toBe(true);

		const list = await new SystemsList(page).visit('?q=Zephyr%20Validation');
		expect(await list.resultCount()).toBe('No systems match these filters.');
		expect((await (await new Dashboard(page).visit()).figures()).systems).toBe(before);
	});

	test("the review form explains why 'maintain only' and 'decommission' cannot go together", async () => {
		const { page } = await session();
		const detail = await demoSystem(page);
		const id = detail.id();
		const outcomesBefore = await detail.currentOutcomes();

		const review = await new ReviewForm(page).visit(id);
		await review.fill({
			reviewer: 'CFA ICT Strategy Group',
			outcomes: {
				maintain: { reason: 'Keep it as it is.' },
				decommission: { reason: 'Switch it off.', targetDate: '31/03/2027' }
			}
		});
		await review.submitExpectingErrors();
		const summary = await review.errorSummary();
		expect(summary).toHaveLength(1);
		expect(summary[0]!.target).toBe('outcome');
		expect(summary[0]!.message).toMatch(
			/'Maintain only' keeps the system running unchanged, but 'Decommission' switches it off/
		);
		expect(await review.fieldError(page.getByRole('group', { name: 'Outcomes' }))).toBe(
			summary[0]!.message
		);
		// Still ticked as they were, with their reasons.
		expect(await review.outcomeBox('maintain').isChecked()).toBe(true);
		expect(await review.outcomeBox('decommission').isChecked()).toBe(true);
		expect(await review.outcomeBox('replace').isChecked()).toBe(false);
		expect(await review.outcomeField('decommission', 'Target date for').inputValue()).toBe(
			'31/03/2027'
		);

		// Nothing was recorded.
		const after = await new SystemDetail(page).visit(id);
		expect(await after.currentOutcomes()).toEqual(outcomesBefore);
	});

	test('agreeing a replacement needs a target date and a workstream; the reviewer is required', async () => {
		const { page } = await session();
		const id = (await demoSystem(page)).id();
		const review = await new ReviewForm(page).visit(id);
		await review.fill({
			reviewer: '',
			outcomes: {
				replace: {
					reason: 'Moves to the new main system.',
					status: 'Agreed',
					targetDate: '',
					workstream: 'None'
				}
			}
		});
		await review.submitExpectingErrors();
		const summary = await review.errorSummary();
		expect(summary).toEqual([
			{
				target: 'reviewer',
				message: 'Enter who carried out the review (a person, group or meeting)'
			},
			{
				target: 'replace-targetDate',
				message:
					"Agreeing 'Replace with the new main system' needs a target date: enter one, or record it as proposed until the date is set"
			},
			{
				target: 'replace-workstreamId',
				message:
					"Agreeing 'Replace with the new main system' needs the workstream delivering the replacement: select one, or record it as proposed until the workstream is set"
			}
		]);
		expect(await review.fieldError(review.outcomeField('replace', 'Target date for'))).toBe(
			summary[1]!.message
		);
		expect(await review.fieldError(review.outcomeField('replace', 'Workstream'))).toBe(
			summary[2]!.message
		);
		expect(await review.outcomeField('replace', 'Reason for').inputValue()).toBe(
			'Moves to the new main system.'
		);
		expect(await review.outcomeBox('develop').isChecked()).toBe(false);
	});

	test('unknown and malformed ids get the 404 page with no stack trace', async () => {
		const { page } = await session();
		const noTrace = /\bat .+:\d+:\d+|node_modules|Error:|\.js\b/;
		for (const path of ['/systems/999999', '/systems/abc', '/workstreams/999999']) {
			const notFound = await new ErrorPage(page).visit(path, 404);
			expect(await notFound.heading().innerText(), path).toBe('Page not found');
			expect(await page.title()).toBe('Page not found - ICT Portfolio Planner');
			expect(await notFound.text(), path).not.toMatch(noTrace);
		}
		// The same page, from the server, for the other ways an id can be wrong.
		for (const path of [
			'/systems/0',
			'/systems/1e3',
			'/systems/-1',
			'/systems/99999999999999999999',
			'/systems/999999/edit',
			'/systems/999999/review',
			'/workstreams/abc'
		]) {
			const response = await get(path);
			expect(response.status, path).toBe(404);
			const html = await response.text();
			expect(html, path).toMatch(/<h1 class="govuk-heading-l">Page not found<\/h1>/);
			expect(html.replace(/<script[\s\S]*?<\/script>/g, ''), path).not.toMatch(noTrace);
		}
	});
});
