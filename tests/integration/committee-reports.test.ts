import { beforeAll, describe, expect, it } from 'vitest';
import { db, startDatabase, makeOrganisation, createSystem, person, expectOk } from './helpers';
import { decide, issue as issueAsShown } from './shown';
import { database } from '$lib/server/db/database';
import * as audit from '$lib/server/repos/audit';
import * as caseService from '$lib/server/services/business-cases';
import * as decisions from '$lib/server/services/business-case-decisions';
import * as costService from '$lib/server/services/cost-lines';
import * as reviewService from '$lib/server/services/reviews';
import * as milestoneService from '$lib/server/services/milestones';
import * as reportService from '$lib/server/services/committee-reports';
import type { Actor } from '$lib/server/services/actor';
import type { CostLineInput } from '$lib/domain/costs';
import { reportHash, serialiseReport, type ReportDraft } from '$lib/domain/reports';

beforeAll(async () => {
	await startDatabase();
});

// Planted exempt values: a supplier name found nowhere else, and a cost figure no total equals.
const SUPPLIER = 'Zephyrine Software Ltd';
const PLANTED_PENCE = 12_345_678;
const line = (overrides: Partial<CostLineInput>): CostLineInput => ({
	financialYear: '2025/26',
	spendType: 'capital',
	category: 'implementation',
	amountPence: 100_000,
	confidence: 'estimate',
	fundingSourceId: null,
	description: '',
	...overrides
});

/**
 * An organisation whose Case Management workstream replaces CareFirst (supplied by the planted
 * supplier), with costs, a go-live approved in a business case for 15 August 2025 and since
 * re-planned to 30 November 2025 without a new approval, and a system not yet reviewed.
 */
async function programme() {
	const o = await makeOrganisation();
	const officer = await person(o.org.id, 'editor');
	const approver = await person(o.org.id, 'approver');
	const committee = await person(o.org.id, 'committee');
	const careFirst = await createSystem(o.actor, { name: 'CareFirst', supplier: SUPPLIER });
	const faxGateway = await createSystem(o.actor, {
		name: 'Fax Gateway',
		supplier: 'Old Telecoms plc'
	});
	await reviewService.recordReview(o.actor, careFirst.id, null, {
		reviewedOn: '2025-05-01',
		reviewer: 'Group',
		summary: '',
		outcomes: [
			{
				outcome: 'replace',
				rationale: 'Out of support',
				status: 'agreed',
				targetDate: '2026-03-31',
				workstreamId: o.caseManagement.id
			}
		]
	});
	expectOk(
		await costService.createCostLine(
			o.actor,
			{ systemId: careFirst.id, workstreamId: null, outcome: null },
			line({ amountPence: PLANTED_PENCE, confidence: 'actual', description: 'Licence true-up' })
		)
	);
	const wsLine = expectOk(
		await costService.createCostLine(
			o.actor,
			{ workstreamId: o.caseManagement.id },
			line({ amountPence: 50_000_000 })
		)
	);
	expectOk(
		await costService.createCostLine(
			o.actor,
			{ workstreamId: o.caseManagement.id },
			line({ amountPence: 1_000_000, confidence: 'actual' })
		)
	);
	const goLive = expectOk(
		await milestoneService.createMilestone(
			o.actor,
			{ workstreamId: o.caseManagement.id },
			{ kind: 'go_live', plannedDate: '2025-08-15', forecastDate: null, actualDate: null, note: '' }
		)
	);

	let r = expectOk(
		await caseService.createBusinessCase(officer, {
			title: 'Children’s case management',
			stage: 'outline',
			scope: { workstreamIds: [o.caseManagement.id], systemIds: [] }
		})
	);
	const caseId = r.businessCase.id;
	r = expectOk(
		await caseService.updateCaseDetails(officer, caseId, r.businessCase.version, {
			title: 'Children’s case management',
			stage: 'outline',
			sections: {
				strategic: 'Case for change',
				economic: 'Options',
				commercial: 'G-Cloud',
				financial: 'Funded',
				management: 'Programme board'
			},
			scope: { workstreamIds: [o.caseManagement.id], systemIds: [] },
			procurement: { systems: 'single', sourcing: 'buy', framework: 'G-Cloud 14' },
			appraisalPeriod: { firstYear: '2025/26', years: 5 }
		})
	);
	r = expectOk(
		await caseService.saveOption(officer, caseId, r.businessCase.version, null, {
			title: 'Buy',
			description: '',
			mitigatedBp: 0,
			costs: [],
			benefits: []
		})
	);
	r = expectOk(
		await caseService.choosePreferred(officer, caseId, r.businessCase.version, r.itemId!)
	);
	r = expectOk(
		await caseService.saveRisk(officer, caseId, r.businessCase.version, null, {
			title: 'Data migration slips',
			description: '',
			owner: 'Head of ICT',
			mitigation: 'Trial loads',
			inherent: { likelihood: 4, impact: 4 },
			residual: { likelihood: 3, impact: 4 }
		})
	);
	const submitted = expectOk(
		await decisions.submitBusinessCase(officer, caseId, r.businessCase.version)
	);
	expectOk(
		await decide(approver, caseId, submitted.businessCase.version, {
			outcome: 'approved',
			decisionMaker: 'cabinet',
			meetingDate: '2025-08-20',
			minuteRef: 'CAB/25/071',
			keyDecision: true,
			conditions: '',
			reasons: ''
		})
	);
	// Re-planned after approval, without going back to members: the report still measures from 15 August.
	const replanned = expectOk(
		await milestoneService.updateMilestone(o.actor, goLive.milestone.id, goLive.milestone.version, {
			kind: 'go_live',
			plannedDate: '2025-11-30',
			forecastDate: null,
			actualDate: null,
			note: ''
		})
	);
	return {
		...o,
		officer,
		approver,
		committee,
		careFirst,
		faxGateway,
		wsLine: wsLine.line,
		goLive: replanned.milestone,
		caseId
	};
}

