/**
 * A decision is about exactly what the decider saw: a business case decided, or a committee report
 * issued, only on the figures whose fingerprint the page showed; a change in between (a cost line
 * added, changed or archived, a milestone moved, the draft's words edited) is refused with what
 * changed, and nothing is decided, frozen or issued.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { db, startDatabase, makeOrganisation, createSystem, person, expectOk } from './helpers';
import { caseShown, reportShown } from './shown';
import * as audit from '$lib/server/repos/audit';
import * as caseService from '$lib/server/services/business-cases';
import * as decisions from '$lib/server/services/business-case-decisions';
import * as costService from '$lib/server/services/cost-lines';
import * as milestoneService from '$lib/server/services/milestones';
import * as reportService from '$lib/server/services/committee-reports';
import type { CostLineInput } from '$lib/domain/costs';
import type { DecisionInput } from '$lib/domain/business-cases';
import { reportHash } from '$lib/domain/reports';
import { caseFigureLines } from '$lib/domain/business-cases';

beforeAll(async () => {
	await startDatabase();
});

const approval: DecisionInput = {
	outcome: 'approved',
	decisionMaker: 'cabinet',
	meetingDate: '2026-01-14',
	minuteRef: 'CAB/2026/014',
	keyDecision: true,
	conditions: '',
	reasons: ''
};
const line = (overrides: Partial<CostLineInput> = {}): CostLineInput => ({
	financialYear: '2026/27',
	spendType: 'capital',
	category: 'implementation',
	amountPence: 50_000_000,
	confidence: 'estimate',
	fundingSourceId: null,
	description: 'Implementation partner',
	...overrides
});

/** A complete case over the Case Management workstream (one £500,000 cost line, a go-live), submitted and awaiting its decision. */
async function submittedCase() {
	const o = await makeOrganisation();
	const editor = await person(o.org.id, 'editor');
	const approver = await person(o.org.id, 'approver');
	const cost = expectOk(
		await costService.createCostLine(o.actor, { workstreamId: o.caseManagement.id }, line())
	).line;
	const goLive = expectOk(
		await milestoneService.createMilestone(
			o.actor,
			{ workstreamId: o.caseManagement.id },
			{ kind: 'go_live', plannedDate: '2027-06-30', forecastDate: null, actualDate: null, note: '' }
		)
	).milestone;
	let r = expectOk(
		await caseService.createBusinessCase(editor, {
			title: 'Case management',
			stage: 'outline',
			scope: { workstreamIds: [o.caseManagement.id], systemIds: [] }
		})
	);
	const id = r.businessCase.id;
	r = expectOk(
		await caseService.updateCaseDetails(editor, id, r.businessCase.version, {
			title: 'Case management',
			stage: 'outline',
			sections: {
				strategic: 'Why',
				economic: 'Options',
				commercial: 'G-Cloud',
				financial: 'Funded',
				management: 'Board'
			},
			scope: { workstreamIds: [o.caseManagement.id], systemIds: [] },
			procurement: { systems: 'single', sourcing: 'buy', framework: 'G-Cloud 14' },
			appraisalPeriod: { firstYear: '2026/27', years: 5 }
		})
	);
	r = expectOk(
		await caseService.saveOption(editor, id, r.businessCase.version, null, {
			title: 'Buy',
			description: '',
			mitigatedBp: 0,
			costs: [],
			benefits: []
		})
	);
	r = expectOk(await caseService.choosePreferred(editor, id, r.businessCase.version, r.itemId!));
	const submitted = expectOk(
		await decisions.submitBusinessCase(editor, id, r.businessCase.version)
	);
	return { ...o, editor, approver, cost, goLive, id, version: submitted.businessCase.version };
}

type Ready = Awaited<ReturnType<typeof submittedCase>>;

/** Nothing was decided: still submitted, no snapshot, no decision, and the refusal audited with both fingerprints. */
async function expectNothingDecided(c: Ready, shownFingerprint: string) {
	const detail = (await caseService.getBusinessCaseDetail(c.org.id, c.id))!;
	expect(detail.current).toMatchObject({
		status: 'submitted',
		snapshot: null,
		contentHash: null,
		frozenAt: null
	});
	expect(detail.decisions).toEqual([]);
	const refused = (await audit.historyOf(db(), c.org.id, 'business_case', c.id)).filter(
		(h) => h.action === 'decide-refused'
	);
	expect(refused).toHaveLength(1);
	expect(JSON.parse(refused[0]!.before!)).toEqual({ fingerprint: shownFingerprint });
	expect(JSON.parse(refused[0]!.after!).fingerprint).not.toBe(shownFingerprint);
}

