/**
 * A button that changes a record's state (archive, submit) answers a refusal as every form does: a
 * GOV.UK error summary on the same page, nothing changed, and the button offered again at the
 * version now saved, so pressing it once more (having seen why) does what was meant.
 */
import { describe, expect, test } from 'vitest';
import { browserAvailable } from './support/browser';
import { useBrowser } from './support/suite';
import { SystemForm } from './pages/SystemForm';
import { SystemDetail } from './pages/SystemDetail';

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
});
