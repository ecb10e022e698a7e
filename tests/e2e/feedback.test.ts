/**
 * Feedback and brakes: a success banner (focused, role=alert) after each kind of action; unlinking a
 * system that an agreed 'Replace' names is confirmed on a page of its own (with and without
 * JavaScript) and puts that outcome back to proposed; a refused form without JavaScript opens at its
 * error summary; and no page breaks the Content Security Policy in Chromium's console.
 */
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable } from './support/browser';
import { useBrowser } from './support/suite';
import { SystemForm } from './pages/SystemForm';
import { SystemDetail } from './pages/SystemDetail';
import { ReviewForm, systemReplacedBy } from './pages/ReviewForm';
import { Workstream, WorkstreamsIndex } from './pages/Workstream';
import { ReportsList } from './pages/Reports';

const stamp = Date.now().toString(36);

async function banner(
	page: Page
): Promise<{ text: string; focused: boolean; role: string | null }> {
	const el = page.getByTestId('success-banner');
	await el.waitFor({ state: 'visible' });
	return {
		text: (await el.locator('.govuk-notification-banner__heading').innerText()).trim(),
		focused: await el.evaluate((node) => document.activeElement === node),
		role: await el.getAttribute('role')
	};
}

describe.skipIf(!browserAvailable)('feedback and confirmation', () => {
	const { session } = useBrowser();

	test('a focused success banner after adding, editing, reviewing, linking, unlinking and archiving', async () => {
		const { page } = await session();
		const name = `Banner Register ${stamp}`;
		const form = await new SystemForm(page).visitNew();
		await form.fill({ name, hosting: 'On-premises', criticality: 'Low', personalData: 'None' });
		await form.submitExpectingSaved(name);
		expect(await banner(page)).toEqual({
			text: `${name} has been added to the catalogue.`,
			focused: true,
			role: 'alert'
		});
		const id = new SystemDetail(page).id();

		const edit = await new SystemDetail(page).startEdit();
		await edit.fill({ supplier: 'Banner Supplies Ltd' });
		await edit.submitExpectingSaved(name);
		expect((await banner(page)).text).toBe(`Your changes to ${name} have been saved.`);

		const review = await new ReviewForm(page).visit(id);
		await review.fill({
			reviewer: 'Records Board',
			outcomes: { maintain: { reason: 'Works well.', status: 'Agreed' } }
		});
		await review.submitExpectingSaved(name);
		expect((await banner(page)).text).toBe(`Review of ${name} recorded.`);
		// The banner is shown once: the next page does not repeat it.
		await new SystemDetail(page).visit(id, name);
		await expect(page.getByTestId('success-banner').count()).resolves.toBe(0);

		const workstreamId = await (await new WorkstreamsIndex(page).visit()).idOf('Directories');
		const workstream = await new Workstream(page).visit(workstreamId, name);
		await workstream.link(name);
		expect((await banner(page)).text).toBe(`${name} is now linked to Directories.`);
		// No outcome names the workstream: unlinking needs no confirmation, and says it was done.
		await workstream.unlink(name);
		expect((await banner(page)).text).toBe(`${name} is no longer linked to Directories.`);

		const detail = await new SystemDetail(page).visit(id, name);
		const confirmation = await detail.startArchive();
		expect(await page.locator('main').innerText()).toContain(
			'An archived system cannot be brought back from the app.'
		);
		await confirmation.confirm();
		expect((await banner(page)).text).toBe(
			`${name} has been archived. Its record, reviews and history are kept.`
		);
	});

	for (const javaScriptEnabled of [true, false]) {
		test(`unlinking a system an agreed 'Replace' names is confirmed first, then the outcome is proposed with no workstream (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
			const setup = await session();
			const name = `Replaced Register ${stamp} ${javaScriptEnabled ? 'js' : 'plain'}`;
			const id = await systemReplacedBy(setup.page, name, 'Case Management');
			const workstreamId = await (
				await new WorkstreamsIndex(setup.page).visit()
			).idOf('Case Management');

			const { page } = await session({ javaScriptEnabled });
			const workstream = await new Workstream(page).visit(workstreamId);
			const confirmation = await workstream.unlinkExpectingConfirmation(name);
			expect(await confirmation.namedOutcomes()).toEqual([
				"the agreed 'Replace with the new main system' outcome, target date 31 March 2028"
			]);
			expect(await page.locator('main').innerText()).toContain(
				'will be marked proposed, with no workstream set'
			);
			// Nothing has changed yet: the system is still linked.
			const still = await new SystemDetail(setup.page).visit(id, name);
			expect(await still.workstreams()).toContain('Case Management');

			const said = await confirmation.confirm();
			expect(said).toContain(
				`${name} is no longer linked to Case Management. Its outcome that named the workstream is now proposed, with no workstream set.`
			);
			const detail = await new SystemDetail(setup.page).visit(id, name);
			expect(await detail.workstreams()).not.toContain('Case Management');
			expect(await detail.reviewStatus()).toBe('Reviewed: proposed');
			expect(
				(await detail.currentOutcomes()).map((o) => [o.outcome, o.status, o.workstream])
			).toEqual([['Replace with the new main system', 'Proposed', 'Workstream not set']]);
		});
	}

	test(
		'without JavaScript a refused committee report save opens at its error summary; issuing with unsaved text is refused; the issue is confirmed on its own page',
		{ timeout: 180_000 },
		async () => {
			const { page } = await session({ javaScriptEnabled: false });
			const list = await new ReportsList(page).visit();
			await list.fillStart('2025/26', 'Q3 (October to December)');
			const report = await list.startExpectingDraft();
			await report.fillRecommendation(1, 'Approve the plan', '');
			await report.saveExpectingErrors();
			const summary = page.locator('.govuk-error-summary').first();
			const box = (await summary.boundingBox())!;
			expect(box.y, 'the error summary is in the first screenful').toBeLessThan(
				page.viewportSize()!.height
			);
			expect(await report.errorSummary()).toEqual([
				{ message: 'Give the reason for recommendation 1', target: 'recommendation-1-reason' }
			]);

			await report.fillRecommendation(1, 'Approve the plan', 'It is within budget');
			await report.saveExpectingSaved();
			await report.fillRecommendation(
				1,
				'Approve the plan',
				'It is within budget, and typed after saving'
			);
			expect(await report.startIssueExpectingRefusal()).toContain(
				'You have changes that are not saved'
			);
			await report.fillRecommendation(1, 'Approve the plan', 'It is within budget');
			const confirmation = await report.startIssue();
			expect(await page.locator('main').innerText()).toContain(
				'It cannot be edited or withdrawn afterwards'
			);
			await confirmation.confirm();
			expect(await page.getByTestId('success-banner').innerText()).toContain(
				'The report has been issued and frozen.'
			);
		}
	);

	test(
		'no page breaks the Content Security Policy in the console',
		{ timeout: 180_000 },
		async () => {
			// The suite's user is an editor: the audit trail and user administration are checked by admin.test.ts.
			const { page } = await session();
			const violations: string[] = [];
			page.on('console', (m) => {
				if (
					m.type() === 'error' &&
					/Content Security Policy|Refused to (apply|load|execute)/i.test(m.text())
				)
					violations.push(`${page.url()}: ${m.text()}`);
			});
			page.on('pageerror', (e) => violations.push(`${page.url()}: ${e.message}`));
			const paths = [
				'/',
				'/systems',
				'/systems/1',
				'/systems/1/review',
				'/systems/1/costs',
				'/systems/1/milestones',
				'/systems/1/outage',
				'/systems/1/archive',
				'/systems/new',
				'/workstreams',
				'/workstreams/1',
				'/workstreams/1/costs',
				'/workstreams/1/milestones',
				'/rollups',
				'/timeline',
				'/funding',
				'/settings/outage',
				'/business-cases',
				'/reports',
				'/import',
				'/costs/import',
				'/account/password'
			];
			for (const path of paths) {
				const response = await page.goto(path);
				expect(response?.status(), path).toBeLessThan(400);
				// Let client-side code (hydration, transitions) run.
				await page.waitForLoadState('networkidle');
				// Open every closed disclosure: transitions and toggles run as a person would make them.
				for (const summary of await page.locator('main details > summary').all())
					await summary.click().catch(() => undefined);
				await new SystemDetail(page).settled();
			}
			expect(violations).toEqual([]);
		}
	);
});