describe('deciding a business case on the figures shown', () => {
	it('decides on unchanged figures and freezes exactly them: the frozen snapshot, decision aside, has the fingerprint shown', async () => {
		const c = await submittedCase();
		const shown = await caseShown(c.org.id, c.id);
		expect(shown.fingerprint).toMatch(/^[0-9a-f]{64}$/);
		expect(shown.lines).toMatchObject({
			'Cost in scope: Case Management, 2026/27 capital': '£500,000.00',
			'Cost in scope: total': '£500,000.00'
		});
		const decided = expectOk(
			await decisions.decideBusinessCase(c.approver, c.id, c.version, approval, shown)
		);
		const frozen = decided.version.snapshot!;
		expect(await decisions.figuresFingerprint(frozen)).toBe(shown.fingerprint);
		expect(frozen.costTable.grandTotalPence).toBe(50_000_000);
		expect(await decisions.verifyFrozenVersion(c.org.id, c.id, 1)).toMatchObject({
			matches: true,
			figuresFingerprint: shown.fingerprint
		});
		const decide = (await audit.historyOf(db(), c.org.id, 'business_case', c.id)).find(
			(h) => h.action === 'decide'
		)!;
		expect(JSON.parse(decide.after!)).toMatchObject({
			figuresFingerprint: shown.fingerprint,
			contentHash: decided.version.contentHash
		});
	});

	it.each([
		[
			'added',
			async (c: Ready) =>
				expectOk(
					await costService.createCostLine(
						c.actor,
						{ workstreamId: c.caseManagement.id },
						line({
							financialYear: '2027/28',
							spendType: 'revenue',
							amountPence: 1_234_500,
							description: 'Licences'
						})
					)
				),
			[
				{
					label: 'Cost in scope: Case Management, 2027/28 revenue',
					before: '(none)',
					saved: '£12,345.00'
				},
				{
					label: 'Cost in scope: Case Management, total',
					before: '£500,000.00',
					saved: '£512,345.00'
				},
				{ label: 'Cost in scope: total', before: '£500,000.00', saved: '£512,345.00' }
			]
		],
		[
			'changed',
			async (c: Ready) =>
				expectOk(
					await costService.updateCostLine(
						c.actor,
						c.cost.id,
						c.cost.version,
						{ workstreamId: c.caseManagement.id },
						line({ amountPence: 75_000_000 })
					)
				),
			[
				{
					label: 'Cost in scope: Case Management, 2026/27 capital',
					before: '£500,000.00',
					saved: '£750,000.00'
				},
				{
					label: 'Cost in scope: Case Management, total',
					before: '£500,000.00',
					saved: '£750,000.00'
				},
				{ label: 'Cost in scope: total', before: '£500,000.00', saved: '£750,000.00' }
			]
		],
		[
			'archived',
			async (c: Ready) =>
				expectOk(await costService.archiveCostLine(c.actor, c.cost.id, c.cost.version)),
			[
				{ label: 'Cost in scope: total', before: '£500,000.00', saved: '£0.00' },
				{
					label: 'Cost in scope: Case Management, 2026/27 capital',
					before: '£500,000.00',
					saved: '(none)'
				},
				{ label: 'Cost in scope: Case Management, total', before: '£500,000.00', saved: '(none)' }
			]
		]
	] as const)(
		'refuses when a cost line in scope was %s after the page was opened, freezing nothing and listing the figures before and after',
		async (_how, change, expected) => {
			const c = await submittedCase();
			const shown = await caseShown(c.org.id, c.id);
			await change(c);
			const refused = await decisions.decideBusinessCase(
				c.approver,
				c.id,
				c.version,
				approval,
				shown
			);
			expect(refused).toMatchObject({ ok: false, reason: 'conflict' });
			const changes = (!refused.ok && refused.reason === 'conflict' && refused.changes) || [];
			expect(changes.map(({ label, before, saved }) => ({ label, before, saved }))).toEqual(
				expected
			);
			await expectNothingDecided(c, shown.fingerprint);

			// Deciding again on the figures as they are now records them, and freezes exactly those.
			const again = await caseShown(c.org.id, c.id);
			const decided = expectOk(
				await decisions.decideBusinessCase(c.approver, c.id, c.version, approval, again)
			);
			expect(await decisions.figuresFingerprint(decided.version.snapshot!)).toBe(again.fingerprint);
			expect(caseFigureLines(decided.version.snapshot!)['Cost in scope: total']).toBe(
				expected.find((e) => e.label === 'Cost in scope: total')!.saved
			);
		}
	);

	it('refuses a rejection too when a milestone in scope moved, saying which date', async () => {
		const c = await submittedCase();
		const shown = await caseShown(c.org.id, c.id);
		expectOk(
			await milestoneService.updateMilestone(c.actor, c.goLive.id, c.goLive.version, {
				kind: 'go_live',
				plannedDate: '2027-06-30',
				forecastDate: '2027-12-01',
				actualDate: null,
				note: ''
			})
		);
		const refused = await decisions.decideBusinessCase(
			c.approver,
			c.id,
			c.version,
			{ ...approval, outcome: 'rejected', reasons: 'Too late' },
			shown
		);
		expect(refused).toMatchObject({
			ok: false,
			reason: 'conflict',
			changes: expect.arrayContaining([
				expect.objectContaining({
					label: 'Milestone: Case Management, go-live',
					before: expect.stringContaining('forecast none'),
					saved: expect.stringContaining('forecast 1 December 2027')
				})
			])
		});
		await expectNothingDecided(c, shown.fingerprint);
	});

	it('refuses a missing or forged fingerprint, and copes with lines that cannot be read', async () => {
		const c = await submittedCase();
		const shown = await caseShown(c.org.id, c.id);
		expect(
			await decisions.decideBusinessCase(c.approver, c.id, c.version, approval, {
				fingerprint: '',
				lines: shown.lines
			})
		).toMatchObject({ ok: false, reason: 'conflict', changes: [] });
		expect(
			await decisions.decideBusinessCase(c.approver, c.id, c.version, approval, {
				fingerprint: 'f'.repeat(64),
				lines: null
			})
		).toMatchObject({ ok: false, reason: 'conflict', changes: [] });
		expect((await caseService.getBusinessCaseDetail(c.org.id, c.id))!.decisions).toEqual([]);
		// Forged lines only mislabel the 'before' column: the fingerprint decides.
		expectOk(
			await decisions.decideBusinessCase(c.approver, c.id, c.version, approval, {
				fingerprint: shown.fingerprint,
				lines: { 'Cost in scope: total': '£1.00' }
			})
		);
	});
});

