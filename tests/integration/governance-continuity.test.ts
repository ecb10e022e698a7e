/**
 * The dashboard's recovery guard (one query) against the scrutiny view's rule (`untestedStatutory`):
 * the same systems, for every way a statutory system's recovery can be unproven or proven.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { db, startDatabase, makeOrganisation, createSystem, expectOk } from './helpers';
import * as documentService from '$lib/server/services/governance-documents';
import * as recoveryService from '$lib/server/services/governance-recovery';
import * as register from '$lib/server/services/governance-register';
import * as continuity from '$lib/server/repos/governance-continuity';
import { untestedStatutory } from '$lib/domain/governance/scrutiny';
import type { TestResult } from '$lib/domain/governance/recovery';

beforeAll(async () => {
	await startDatabase();
});

const TODAY = '2026-12-06';
const duty = 'Care Act 2014';

describe('recovery not proven, on the dashboard', () => {
	it('lists statutory systems never tested or failing their last test, as the scrutiny rule does', async () => {
		const o = await makeOrganisation('Continuity Council');
		const other = await makeOrganisation('Other Council');
		const make = (name: string, extra: Record<string, string> = {}) =>
			createSystem(o.actor, { name, statutoryDuties: duty, ...extra });
		const never = await make('A never tested');
		const passed = await make('B passed');
		const breached = await make('C over its RTO');
		const failedResult = await make('D recorded as failed');
		const recovered = await make('E failed then passed');
		const noRto = await make('F no RTO when tested');
		const critical = await make('G critical, no duty', {
			statutoryDuties: '',
			criticality: 'critical'
		});
		await make('H switched off', { lifecycle: 'decommissioned' });
		await make('I blank duty', { statutoryDuties: '   ' });
		await createSystem(other.actor, { name: 'Other council untested', statutoryDuties: duty });
		for (const s of [passed, breached, failedResult, recovered])
			expectOk(
				await recoveryService.saveObjectives(o.actor, s.id, null, {
					rtoMinutes: 240,
					rpoMinutes: 60,
					mtpdMinutes: 1440,
					restorationOrder: null,
					agreedBy: 'Owner',
					agreedOn: '2026-04-01'
				})
			);
		const author = expectOk(
			await documentService.addPerson(o.actor, { name: 'Ann Author', jobTitle: 'ICT' })
		).personId;
		const tester = expectOk(
			await documentService.addPerson(o.actor, { name: 'Tess Tester', jobTitle: 'Audit' })
		).personId;
		const plan = expectOk(
			await documentService.createDocument(
				o.actor,
				{
					kind: 'disaster_recovery',
					title: 'DR plan',
					scope: 'systems',
					serviceName: '',
					restricted: false,
					systemIds: [passed.id, breached.id, failedResult.id, recovered.id, noRto.id, critical.id],
					summary: '',
					linkUrl: null,
					authorIds: [author]
				},
				null
			)
		);
		const test = async (systemId: number, testedOn: string, minutes: number, result: TestResult) =>
			expectOk(
				await recoveryService.recordTest(
					o.actor,
					plan.versionId,
					{
						testType: 'partial',
						testedOn,
						evidence: 'Restore log',
						result,
						testerIds: [tester],
						systems: [{ systemId, achievedMinutes: minutes, dataLossMinutes: 0 }],
						actions: []
					},
					TODAY
				)
			);
		await test(passed.id, '2026-06-01', 60, 'passed');
		await test(breached.id, '2026-06-01', 300, 'passed_with_issues');
		await test(failedResult.id, '2026-06-01', 60, 'failed');
		await test(recovered.id, '2026-05-01', 300, 'failed');
		await test(recovered.id, '2026-06-01', 60, 'passed');
		await test(noRto.id, '2026-06-01', 60, 'passed_with_issues');

		const listed = await continuity.listUnprovenRecovery(db(), o.org.id, TODAY, 25);
		expect(listed.rows.map((r) => [r.name, r.why])).toEqual([
			['A never tested', 'recovery never tested'],
			['C over its RTO', 'failed its last recovery test'],
			['D recorded as failed', 'failed its last recovery test'],
			['F no RTO when tested', 'failed its last recovery test']
		]);
		expect(listed.total).toBe(4);
		expect(listed.rows[0]).toMatchObject({ systemId: never.id, lastTestedOn: null });

		const rule = untestedStatutory((await register.scrutiny(db(), o.org.id, TODAY)).rows);
		expect(listed.rows.map((r) => [r.systemId, r.why])).toEqual(
			rule.map((r) => [r.systemId, r.why])
		);

		// A page of them, with the count of all; as at a date before the tests, all six were never tested.
		const page = await continuity.listUnprovenRecovery(db(), o.org.id, TODAY, 2);
		expect([page.rows.length, page.total]).toEqual([2, 4]);
		const before = await continuity.listUnprovenRecovery(db(), o.org.id, '2026-04-30', 25);
		expect(before.total).toBe(6);
		expect(before.rows.every((r) => r.why === 'recovery never tested')).toBe(true);
	});
});
