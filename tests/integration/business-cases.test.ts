import { beforeAll, describe, expect, it } from 'vitest';
import { db, startDatabase, makeOrganisation, createSystem, person, expectOk } from './helpers';
import { decide } from './shown';
import { database, transaction } from '$lib/server/db/database';
import * as users from '$lib/server/repos/users';
import * as cases from '$lib/server/repos/business-cases';
import * as audit from '$lib/server/repos/audit';
import * as settingsRepo from '$lib/server/repos/appraisal-settings';
import * as caseService from '$lib/server/services/business-cases';
import * as decisions from '$lib/server/services/business-case-decisions';
import * as costService from '$lib/server/services/cost-lines';
import * as reviewService from '$lib/server/services/reviews';
import * as milestoneService from '$lib/server/services/milestones';
import * as outageService from '$lib/server/services/outage';
import * as systemsRepo from '$lib/server/repos/systems';
import { GREEN_BOOK_2022, DO_MINIMUM_ID, type DecisionInput } from '$lib/domain/business-cases';
import type { Actor } from '$lib/server/services/actor';
import { contentHash } from '$lib/domain/hashing';

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
const sections = {
	strategic: 'Case for change',
	economic: 'Options',
	commercial: 'G-Cloud',
	financial: 'Funded',
	management: 'Programme board'
};

/** An organisation with a system being replaced by its Case Management workstream, costs, a go-live and a complete draft case. */
async function readyCase() {
	const o = await makeOrganisation();
	const editor = await person(o.org.id, 'editor');
	const approver = await person(o.org.id, 'approver');
	const system = await createSystem(o.actor, { annualRunCostPence: 3_650_000 });
	await reviewService.recordReview(o.actor, system.id, null, {
		reviewedOn: '2026-01-22',
		reviewer: 'Group',
		summary: '',
		outcomes: [
			{
				outcome: 'replace',
				rationale: 'Out of support',
				status: 'agreed',
				targetDate: '2027-09-30',
				workstreamId: o.caseManagement.id
			}
		]
	});
	const line = expectOk(
		await costService.createCostLine(
			o.actor,
			{ workstreamId: o.caseManagement.id },
			{
				financialYear: '2026/27',
				spendType: 'capital',
				category: 'implementation',
				amountPence: 50_000_000,
				confidence: 'estimate',
				fundingSourceId: null,
				description: 'Implementation partner'
			}
		)
	);
	await milestoneService.createMilestone(
		o.actor,
		{ workstreamId: o.caseManagement.id },
		{ kind: 'go_live', plannedDate: '2027-06-30', forecastDate: null, actualDate: null, note: '' }
	);

	let r = expectOk(
		await caseService.createBusinessCase(editor, {
			title: 'Children’s case management',
			stage: 'outline',
			scope: { workstreamIds: [o.caseManagement.id], systemIds: [] }
		})
	);
	const id = r.businessCase.id;
	r = expectOk(
		await caseService.updateCaseDetails(editor, id, r.businessCase.version, {
			title: 'Children’s case management',
			stage: 'outline',
			sections,
			scope: { workstreamIds: [o.caseManagement.id], systemIds: [] },
			procurement: { systems: 'single', sourcing: 'buy', framework: 'G-Cloud 14' },
			appraisalPeriod: { firstYear: '2026/27', years: 10 }
		})
	);
	r = expectOk(
		await caseService.saveOption(editor, id, r.businessCase.version, null, {
			title: 'Buy one case management system',
			description: '',
			mitigatedBp: 4_000,
			costs: [],
			benefits: []
		})
	);
	const optionId = r.itemId!;
	r = expectOk(
		await caseService.pullOptionFromCostModel(editor, id, r.businessCase.version, optionId)
	);
	r = expectOk(await caseService.choosePreferred(editor, id, r.businessCase.version, optionId));
	r = expectOk(
		await caseService.saveRisk(editor, id, r.businessCase.version, null, {
			title: 'Data migration slips',
			description: '',
			owner: 'Head of ICT',
			mitigation: 'Trial loads',
			inherent: { likelihood: 4, impact: 4 },
			residual: { likelihood: 2, impact: 4 }
		})
	);
	r = expectOk(
		await caseService.saveBenefit(editor, id, r.businessCase.version, null, {
			title: 'Legacy licence ends',
			kind: 'cashable',
			type: 'run_cost_saved',
			owner: 'Head of ICT',
			measure: 'Invoices',
			byYear: [{ financialYear: '2028/29', amountPence: 3_650_000 }]
		})
	);
	return { ...o, editor, approver, system, line: line.line, id, optionId, current: r };
}

