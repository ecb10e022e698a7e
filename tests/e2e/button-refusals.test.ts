/**
 * A button that changes a record's state (archive, submit, unlink) answers a refusal as every form does: a
 * GOV.UK error summary on the same page, nothing changed, and the button offered again at the
 * version now saved, so pressing it once more (having seen why) does what was meant.
 */
import { describe, expect, test } from 'vitest';
import { browserAvailable } from './support/browser';
import { useBrowser } from './support/suite';
import { SystemForm } from './pages/SystemForm';
import { SystemDetail } from './pages/SystemDetail';
import { ReviewForm, systemReplacedBy } from './pages/ReviewForm';
import { Workstream, WorkstreamsIndex } from './pages/Workstream';

describe.skipIf(!browserAvailable)('refused buttons', () => {
	const { session } = useBrowser();

	test('archiving a system someone changed meanwhile is refused with an error summary, then archives at the version now saved', async () => {
		const first = await session();
		const second = await session();
		const name = `Button refusal system ${Date.now()}`;
		const created = await (
			await new SystemForm(first.page).visitNew()
		)
			.fill({ name, hosting: 'On-premises', criticality: 'Low', personalData: 'None' })
			.then((f) => f.submitExpectingSaved(name));
		const id = created.id();
		const confirmation = await new SystemDetail(first.page)
			.visit(id, name)
			.then((d) => d.startArchive());

		// Someone else edits the system while the confirmation page is open.
		const edit = await new SystemForm(second.page).visitEdit(id);
		await edit.fill({ supplier: 'Changed Meanwhile Ltd' });
		await edit.submitExpectingSaved(name);

		await Promise.all([
			first.page.waitForResponse((r) => r.request().method() === 'POST'),
			first.page.getByRole('button', { name: 'Yes, archive this system' }).click()
		]);
		await confirmation.settled(first.page.locator('.govuk-error-summary'));
		expect(await confirmation.errorSummary()).toEqual([
			{
				message:
					'Someone changed this system after you opened this page: check it as now saved, then archive it again if you still mean to',
				target: 'archive'
			}
		]);
		expect(await first.page.title()).toMatch(/^Error: /);
		// Not archived: the record is still there, with the other officer's change.
		const check = await new SystemDetail(second.page).visit(id, name);
		expect(await check.detail('Supplier')).toBe('Changed Meanwhile Ltd');

		// Having seen it, pressing the button again archives the system as now saved.
		await confirmation.confirm();
	});

	test('confirming an unlink after the review changed is refused on the page, which then shows the outcomes as now saved', async () => {
		const first = await session();
		const second = await session();
		const name = `Unlink refusal system ${Date.now()}`;
		const id = await systemReplacedBy(first.page, name, 'Case Management');
		const workstreamId = await (
			await new WorkstreamsIndex(first.page).visit()
		).idOf('Case Management');
		const confirmation = await (
			await new Workstream(first.page).visit(workstreamId)
		).unlinkExpectingConfirmation(name);

		// Someone else records a new review while the confirmation is open: the outcome is now proposed.
		const review = await new ReviewForm(second.page).visit(id);
		await review.fill({
			reviewer: 'CFA ICT Strategy Group',
			outcomes: {
				replace: {
					reason: 'Not agreed yet.',
					targetDate: '31/03/2029',
					status: 'Proposed',
					workstream: 'Case Management'
				}
			}
		});
		await review.submitExpectingSaved(name);

		expect(await confirmation.confirmExpectingRefusal()).toBe(
			"The system's review changed after you opened this page. Read what will happen now, below, then confirm again if you still mean to unlink it."
		);
		expect(await first.page.title()).toMatch(/^Error: /);
		// The page shows the outcome as now saved, and nothing was unlinked.
		await expect
			.poll(() => confirmation.namedOutcomes())
			.toEqual([
				"the proposed 'Replace with the new main system' outcome, target date 31 March 2029"
			]);
		const still = await new SystemDetail(second.page).visit(id, name);
		expect(await still.workstreams()).toContain('Case Management');

		// Confirmed again, on what it now shows, the system is unlinked.
		expect(await confirmation.confirm()).toContain(
			`${name} is no longer linked to Case Management.`
		);
	});
});