const draftFor = (workstreamId: number): ReportDraft => ({
	summary: `Go-live has moved; ${SUPPLIER} has given a recovery plan.`,
	workstreams: [
		{
			workstreamId,
			narrative: 'The supplier is late with the data migration tool.',
			override: null
		}
	],
	recommendations: [{ text: 'Note the revised go-live', reason: 'The approved date has passed' }]
});

async function issue(actor: Actor, year: string, quarter: number, draft: ReportDraft) {
	const created = expectOk(
		await reportService.createReportDraft(actor, { financialYear: year, quarter })
	);
	const updated = expectOk(
		await reportService.updateReportDraft(actor, created.report.id, created.report.version, {
			title: created.report.title,
			draft
		})
	);
	return expectOk(await issueAsShown(actor, updated.report.id, updated.report.version)).report;
}

async function storedRow(id: number) {
	const rs = await database().client.execute({
		sql: 'SELECT snapshot, content_hash, public_snapshot, public_hash FROM committee_report WHERE id = ?',
		args: [id]
	});
	const row = rs.rows[0]!;
	return {
		snapshot: String(row.snapshot),
		contentHash: String(row.content_hash),
		publicSnapshot: String(row.public_snapshot),
		publicHash: String(row.public_hash)
	};
}

describe('issuing a quarterly report', () => {
	it('measures slippage against the approved baseline, freezes both versions with their hashes, and never changes after', async () => {
		const p = await programme();
		const report = await issue(p.officer, '2025/26', 2, draftFor(p.caseManagement.id));
		const snapshot = report.snapshot!;
		expect(report).toMatchObject({
			status: 'issued',
			issuedBy: p.officer.displayName,
			contentHash: expect.stringMatching(/^[0-9a-f]{64}$/)
		});
		expect(report.contentHash).toBe(await reportHash(snapshot));
		expect(report.publicHash).toBe(await reportHash(report.publicSnapshot!));
		expect(snapshot.asAt).toBe('2025-09-30');

		// Slippage against the approved case's date (15 August), not the re-planned one (30 November).
		const goLive = snapshot.milestones.find((m) => m.kind === 'go_live')!;
		expect(goLive).toMatchObject({
			baselineDate: '2025-08-15',
			baselineSource: 'approved business case',
			status: 'slipped',
			slipDays: 107
		});
		expect(goLive.baselineWords).toMatch(/Children’s case management, version 1 as approved/);
		const cm = snapshot.workstreams.find((w) => w.id === p.caseManagement.id)!;
		expect(cm).toMatchObject({
			rag: 'Red',
			narrative: 'The supplier is late with the data migration tool.'
		});
		expect(snapshot.workstreams.find((w) => w.id === p.integration.id)).toMatchObject({
			rag: 'Green'
		});
		expect(snapshot.spend.rows).toEqual([
			{
				spendType: 'capital',
				budgetPence: PLANTED_PENCE + 51_000_000,
				actualPence: PLANTED_PENCE + 1_000_000,
				remainingPence: 50_000_000
			},
			{ spendType: 'revenue', budgetPence: 0, actualPence: 0, remainingPence: 0 }
		]);
		expect(snapshot.businessCasesDecided.map((d) => [d.minuteRef, d.outcomeLabel])).toEqual([
			['CAB/25/071', 'Approved']
		]);
		expect(snapshot.topRisks.map((r) => [r.title, r.residualScore])).toEqual([
			['Data migration slips', 12]
		]);
		expect(snapshot.recommendations).toEqual([
			{ number: 1, text: 'Note the revised go-live', reason: 'The approved date has passed' }
		]);
		expect(snapshot.reviews.now).toMatchObject({
			systems: 2,
			notReviewed: 1,
			outcomes: { replace: 1 }
		});

		const before = await storedRow(report.id);
		// Change a cost line, a milestone and a review: the issued report and its hashes stay as they were.
		expectOk(
			await costService.updateCostLine(
				p.actor,
				p.wsLine.id,
				p.wsLine.version,
				{ workstreamId: p.caseManagement.id },
				line({ amountPence: 99_000_000, confidence: 'actual' })
			)
		);
		expectOk(
			await milestoneService.updateMilestone(p.actor, p.goLive.id, p.goLive.version, {
				kind: 'go_live',
				plannedDate: '2025-11-30',
				forecastDate: null,
				actualDate: '2025-10-20',
				note: ''
			})
		);
		await reviewService.recordReview(p.actor, p.faxGateway.id, null, {
			reviewedOn: '2025-10-01',
			reviewer: 'Group',
			summary: '',
			outcomes: [
				{
					outcome: 'decommission',
					rationale: 'Unused',
					status: 'agreed',
					targetDate: '2026-01-31',
					workstreamId: null
				}
			]
		});
		expect(await storedRow(report.id)).toEqual(before);
		const view = (await reportService.getReport(p.committee, report.id, 'committee'))!;
		expect(view.content).toEqual(snapshot);
		expect(view.contentHash).toBe(report.contentHash);
		expect(await reportHash(view.content)).toBe(report.contentHash);

		// The database refuses any change or deletion of an issued report, whatever the caller.
		const client = database().client;
		await expect(
			client.execute({
				sql: 'UPDATE committee_report SET content_hash = ? WHERE id = ?',
				args: ['0'.repeat(64), report.id]
			})
		).rejects.toThrow(/issued/);
		await expect(
			client.execute({
				sql: "UPDATE committee_report SET public_snapshot = '{}' WHERE id = ?",
				args: [report.id]
			})
		).rejects.toThrow(/issued/);
		await expect(
			client.execute({
				sql: "UPDATE committee_report SET status = 'draft' WHERE id = ?",
				args: [report.id]
			})
		).rejects.toThrow(/issued/);
		await expect(
			client.execute({ sql: 'DELETE FROM committee_report WHERE id = ?', args: [report.id] })
		).rejects.toThrow(/issued/);
		// ... and so does the service.
		expect(
			await reportService.updateReportDraft(p.officer, report.id, report.version, {
				title: 'x',
				draft: draftFor(p.caseManagement.id)
			})
		).toMatchObject({ ok: false, reason: 'refused' });
		expect(await issueAsShown(p.officer, report.id, report.version)).toMatchObject({
			ok: false,
			reason: 'refused'
		});
		expect(
			await reportService.discardReportDraft(p.officer, report.id, report.version)
		).toMatchObject({ ok: false, reason: 'refused' });
	});

	it('leaves the exempt annex and supplier names out of the public version’s bytes', async () => {
		const p = await programme();
		const report = await issue(p.officer, '2025/26', 2, draftFor(p.caseManagement.id));
		const stored = await storedRow(report.id);
		// The full version (for members in closed session) carries them ...
		expect(stored.snapshot).toContain(SUPPLIER);
		expect(stored.snapshot).toContain(String(PLANTED_PENCE));
		expect(
			report.snapshot!.annex!.spendBySystem.find((s) => s.label === 'CareFirst')
		).toMatchObject({ supplier: SUPPLIER, actualPence: PLANTED_PENCE });
		expect(report.snapshot!.annex!.approvedCostTables).toHaveLength(1);
		// ... the public one has neither, nor the other supplier, nor the approved case's cost table.
		for (const exempt of [
			SUPPLIER,
			String(PLANTED_PENCE),
			'Old Telecoms plc',
			'costTable',
			'spendBySystem'
		])
			expect(stored.publicSnapshot).not.toContain(exempt);
		expect(report.publicSnapshot!.summary).toBe(
			'Go-live has moved; [exempt: withheld] has given a recovery plan.'
		);
		const pub = (await reportService.getReport(p.committee, report.id, 'public'))!;
		expect(pub).toMatchObject({
			includesExemptAnnex: false,
			contentHash: null,
			publicHash: report.publicHash
		});
		expect(serialiseReport(pub.content)).toBe(stored.publicSnapshot);
	});
});