describe('creating and editing a business case', () => {
	it('starts a draft version 1 with do minimum, appraised with the seeded Green Book settings', async () => {
		const { actor, org } = await makeOrganisation();
		const editor = await person(org.id, 'editor');
		const r = expectOk(
			await caseService.createBusinessCase(editor, {
				title: 'Integration',
				stage: 'strategic_outline'
			})
		);
		expect(r.businessCase).toMatchObject({ status: 'draft', currentVersionNumber: 1, version: 1 });
		expect(r.version.content.options.map((o) => o.id)).toEqual([DO_MINIMUM_ID]);
		const settings = await settingsRepo.getAppraisalSetting(db(), r.version.appraisalSettingId);
		// The migration's seeded row is exactly appraisal.ts's constant.
		expect(settings).toMatchObject({
			name: GREEN_BOOK_2022.version,
			source: GREEN_BOOK_2022.source,
			settings: GREEN_BOOK_2022
		});
		expect(
			await caseService.removeOption(editor, r.businessCase.id, 1, DO_MINIMUM_ID)
		).toMatchObject({ ok: false, reason: 'refused' });
		// Another organisation sees nothing.
		expect(
			await caseService.getBusinessCaseDetail(actor.organisationId + 1_000, r.businessCase.id)
		).toBeUndefined();
	});

	it('refuses a stale edit and writes nothing', async () => {
		const { org } = await makeOrganisation();
		const editor = await person(org.id, 'editor');
		const r = expectOk(
			await caseService.createBusinessCase(editor, { title: 'Directories', stage: 'outline' })
		);
		expectOk(
			await caseService.saveOption(editor, r.businessCase.id, 1, null, {
				title: 'A',
				description: '',
				mitigatedBp: 0,
				costs: [],
				benefits: []
			})
		);
		const stale = await caseService.saveOption(editor, r.businessCase.id, 1, null, {
			title: 'B',
			description: '',
			mitigatedBp: 0,
			costs: [],
			benefits: []
		});
		expect(stale).toMatchObject({ ok: false, reason: 'conflict', current: { version: 2 } });
		expect(
			(await caseService.getBusinessCaseDetail(
				org.id,
				r.businessCase.id
			))!.current.content.options.map((o) => o.title)
		).toEqual([expect.stringMatching(/^Do minimum/), 'A']);
	});

	it('refuses a scope naming another organisation’s workstream', async () => {
		const a = await makeOrganisation();
		const b = await makeOrganisation();
		const editor = await person(a.org.id, 'editor');
		const r = await caseService.createBusinessCase(editor, {
			title: 'X',
			stage: 'outline',
			scope: { workstreamIds: [b.integration.id], systemIds: [] }
		});
		expect(r).toMatchObject({
			ok: false,
			reason: 'invalid',
			errors: { workstreamIds: expect.any(String) }
		});
	});

	it('pulls the scope’s costs and the run cost saved from the cost model into an option', async () => {
		const c = await readyCase();
		const option = c.current.version.content.options.find((o) => o.id === c.optionId)!;
		expect(option.costs).toEqual([
			{
				financialYear: '2026/27',
				spendType: 'capital',
				amountPence: 50_000_000,
				description: 'Cost model: Case Management',
				source: 'cost_model'
			}
		]);
		// £36,500 a year, switched off on 30 September 2027: 2027/28 has 366 days (29 February 2028), 183 run and
		// 183 saved, so exactly half; then whole years.
		const saved = option.benefits.filter((b) => b.type === 'run_cost_saved');
		expect(saved[0]).toMatchObject({
			financialYear: '2027/28',
			kind: 'cashable',
			amountPence: 1_825_000
		});
		expect(saved[1]).toMatchObject({ financialYear: '2028/29', amountPence: 3_650_000 });
		expect(option.benefits.some((b) => b.type === 'outage_risk_avoided')).toBe(false);

		// With outage figures recorded, the risk the system no longer carries is a non-cashable benefit:
		// 200 users x 6 hours x £13 = £15,600 a year, apportioned like the run cost.
		const current = (await systemsRepo.getSystem(db(), c.org.id, c.system.id))!;
		expectOk(
			await outageService.setSystemOutage(c.actor, c.system.id, current.version, {
				concurrentUsers: 200,
				outageMinutesPerYear: 360,
				costPerUserHourPence: null
			})
		);
		const pulled = expectOk(
			await caseService.pullOptionFromCostModel(
				c.editor,
				c.id,
				c.current.businessCase.version,
				c.optionId
			)
		);
		const avoided = pulled.version.content.options
			.find((o) => o.id === c.optionId)!
			.benefits.filter((b) => b.type === 'outage_risk_avoided');
		expect(avoided.slice(0, 2)).toEqual([
			expect.objectContaining({
				financialYear: '2027/28',
				kind: 'non_cashable',
				amountPence: 780_000,
				source: 'cost_model'
			}),
			expect.objectContaining({ financialYear: '2028/29', amountPence: 1_560_000 })
		]);
		// Pulling again replaced the earlier pull rather than adding to it.
		expect(pulled.version.content.options.find((o) => o.id === c.optionId)!.costs).toHaveLength(1);
	});
});

