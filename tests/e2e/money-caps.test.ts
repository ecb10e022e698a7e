/**
 * Issue 12 finding 6 in the browser: the annual run cost that broke every roll-up (£90 trillion) is
 * refused the GOV.UK way, with the cap in words and what was typed kept, and nothing is saved; the
 * roll-ups still render afterwards.
 */
import { describe, expect, test } from 'vitest';
import { browserAvailable } from './support/browser';
import { useBrowser } from './support/suite';
import { Dashboard } from './pages/Dashboard';
import { SystemForm } from './pages/SystemForm';
import { Rollups } from './pages/Rollups';

describe.skipIf(!browserAvailable)('amounts beyond the cap', () => {
	const { session } = useBrowser();

	test('an annual run cost over £1,000,000,000 is refused with the reason, the typed value kept, nothing created', async () => {
		const { page } = await session();
		const { systems: before } = await (await new Dashboard(page).visit()).figures();
		const form = await new SystemForm(page).visitNew();
		for (const typed of ['£90,071,992,547,409.91', '1,000,000,000.01']) {
			await form.fill({
				name: 'Zephyr Cap Probe',
				hosting: 'Hosted',
				criticality: 'Medium',
				personalData: 'None',
				annualRunCost: typed
			});
			await form.submitExpectingErrors();
			const summary = await form.errorSummary();
			expect(summary).toEqual([
				{
					target: 'annualRunCost',
					message: `Annual run cost: '${typed}' is more than £1,000,000,000.00, the most any amount can be`
				}
			]);
			expect(await form.value('annualRunCost')).toBe(typed);
		}
		expect((await (await new Dashboard(page).visit()).figures()).systems).toBe(before);
		const rollups = await new Rollups(page).visit();
		expect(await rollups.captions()).toContain('Cost by workstream');
	});
});