describe('since last quarter', () => {
	it('compares Q3 with the Q2 report as issued, whatever the data did in between', async () => {
		const p = await programme();
		const q2 = await issue(p.officer, '2025/26', 2, draftFor(p.caseManagement.id));
		// In Q3: go-live achieved on 20 October, more actual spend, and Fax Gateway reviewed for decommission.
		expectOk(
			await milestoneService.updateMilestone(p.actor, p.goLive.id, p.goLive.version, {
				kind: 'go_live',
				plannedDate: '2025-11-30',
				forecastDate: null,
				actualDate: '2025-10-20',
				note: ''
			})
		);
		expectOk(
			await costService.createCostLine(
				p.actor,
				{ workstreamId: p.caseManagement.id },
				line({
					amountPence: 2_500_000,
					confidence: 'actual',
					spendType: 'revenue',
					category: 'training'
				})
			)
		);
		await reviewService.recordReview(p.actor, p.faxGateway.id, null, {
			reviewedOn: '2025-10-01',
			reviewer: 'Group',
			summary: '',
			outcomes: [
				{
					outcome: 'decommission',
					rationale: 'Unused',
					status: 'agreed',
					targetDate: '2026-01-31',
					workstreamId: null
				}
			]
		});
		const q3 = await issue(p.officer, '2025/26', 3, {
			summary: 'Live.',
			workstreams: [],
			recommendations: [{ text: 'Agree to switch off CareFirst', reason: 'Replacement is live' }]
		});
		expect(q3.snapshot!.reviews.lastQuarterLabel).toBe('Q2 2025/26');
		expect(q3.snapshot!.reviews.lastQuarter).toEqual(q2.snapshot!.reviews.now);

		const since = (await reportService.sinceLastQuarter(p.committee, q3.id, 'committee'))!;
		expect(since.previous).toMatchObject({ id: q2.id });
		const d = since.diff!;
		expect([d.from, d.to]).toEqual(['Q2 2025/26', 'Q3 2025/26']);
		expect(d.ragChanges).toEqual([
			{ workstreamId: p.caseManagement.id, name: 'Case Management', from: 'Red', to: 'Green' }
		]);
		expect(d.newlyAchieved.map((m) => [m.of, m.kind, m.slipDays])).toEqual([
			['Case Management', 'go_live', 66]
		]);
		expect(d.newlySlipped).toEqual([]);
		expect(d.spend).toEqual([
			{ spendType: 'capital', budgetPence: 0, actualPence: 0 },
			{ spendType: 'revenue', budgetPence: 2_500_000, actualPence: 2_500_000 }
		]);
		expect(d.reviews).toEqual({
			outcomes: { maintain: 0, develop: 0, decommission: 1, replace: 0 },
			notReviewed: -1,
			decommissioned: 0,
			replaced: 0
		});
		expect(d.newDecisions).toEqual([]);
		expect(d.newRecommendations.map((r) => r.text)).toEqual(['Agree to switch off CareFirst']);
		// The first report has nothing before it.
		expect(await reportService.sinceLastQuarter(p.committee, q2.id, 'committee')).toEqual({
			previous: null,
			diff: null
		});
	});
});