describe('the workflow’s permissions', () => {
	it('lets no editor, no approver of another organisation and no one who edited the case decide it', async () => {
		const c = await readyCase();
		const submitted = expectOk(
			await decisions.submitBusinessCase(c.editor, c.id, c.current.businessCase.version)
		);
		const v = submitted.businessCase.version;

		expect(await decide(c.editor, c.id, v, approval)).toMatchObject({
			ok: false,
			reason: 'forbidden',
			message: /Only an approver/
		});
		const admin = await person(c.org.id, 'org_admin');
		expect(await decide(admin, c.id, v, approval)).toMatchObject({
			ok: false,
			reason: 'forbidden'
		});

		// An approver of another organisation does not find the case at all, exactly as if it did not exist.
		const other = await makeOrganisation();
		const outsider = await person(other.org.id, 'approver');
		expect(await decide(outsider, c.id, v, approval)).toEqual({ ok: false, reason: 'not-found' });
		// Nor can a session claim this organisation for a user of another.
		expect(
			await decide({ ...outsider, organisationId: c.org.id }, c.id, v, approval)
		).toMatchObject({ ok: false, reason: 'forbidden' });

		// An approver who edited the case (say, before their role changed) may not decide it.
		const approverWhoEdited = await person(c.org.id, 'editor');
		const withdrawn = expectOk(await decisions.withdrawBusinessCase(approverWhoEdited, c.id, v));
		const resubmitted = expectOk(
			await decisions.submitBusinessCase(c.editor, c.id, withdrawn.businessCase.version)
		);
		await transaction((tx) =>
			users.updateUser(tx, c.org.id, approverWhoEdited.userId!, { role: 'approver' })
		);
		expect(
			await decide(approverWhoEdited, c.id, resubmitted.businessCase.version, approval)
		).toMatchObject({ ok: false, reason: 'forbidden', message: /you cannot decide it/ });

		// Nothing was decided by any of those attempts, and each was audited.
		const detail = (await caseService.getBusinessCaseDetail(c.org.id, c.id))!;
		expect(detail.businessCase.status).toBe('submitted');
		expect(detail.decisions).toEqual([]);
		const refused = (await audit.historyOf(db(), c.org.id, 'business_case', c.id)).filter(
			(h) => h.action === 'decide-refused'
		);
		expect(refused).toHaveLength(4);

		// Awaiting a decision: listed for the approver who may decide it, never for one who edited it
		// nor in another organisation; gone once decided.
		const awaiting = (who: Actor) =>
			cases.listAwaitingDecisionBy(db(), who.organisationId, who.userId!);
		expect((await awaiting(c.approver)).map((a) => a.id)).toContain(c.id);
		expect((await awaiting(approverWhoEdited)).map((a) => a.id)).not.toContain(c.id);
		expect(
			(await awaiting({ ...c.approver, organisationId: other.org.id })).map((a) => a.id)
		).not.toContain(c.id);

		expectOk(await decide(c.approver, c.id, resubmitted.businessCase.version, approval));
		expect((await awaiting(c.approver)).map((a) => a.id)).not.toContain(c.id);
	});

	it('refuses to submit an incomplete draft, saying what is missing', async () => {
		const { org } = await makeOrganisation();
		const editor = await person(org.id, 'editor');
		const r = expectOk(
			await caseService.createBusinessCase(editor, { title: 'Gateway', stage: 'outline' })
		);
		const result = await decisions.submitBusinessCase(editor, r.businessCase.id, 1);
		// Invalid, one line per problem, in the order the page lists them.
		expect(result).toMatchObject({ ok: false, reason: 'invalid' });
		const problems = !result.ok && result.reason === 'invalid' ? result.errors : {};
		expect(Object.keys(problems)[0]).toBe('problem-1');
		expect(Object.values(problems)).toEqual(
			expect.arrayContaining(['Choose the preferred option', 'Write the strategic case'])
		);
	});
});

