/**
 * The strategy group's main path: add a system, review it with two outcomes, find it again through
 * the filters, and see the dashboard move by exactly one in each count it should.
 */
import { describe, expect, test } from 'vitest';
import { browserAvailable } from './support/browser';
import { useBrowser } from './support/suite';
import { Dashboard } from './pages/Dashboard';
import { SystemForm } from './pages/SystemForm';
import { SystemsList } from './pages/SystemsList';

describe.skipIf(!browserAvailable)('add, review, find and count a system', () => {
	const { session } = useBrowser();

	test('a new system reviewed as replace + development moves each dashboard count by one', async () => {
		const { page } = await session();
		const name = `Journey Placements Finder ${Date.now().toString(36)}`;

		const before = await (await new Dashboard(page).visit()).figures();
		expect(before.systems).toBeGreaterThanOrEqual(79);
		expect(before.reviewed + before.notReviewed).toBe(before.systems);

		// Add it through the form, by its labels.
		const form = await new SystemForm(page).visitNew();
		await form.fill({
			name,
			description: 'Finds foster and residential placements for children in care.',
			supplier: 'Placewise Ltd',
			product: 'Placewise 2',
			serviceArea: 'Children and Families',
			hosting: 'Software as a service',
			criticality: 'High',
			personalData: 'Special category data',
			businessOwner: 'Head of Placements',
			userCount: '1,250',
			annualRunCost: '£12,500.50',
			contractStart: '01/04/2024',
			contractEnd: '31/03/2028',
			contractNotice: '30/09/2027'
		});
		const detail = await form.submitExpectingSaved(name);
		const id = detail.id();
		expect(await detail.reviewStatus()).toBe('Not yet reviewed');
		expect(await detail.detail('Annual run cost')).toBe('£12,500.50');
		expect(await detail.detail('Number of users')).toBe('1,250');
		expect(await detail.detail('Contract end')).toBe('31 March 2028');
		expect(await detail.detail('Service area')).toBe('Children and Families');
		// The service area implies its directorate.
		expect(await detail.detail('Directorate')).not.toBe('Not recorded');
		expect(await detail.detail('Hosting')).toBe('Software as a service');

		// Review it: replace (agreed, with a date and the delivering workstream) and development required.
		const review = await detail.startReview();
		await review.fill({
			reviewedOn: '14/11/2026',
			reviewer: 'CFA ICT Strategy Group',
			outcomes: {
				replace: {
					reason: 'Placement search moves into the new main system.',
					status: 'Agreed',
					targetDate: '31/03/2028',
					workstream: 'Case Management'
				},
				develop: { reason: 'The sufficiency return changes before cutover.' }
			}
		});
		const reviewed = await review.submitExpectingSaved(name);
		expect(reviewed.id()).toBe(id);
		expect(await reviewed.reviewStatus()).toBe('Reviewed: proposed');
		const outcomes = await reviewed.currentOutcomes();
		expect(outcomes).toHaveLength(2);
		expect(outcomes).toEqual(
			expect.arrayContaining([
				{
					outcome: 'Replace with the new main system',
					status: 'Agreed',
					targetDate: '31 March 2028',
					workstream: 'Case Management',
					reason: 'Placement search moves into the new main system.'
				},
				{
					outcome: 'Development required',
					status: 'Proposed',
					targetDate: 'None',
					workstream: 'None',
					reason: 'The sufficiency return changes before cutover.'
				}
			])
		);
		// A replacement links the system to the workstream delivering it.
		expect(await reviewed.workstreams()).toEqual(['Case Management']);

		// Find it through the filter form: its name and the 'replace' outcome.
		const list = await new SystemsList(page).visit();
		await list.filter({ search: name, outcome: 'Replace with the new main system' });
		expect(new URL(page.url()).searchParams.get('outcome')).toBe('replace');
		expect(await list.resultCount()).toBe('1 system matches the filters. Showing 1.');
		expect(await list.names()).toEqual([name]);
		expect(await list.outcomesOf(name)).toEqual([
			'Development required',
			'Replace with the new main system'
		]);
		// ...and by 'more than one outcome' within its workstream; but not as 'maintain only'.
		await list.filter({ outcome: 'More than one outcome', workstream: 'Case Management' });
		expect(await list.names()).toEqual([name]);
		await list.filter({ outcome: 'Maintain only', workstream: 'Any' });
		expect(await list.resultCount()).toBe('No systems match these filters.');

		const after = await (await new Dashboard(page).visit()).figures();
		expect(after).toEqual({
			systems: before.systems + 1,
			reviewed: before.reviewed + 1,
			notReviewed: before.notReviewed,
			multiple: before.multiple + 1,
			outcomes: {
				maintain: before.outcomes.maintain,
				develop: before.outcomes.develop + 1,
				decommission: before.outcomes.decommission,
				replace: before.outcomes.replace + 1
			}
		});
	});
});
