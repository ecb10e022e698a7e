/** The demo partnership loads through the services, once, with the record the issue asks for. */
import { beforeAll, describe, expect, it } from 'vitest';
import { db, startDatabase } from './helpers';
import { loadDemoPortfolio } from '$lib/server/services/demo/load';
import { loadDemoGovernance, DEMO_SHARED_SERVICE } from '$lib/server/services/demo/load-governance';
import * as organisations from '$lib/server/repos/organisations';
import * as partnerships from '$lib/server/repos/governance-partnerships';
import * as register from '$lib/server/services/governance-register';

beforeAll(async () => {
	await startDatabase();
});

describe('demo governance', () => {
	it('has a three-council partnership with a plan, a passed and a breached test with its action, and an inquorate meeting; loading again adds nothing', async () => {
		const demo = await loadDemoPortfolio();
		const shared = (await organisations.getOrganisationBySlug(db(), DEMO_SHARED_SERVICE.slug))!;
		expect(
			(await partnerships.listPartners(db(), shared.id)).map((p) => p.partnerName).sort()
		).toEqual([
			'Eastmoor District Council',
			'Northshire County Council',
			'Westvale Borough Council'
		]);
		const tests = await register.testRegister(db(), shared.id);
		expect(tests.map((t) => t.result).sort()).toEqual(['passed', 'passed_with_issues']);
		expect(tests.find((t) => t.result === 'passed_with_issues')!.systems[0]).toMatchObject({
			name: 'Revenues and benefits',
			withinRto: false
		});
		const meetings = await register.meetingRegister(db(), shared.id);
		expect(meetings.map((m) => m.quorate).sort()).toEqual([false, true]);
		const view = await register.scrutiny(db(), shared.id, '2026-12-06');
		// Four are critical or statutory (the backup platform is neither).
		expect(view.figures).toMatchObject({ systems: 4, overdueActions: 1, inquorateMeetings: 1 });
		expect(view.rows.find((r) => r.name === 'Identity and email')).toMatchObject({ allFour: true });
		// The county's users can read the partnership's register and the systems run for the county only.
		const forCounty = await register.registerForPartner(
			db(),
			shared.id,
			demo.organisationId,
			'2026-12-06'
		);
		expect(forCounty.systems.map((s) => s.name)).not.toContain('Revenues and benefits');
		expect(forCounty.systems.map((s) => s.name)).toContain('Adult social care records hosting');
		expect(await loadDemoGovernance(demo.organisationId)).toBe(false);
		expect(await register.testRegister(db(), shared.id)).toHaveLength(2);
	});
});