describe('approval freezes the version', () => {
	it('keeps the approved snapshot and hash unchanged when the cost lines change, and the database refuses to alter it', async () => {
		const c = await readyCase();
		const submitted = expectOk(
			await decisions.submitBusinessCase(c.editor, c.id, c.current.businessCase.version)
		);
		// No edits once submitted.
		expect(
			await caseService.saveRisk(c.editor, c.id, submitted.businessCase.version, null, {
				title: 'r',
				description: '',
				owner: 'o',
				mitigation: '',
				inherent: { likelihood: 1, impact: 1 },
				residual: { likelihood: 1, impact: 1 }
			})
		).toMatchObject({ ok: false, reason: 'refused' });
		const decided = expectOk(
			await decide(c.approver, c.id, submitted.businessCase.version, approval)
		);
		expect(decided.businessCase.status).toBe('approved');
		const frozen = decided.version;
		expect(frozen.frozenAt).not.toBeNull();
		expect(frozen.contentHash).toMatch(/^[0-9a-f]{64}$/);
		expect(frozen.contentHash).toBe(await contentHash(frozen.snapshot));
		const snapshot = frozen.snapshot!;
		// The minutes name the decision-maker, not their email address.
		const approverName = (await users.getUser(db(), c.org.id, c.approver.userId!))!.displayName;
		expect(approverName).toMatch(/^Councillor approver/);
		expect(snapshot.decision).toMatchObject({
			outcome: 'approved',
			minuteRef: 'CAB/2026/014',
			keyDecision: true,
			decidedBy: approverName
		});
		expect((await cases.listDecisions(db(), c.org.id, c.id))[0]!.decidedBy).toBe(approverName);
		expect(snapshot.costTable.grandTotalPence).toBe(50_000_000);
		expect(snapshot.costTable.rows).toEqual([
			expect.objectContaining({ label: 'Case Management', totalPence: 50_000_000 })
		]);
		expect(snapshot.timeline.fullyOperational).toMatchObject({ date: '2027-06-30' });
		expect(snapshot.appraisal.map((a) => a.optionId)).toEqual([DO_MINIMUM_ID, c.optionId]);
		// 40% mitigated: capital uplift 120% on the £500,000 implementation.
		expect(snapshot.appraisal[1]!.economic).toMatchObject({
			upliftBp: 12_000,
			adjustedCapital: expect.arrayContaining([110_000_000])
		});
		expect(snapshot.financialCases[1]!.financial).toMatchObject({
			capitalPence: 50_000_000,
			shortfallPence: { capital: 50_000_000 }
		});
		expect(snapshot.risks[0]).toMatchObject({
			inherentScore: 16,
			inherentRating: 'High',
			residualScore: 8,
			residualRating: 'Medium'
		});

		// Later the cost line doubles: the live preview moves, the approved version does not.
		expectOk(
			await costService.updateCostLine(
				c.actor,
				c.line.id,
				c.line.version,
				{ workstreamId: c.caseManagement.id },
				{
					financialYear: '2026/27',
					spendType: 'capital',
					category: 'implementation',
					amountPence: 100_000_000,
					confidence: 'committed',
					fundingSourceId: null,
					description: 'Implementation partner'
				}
			)
		);
		const again = (await caseService.getVersion(c.org.id, c.id, 1))!;
		expect(again.snapshot).toEqual(snapshot);
		expect(again.contentHash).toBe(frozen.contentHash);
		expect((await caseService.figuresOf(c.org.id, c.id, 1))!.costTable.grandTotalPence).toBe(
			50_000_000
		);
		expect(await decisions.verifyFrozenVersion(c.org.id, c.id, 1)).toMatchObject({ matches: true });

		// Straight SQL cannot change or delete it either.
		const client = database().client;
		await expect(
			client.execute({
				sql: 'UPDATE business_case_version SET content_hash = ? WHERE id = ?',
				args: ['0'.repeat(64), frozen.id]
			})
		).rejects.toThrow(/frozen/);
		await expect(
			client.execute({
				sql: "UPDATE business_case_version SET snapshot = '{}' WHERE id = ?",
				args: [frozen.id]
			})
		).rejects.toThrow(/frozen/);
		// (either trigger may answer first: the frozen one or the draft-only one)
		await expect(
			client.execute({
				sql: "UPDATE business_case_version SET content = '{}' WHERE id = ?",
				args: [frozen.id]
			})
		).rejects.toThrow(/frozen|only while it is a draft/);
		await expect(
			client.execute({
				sql: "UPDATE business_case_version SET status = 'draft' WHERE id = ?",
				args: [frozen.id]
			})
		).rejects.toThrow(/frozen/);
		await expect(
			client.execute({ sql: 'DELETE FROM business_case_version WHERE id = ?', args: [frozen.id] })
		).rejects.toThrow(/frozen/);
		await expect(
			client.execute({
				sql: "UPDATE business_case_decision SET minute_ref = 'X' WHERE business_case_id = ?",
				args: [c.id]
			})
		).rejects.toThrow(/append-only/);
		await expect(client.execute("UPDATE appraisal_setting SET source = 'x'")).rejects.toThrow(
			/never changed/
		);

		// A later edit starts version 2 from a copy; version 1 stays as approved and is the baseline.
		const revised = expectOk(
			await decisions.reviseBusinessCase(c.editor, c.id, decided.businessCase.version)
		);
		expect(revised.version).toMatchObject({
			number: 2,
			status: 'draft',
			frozenAt: null,
			snapshot: null
		});
		expect(revised.version.content).toEqual(frozen.content);
		expectOk(
			await caseService.pullOptionFromCostModel(
				c.editor,
				c.id,
				revised.businessCase.version,
				c.optionId
			)
		);
		const detail = (await caseService.getBusinessCaseDetail(c.org.id, c.id))!;
		expect(detail.baselineVersionNumber).toBe(1);
		expect(detail.current.content.options[1]!.costs[0]!.amountPence).toBe(100_000_000);
		expect((await caseService.getVersion(c.org.id, c.id, 1))!.contentHash).toBe(frozen.contentHash);
	});

	it('requires conditions for approval with conditions, and freezes that too', async () => {
		const c = await readyCase();
		const s = expectOk(
			await decisions.submitBusinessCase(c.editor, c.id, c.current.businessCase.version)
		);
		const v = s.businessCase.version;
		expect(
			await decide(c.approver, c.id, v, { ...approval, outcome: 'approved_with_conditions' })
		).toMatchObject({ ok: false, reason: 'invalid', errors: { conditions: expect.any(String) } });
		const d = expectOk(
			await decide(c.approver, c.id, v, {
				...approval,
				outcome: 'approved_with_conditions',
				conditions: 'Report to Scrutiny in six months'
			})
		);
		expect(d.version).toMatchObject({
			status: 'approved_with_conditions',
			frozenAt: expect.any(String)
		});
		expect(d.version.snapshot!.decision!.conditions).toBe('Report to Scrutiny in six months');
	});
});