describe('issuing a committee report as shown', () => {
	/** A draft Q2 2025/26 report (a past quarter, so its position is as at the quarter's end) over a workstream with costs. */
	async function draftReport() {
		const o = await makeOrganisation();
		const officer = await person(o.org.id, 'editor');
		await createSystem(o.actor, { name: 'CareFirst', supplier: 'Zephyrine Software Ltd' });
		expectOk(
			await costService.createCostLine(
				o.actor,
				{ workstreamId: o.caseManagement.id },
				line({ financialYear: '2025/26', amountPence: 1_000_000, confidence: 'actual' })
			)
		);
		const created = expectOk(
			await reportService.createReportDraft(officer, { financialYear: '2025/26', quarter: 2 })
		);
		const saved = expectOk(
			await reportService.updateReportDraft(officer, created.report.id, created.report.version, {
				title: created.report.title,
				draft: { summary: 'On track.', workstreams: [], recommendations: [] }
			})
		);
		return { ...o, officer, report: saved.report };
	}

	it('issues an unchanged report with the fingerprint shown as its content hash', async () => {
		const r = await draftReport();
		const shown = await reportShown(r.officer, r.report.id);
		const issued = expectOk(
			await reportService.issueReport(r.officer, r.report.id, r.report.version, shown)
		);
		expect(issued.report.contentHash).toBe(shown.fingerprint);
		expect(await reportHash(issued.report.snapshot!)).toBe(shown.fingerprint);
	});

	it('refuses when spend changed after the page was opened, issuing nothing and listing the spend before and after', async () => {
		const r = await draftReport();
		const shown = await reportShown(r.officer, r.report.id);
		expectOk(
			await costService.createCostLine(
				r.actor,
				{ workstreamId: r.caseManagement.id },
				line({ financialYear: '2025/26', amountPence: 250_000 })
			)
		);
		const refused = await reportService.issueReport(
			r.officer,
			r.report.id,
			r.report.version,
			shown
		);
		expect(refused).toMatchObject({
			ok: false,
			reason: 'conflict',
			changes: expect.arrayContaining([
				{
					field: 'Spend to date, capital',
					label: 'Spend to date, capital',
					before: 'budget £10,000.00, spend £10,000.00, remaining £0.00',
					saved: 'budget £12,500.00, spend £10,000.00, remaining £2,500.00',
					yours: null
				}
			])
		});
		const view = (await reportService.getReport(r.officer, r.report.id, 'officer'))!;
		expect(view.report).toMatchObject({ status: 'draft', contentHash: null, issuedAt: null });
		const refusals = (
			await audit.historyOf(db(), r.org.id, 'committee_report', r.report.id)
		).filter((h) => h.action === 'issue-refused');
		expect(refusals).toHaveLength(1);
		// Issued once read again: exactly the report now shown.
		const again = await reportShown(r.officer, r.report.id);
		expect(
			expectOk(await reportService.issueReport(r.officer, r.report.id, r.report.version, again))
				.report.contentHash
		).toBe(again.fingerprint);
	});

	it('refuses when another officer changed the words, showing the text before and after', async () => {
		const r = await draftReport();
		const shown = await reportShown(r.officer, r.report.id);
		const other = await person(r.org.id, 'editor');
		const edited = expectOk(
			await reportService.updateReportDraft(other, r.report.id, r.report.version, {
				title: r.report.title,
				draft: { summary: 'Two weeks late.', workstreams: [], recommendations: [] }
			})
		);
		expect(
			await reportService.issueReport(r.officer, r.report.id, r.report.version, shown)
		).toMatchObject({
			ok: false,
			reason: 'conflict',
			current: { version: edited.report.version },
			changes: [{ label: 'Summary', before: 'On track.', saved: 'Two weeks late.' }]
		});
		expect((await reportService.getReport(r.officer, r.report.id, 'officer'))!.report.status).toBe(
			'draft'
		);
	});
});
