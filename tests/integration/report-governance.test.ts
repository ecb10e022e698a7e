/**
 * The quarterly committee report's governance section: the scrutiny figures as at the quarter's
 * end, hashed and frozen with the report. A test recorded after the quarter's end is not in it,
 * and re-reading the issued report shows the figures as issued, whatever has happened since.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { startDatabase, makeOrganisation, createSystem, expectOk } from './helpers';
import { issue as issueAsShown } from './shown';
import { database } from '$lib/server/db/database';
import * as reportService from '$lib/server/services/committee-reports';
import * as documentService from '$lib/server/services/governance-documents';
import * as recoveryService from '$lib/server/services/governance-recovery';
import { reportHash, serialiseReport } from '$lib/domain/reports';
import type { Actor } from '$lib/server/services/actor';
import type { TestInput } from '$lib/domain/governance/forms';

beforeAll(async () => {
	await startDatabase();
});

const TODAY = '2026-12-06';

async function organisationWithPlan() {
	const o = await makeOrganisation('Governance Report Council');
	const revenues = await createSystem(o.actor, {
		name: 'Revenues and Benefits',
		criticality: 'critical',
		statutoryDuties: 'Local Government Finance Act 1992'
	});
	expectOk(
		await recoveryService.saveObjectives(o.actor, revenues.id, null, {
			rtoMinutes: 240,
			rpoMinutes: 60,
			mtpdMinutes: 1440,
			restorationOrder: 1,
			agreedBy: 'Head of Revenues',
			agreedOn: '2026-04-01'
		})
	);
	const author = expectOk(
		await documentService.addPerson(o.actor, { name: 'Ann Author', jobTitle: 'Infrastructure' })
	).personId;
	const tester = expectOk(
		await documentService.addPerson(o.actor, { name: 'Tess Tester', jobTitle: 'Internal audit' })
	).personId;
	const plan = expectOk(
		await documentService.createDocument(
			o.actor,
			{
				kind: 'disaster_recovery',
				title: 'ICT DR plan',
				scope: 'systems',
				serviceName: '',
				restricted: false,
				systemIds: [revenues.id],
				summary: 'v1',
				linkUrl: null,
				authorIds: [author]
			},
			null
		)
	);
	const test = (testedOn: string, achievedMinutes: number, actions: TestInput['actions'] = []) =>
		recoveryService.recordTest(
			o.actor,
			plan.versionId,
			{
				testType: 'full_failover',
				testedOn,
				evidence: 'Failover log',
				result: achievedMinutes > 240 ? 'passed_with_issues' : 'passed',
				testerIds: [tester],
				systems: [{ systemId: revenues.id, achievedMinutes, dataLossMinutes: 10 }],
				actions
			},
			TODAY
		);
	return { ...o, revenues, test };
}

async function issued(actor: Actor, quarter: number) {
	const created = expectOk(
		await reportService.createReportDraft(actor, { financialYear: '2026/27', quarter })
	);
	return expectOk(await issueAsShown(actor, created.report.id, created.report.version)).report;
}

describe('the committee report’s governance section', () => {
	it('holds the scrutiny figures as at the quarter’s end, hashed with the report, and re-reads them as issued', async () => {
		const o = await organisationWithPlan();
		// In Q2 (July to September 2026) the restore took 5 hours against a 4-hour RTO.
		expectOk(
			await o.test('2026-08-10', 300, [
				{
					description: 'Rewrite the restore runbook',
					owner: 'Infrastructure lead',
					dueOn: '2026-09-01'
				}
			])
		);
		// After the quarter's end, before the report is issued: a test within the RTO.
		expectOk(await o.test('2026-10-15', 200));

		const report = await issued(o.actor, 2);
		const g = report.snapshot!.governance!;
		expect(report.snapshot!.asAt).toBe('2026-09-30');
		expect(g.figures).toMatchObject({
			systems: 1,
			meetingAllFour: 0,
			sharePercent: 0,
			overdueActions: 1
		});
		expect(g.systems).toEqual([
			expect.objectContaining({
				name: 'Revenues and Benefits',
				lastTestedOn: '2026-08-10',
				withinRto: 'No: RTO breached at the last test',
				approvedPlan: 'No approved plan'
			})
		]);
		expect(g.overdueActions.map((a) => a.description)).toEqual(['Rewrite the restore runbook']);
		// The section is part of what is hashed, and of the public version.
		expect(serialiseReport(report.snapshot!)).toContain('RTO breached at the last test');
		expect(report.contentHash).toBe(await reportHash(report.snapshot!));
		expect(report.publicSnapshot!.governance!.figures.systems).toBe(1);
		const stored = await database().client.execute({
			sql: 'SELECT snapshot FROM committee_report WHERE id = ?',
			args: [report.id]
		});
		expect(JSON.parse(String(stored.rows[0]![0])).governance.figures.overdueActions).toBe(1);

		// Later: the draft for Q3 shows today's answer; the issued Q2 report still shows what was reported.
		const q3 = expectOk(
			await reportService.createReportDraft(o.actor, { financialYear: '2026/27', quarter: 3 })
		);
		const draft = (await reportService.getReport(o.actor, q3.report.id, 'officer'))!;
		expect(draft.content.governance!.systems[0]).toMatchObject({
			withinRto: 'Yes',
			lastTestedOn: '2026-10-15'
		});
		const reread = (await reportService.getReport(o.actor, report.id, 'committee'))!;
		expect(reread.content.governance).toEqual(g);
		expect(await reportHash(reread.content)).toBe(report.contentHash);
	});
});
