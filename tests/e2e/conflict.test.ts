/**
 * Two officers edit the same system. The second save does not silently overwrite the first: it is
 * refused with what changed, keeps what was typed, and only a deliberate second save overwrites.
 */
import { describe, expect, test } from 'vitest';
import { browserAvailable } from './support/browser';
import { useBrowser } from './support/suite';
import { SystemsList } from './pages/SystemsList';
import { SystemForm } from './pages/SystemForm';
import { SystemDetail } from './pages/SystemDetail';
import { ReviewForm } from './pages/ReviewForm';

const NAME = 'Foster Carer Recruitment CRM';

describe.skipIf(!browserAvailable)('editing conflicts', () => {
	const { session } = useBrowser();

	test('a stale save shows the conflict, keeps the typed values, and saving again overwrites on purpose', async () => {
		const first = await session();
		const second = await session();
		const id = (
			await (
				await new SystemsList(first.page).visit('?q=Foster%20Carer%20Recruitment')
			).openSystem(NAME)
		).id();

		const formA = await new SystemForm(first.page).visitEdit(id);
		const formB = await new SystemForm(second.page).visitEdit(id);
		const originalSupplier = await formA.value('supplier');
		const originalOwner = await formB.value('technicalOwner');
		expect(originalSupplier).not.toBe('');

		// The first officer changes the supplier and saves.
		await formA.fill({ supplier: 'Alderbrook Recruitment Systems Ltd' });
		const savedA = await formA.submitExpectingSaved(NAME);
		expect(await savedA.detail('Supplier')).toBe('Alderbrook Recruitment Systems Ltd');

		// The second, still on the form they opened before that save, changes the technical owner.
		await formB.fill({ technicalOwner: 'Fostering Systems Team' });
		await formB.submitExpectingConflict();
		expect(await formB.conflictRows()).toEqual([
			{
				field: 'Supplier',
				whenOpened: originalSupplier,
				nowSaved: 'Alderbrook Recruitment Systems Ltd',
				yours: originalSupplier
			}
		]);
		expect(await second.page.getByTestId('edit-conflict').innerText()).toMatch(
			/Your changes have not been saved/
		);
		expect(
			await second.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))
		).toBe('edit-conflict');
		expect(await formB.value('technicalOwner')).toBe('Fostering Systems Team');
		expect(await formB.submitLabel()).toBe('Save my changes over theirs');

		// Nothing of the second save reached the record; the first change stands.
		const check = await new SystemDetail(first.page).visit(id, NAME);
		expect(await check.detail('Supplier')).toBe('Alderbrook Recruitment Systems Ltd');
		expect(await check.detail('Technical owner')).toBe(originalOwner);

		// Saving again, having seen the conflict, is a deliberate overwrite: the form's values win.
		const savedB = await formB.submitExpectingSaved(NAME);
		expect(await savedB.detail('Technical owner')).toBe('Fostering Systems Team');
		expect(await savedB.detail('Supplier')).toBe(originalSupplier);
	});
});

describe.skipIf(!browserAvailable)('review conflicts', () => {
	const { session } = useBrowser();

	test('a review recorded meanwhile is not superseded unseen: the second reviewer sees theirs, then records over it', async () => {
		const first = await session();
		const second = await session();
		const name = 'Care Proceedings Tracker';
		const detail = await (
			await new SystemsList(first.page).visit('?q=Care%20Proceedings')
		).openSystem(name);
		const id = detail.id();

		const reviewA = await new ReviewForm(first.page).visit(id);
		const reviewB = await new ReviewForm(second.page).visit(id);

		await reviewA.fill({
			reviewer: 'Legal Services Review Panel',
			outcomes: {
				decommission: { reason: 'Court bundles move to the case system.', targetDate: '30/09/2027' }
			}
		});
		await reviewA.submitExpectingSaved(name);

		await reviewB.fill({
			reviewer: 'Second Reviewer Meeting',
			outcomes: { maintain: { reason: 'Keep it until the courts portal changes.' } }
		});
		await reviewB.submitExpectingConflict();
		expect(await second.page.getByTestId('review-conflict').innerText()).toMatch(
			/Your review has not been saved/
		);
		// 'Their review is shown below': the panel must show the review that was just recorded.
		expect(await reviewB.currentReviewText()).toMatch(/Legal Services Review Panel/);
		expect(await reviewB.outcomeBox('maintain').isChecked()).toBe(true);
		expect(await reviewB.outcomeBox('decommission').isChecked()).toBe(false);
		expect(await reviewB.field('Reviewed by').inputValue()).toBe('Second Reviewer Meeting');

		const stillA = await new SystemDetail(first.page).visit(id, name);
		expect((await stillA.currentOutcomes()).map((o) => o.outcome)).toEqual(['Decommission']);

		const savedB = await reviewB.submitExpectingSaved(name);
		expect((await savedB.currentOutcomes()).map((o) => o.outcome)).toEqual(['Maintain only']);
	});
});