describe('drafts, audience and audit', () => {
	it('lets committee and public read issued reports only, of their own organisation', async () => {
		const p = await programme();
		const other = await makeOrganisation();
		const outsider = await person(other.org.id, 'committee');
		const q2 = await issue(p.officer, '2025/26', 2, draftFor(p.caseManagement.id));
		const draft = expectOk(
			await reportService.createReportDraft(p.officer, { financialYear: '2025/26', quarter: 3 })
		).report;

		expect(await reportService.getReport(p.committee, draft.id, 'committee')).toBeUndefined();
		expect(await reportService.getReport(p.committee, draft.id, 'public')).toBeUndefined();
		expect(
			await reportService.sinceLastQuarter(p.committee, draft.id, 'committee')
		).toBeUndefined();
		const live = (await reportService.getReport(p.officer, draft.id, 'officer'))!;
		expect(live).toMatchObject({ live: true, contentHash: null, includesExemptAnnex: true });
		expect(live.content.reviews.lastQuarterLabel).toBe('Q2 2025/26');

		expect((await reportService.getReport(p.committee, q2.id, 'committee'))!).toMatchObject({
			live: false,
			includesExemptAnnex: true,
			contentHash: q2.contentHash
		});
		expect(await reportService.getReport(outsider, q2.id, 'committee')).toBeUndefined();
		expect(await reportService.getReport(outsider, q2.id, 'officer')).toBeUndefined();
		expect(await reportService.sinceLastQuarter(outsider, q2.id, 'committee')).toBeUndefined();
		expect((await reportService.listIssuedReports(p.org.id)).map((r) => r.id)).toEqual([q2.id]);
		expect((await reportService.listAllReports(p.org.id)).map((r) => r.id)).toEqual([
			draft.id,
			q2.id
		]);
		expect(await reportService.listIssuedReports(other.org.id)).toEqual([]);
	});

	it('refuses a second report for a quarter, a quarter not yet begun, a stale edit and an override with no reason', async () => {
		const p = await programme();
		const created = expectOk(
			await reportService.createReportDraft(p.officer, { financialYear: '2025/26', quarter: 1 })
		);
		expect(created.report.title).toBe('ICT programme progress report, Q1 2025/26');
		expect(
			await reportService.createReportDraft(p.officer, { financialYear: '2025/26', quarter: 1 })
		).toMatchObject({
			ok: false,
			reason: 'refused',
			message: /already a draft report for Q1 2025\/26/
		});
		expect(
			await reportService.createReportDraft(p.officer, { financialYear: '2099/00', quarter: 1 })
		).toMatchObject({ ok: false, reason: 'refused', message: /has not begun/ });
		expect(
			await reportService.createReportDraft(p.officer, { financialYear: '2025', quarter: 5 })
		).toMatchObject({
			ok: false,
			reason: 'invalid',
			errors: { financialYear: expect.any(String), quarter: expect.any(String) }
		});
		const id = created.report.id;
		expectOk(
			await reportService.updateReportDraft(p.officer, id, 1, {
				title: 'Q1',
				draft: draftFor(p.caseManagement.id)
			})
		);
		expect(
			await reportService.updateReportDraft(p.officer, id, 1, {
				title: 'Q1 again',
				draft: draftFor(p.caseManagement.id)
			})
		).toMatchObject({ ok: false, reason: 'conflict', current: { version: 2, title: 'Q1' } });
		const noReason: ReportDraft = {
			...draftFor(p.caseManagement.id),
			workstreams: [
				{ workstreamId: p.caseManagement.id, narrative: '', override: { rag: 'Green', reason: '' } }
			]
		};
		expect(
			await reportService.updateReportDraft(p.officer, id, 2, { title: 'Q1', draft: noReason })
		).toMatchObject({
			ok: false,
			reason: 'invalid',
			errors: { [`workstream-${p.caseManagement.id}-reason`]: expect.any(String) }
		});
		expectOk(await reportService.discardReportDraft(p.officer, id, 2));
		expect(await reportService.getReport(p.officer, id, 'officer')).toBeUndefined();
	});

	it('audits creating, editing, issuing and each read of the exempt annex', async () => {
		const p = await programme();
		const q2 = await issue(p.officer, '2025/26', 2, draftFor(p.caseManagement.id));
		await reportService.getReport(p.committee, q2.id, 'committee');
		await reportService.getReport(p.committee, q2.id, 'public');
		const rows = await audit.historyOf(db(), p.org.id, 'committee_report', q2.id);
		expect(rows.map((r) => r.action).sort()).toEqual(['create', 'issue', 'read-exempt', 'update']);
		const issued = rows.find((r) => r.action === 'issue')!;
		expect(JSON.parse(issued.after!)).toMatchObject({
			status: 'issued',
			contentHash: q2.contentHash,
			publicHash: q2.publicHash
		});
		expect(rows.find((r) => r.action === 'read-exempt')).toMatchObject({
			userId: p.committee.userId
		});
		// The audit trail says what changed in the draft, and who issued it.
		expect(rows.find((r) => r.action === 'issue')).toMatchObject({ userId: p.officer.userId });
	});
});
