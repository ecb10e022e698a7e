/**
 * Every form is a real form: with JavaScript off, a system can be added (after fixing an error),
 * reviewed, found with the filters and archived, and the dashboard follows.
 */
import { describe, expect, test } from 'vitest';
import { browserAvailable } from './support/browser';
import { useBrowser } from './support/suite';
import { Dashboard } from './pages/Dashboard';
import { SystemForm } from './pages/SystemForm';
import { SystemsList } from './pages/SystemsList';
import { SystemDetail } from './pages/SystemDetail';
import { ErrorPage } from './pages/ErrorPage';

describe.skipIf(!browserAvailable)('without JavaScript', () => {
	const { session } = useBrowser();

	test('add (fixing an error), review, find and archive a system', async () => {
		const { page } = await session({ javaScriptEnabled: false });
		const name = `Plain Forms Register ${Date.now().toString(36)}`;
		const before = await (await new Dashboard(page).visit()).figures();

		const form = await new SystemForm(page).visitNew();
		await form.fill({
			name,
			hosting: 'On-premises',
			criticality: 'Low',
			personalData: 'None',
			annualRunCost: 'lots'
		});
		await form.submitExpectingErrors();
		expect((await form.errorSummary()).map((e) => e.target)).toEqual(['annualRunCost']);
		expect(await form.value('name')).toBe(name);
		expect(await form.radio('Hosting', 'On-premises').isChecked()).toBe(true);

		await form.fill({ annualRunCost: '950' });
		const detail = await form.submitExpectingSaved(name);
		const id = detail.id();
		expect(await detail.detail('Annual run cost')).toBe('£950.00');

		const review = await detail.startReview();
		await review.fill({
			reviewer: 'Records Board',
			outcomes: {
				decommission: { reason: 'Nobody uses it.', targetDate: '31/12/2026', status: 'Agreed' }
			}
		});
		const reviewed = await review.submitExpectingSaved(name);
		expect(await reviewed.reviewStatus()).toBe('Reviewed: agreed');
		expect((await reviewed.currentOutcomes()).map((o) => [o.outcome, o.targetDate])).toEqual([
			['Decommission', '31 December 2026']
		]);

		const list = await new SystemsList(page).visit();
		await list.filter({ search: name, outcome: 'Decommission' });
		expect(await list.names()).toEqual([name]);

		const middle = await (await new Dashboard(page).visit()).figures();
		expect(middle.systems).toBe(before.systems + 1);
		expect(middle.outcomes.decommission).toBe(before.outcomes.decommission + 1);

		await (await new SystemDetail(page).visit(id, name)).archive();
		await new ErrorPage(page).visit(`/systems/${id}`, 404);
		expect(await (await new Dashboard(page).visit()).figures()).toEqual(before);
	});
});