describe('rejected and deferred cases', () => {
	it.each(['rejected', 'deferred'] as const)(
		'a %s case is revised as a new draft version, and each step is audited',
		async (outcome) => {
			const c = await readyCase();
			const s = expectOk(
				await decisions.submitBusinessCase(c.editor, c.id, c.current.businessCase.version)
			);
			const d = expectOk(
				await decide(c.approver, c.id, s.businessCase.version, {
					...approval,
					outcome,
					reasons: 'Needs a fuller options appraisal'
				})
			);
			expect(d.version).toMatchObject({ status: outcome, frozenAt: null, snapshot: null });
			// Its content is fixed all the same.
			await expect(
				database().client.execute({
					sql: "UPDATE business_case_version SET content = '{}' WHERE id = ?",
					args: [d.version.id]
				})
			).rejects.toThrow(/only while it is a draft/);
			expect(
				await caseService.saveOption(c.editor, c.id, d.businessCase.version, null, {
					title: 'x',
					description: '',
					mitigatedBp: 0,
					costs: [],
					benefits: []
				})
			).toMatchObject({ ok: false, reason: 'refused' });
			const r = expectOk(
				await decisions.reviseBusinessCase(c.editor, c.id, d.businessCase.version)
			);
			expect(r.businessCase).toMatchObject({ status: 'draft', currentVersionNumber: 2 });
			expect((await caseService.getVersion(c.org.id, c.id, 1))!.status).toBe(outcome);
			expectOk(
				await caseService.saveOption(c.editor, c.id, r.businessCase.version, c.optionId, {
					title: 'Buy, phased',
					description: '',
					mitigatedBp: 5_000,
					costs: [],
					benefits: []
				})
			);
			const detail = (await caseService.getBusinessCaseDetail(c.org.id, c.id))!;
			// The saved option keeps its pulled flows.
			expect(detail.current.content.options[1]).toMatchObject({
				title: 'Buy, phased',
				costs: [expect.objectContaining({ source: 'cost_model' })]
			});
			expect(detail.decisions).toEqual([
				expect.objectContaining({
					outcome,
					reasons: 'Needs a fuller options appraisal',
					decidedByUserId: c.approver.userId
				})
			]);

			const actions = (await audit.historyOf(db(), c.org.id, 'business_case', c.id))
				.map((h) => h.action)
				.reverse();
			expect(actions).toEqual([
				'create',
				'update',
				'option-add',
				'option-pull',
				'option-prefer',
				'risk-add',
				'benefit-add',
				'submit',
				'decide',
				'revise',
				'option-update'
			]);
			const decided = (await audit.historyOf(db(), c.org.id, 'business_case', c.id)).find(
				(h) => h.action === 'decide'
			)!;
			expect(decided.userId).toBe(c.approver.userId);
			expect(JSON.parse(decided.after!)).toMatchObject({
				status: outcome,
				minuteRef: 'CAB/2026/014',
				contentHash: null
			});
		}
	);
});
