/**
 * Two organisations with a row in every OData entity set, made through the app's own services:
 * systems with tied values (for paging over ties), reviews, links, cost lines, funding, milestones,
 * an approved business case, an issued committee report, a governance plan with a recovery test,
 * recovery objectives, and a partnership (the first organisation is a shared service the second joins;
 * the second is a shared service too, for a third council), each with an allocation key, recharges, a
 * partner budget, an issued statement and a draft one (which the feed leaves out).
 */
import { createSystem, db, expectOk, makeOrganisation, person } from './helpers';
import { decide, issue } from './shown';
import { loadDemoPortfolio } from '$lib/server/services/demo/load';
import * as organisations from '$lib/server/repos/organisations';
import * as caseService from '$lib/server/services/business-cases';
import * as decisions from '$lib/server/services/business-case-decisions';
import * as costService from '$lib/server/services/cost-lines';
import * as milestoneService from '$lib/server/services/milestones';
import * as reportService from '$lib/server/services/committee-reports';
import * as documentService from '$lib/server/services/governance-documents';
import * as recoveryService from '$lib/server/services/governance-recovery';
import * as partnershipService from '$lib/server/services/governance-partnerships';
import * as keyService from '$lib/server/services/recharge-keys';
import * as budgetService from '$lib/server/services/partner-budgets';
import * as statementService from '$lib/server/services/recharge-statements';
import { contentHash } from '$lib/domain/hashing';
import { serviceKey } from '$lib/domain/recharges';
import * as governanceDocs from '$lib/server/repos/governance-documents';
import * as workstreams from '$lib/server/repos/workstreams';
import type { Actor } from '$lib/server/services/actor';

const HOSTINGS = ['saas', 'on_premises', 'hosted'] as const;

/** An approved case over `workstreamId` (which has a cost line), as a member decides one. */
async function approvedCase(actor: Actor, organisationId: number, workstreamId: number) {
	const editor = await person(organisationId, 'editor');
	const approver = await person(organisationId, 'approver');
	expectOk(
		await milestoneService.createMilestone(
			actor,
			{ workstreamId },
			{ kind: 'go_live', plannedDate: '2027-06-30', forecastDate: null, actualDate: null, note: '' }
		)
	);
	let r = expectOk(
		await caseService.createBusinessCase(editor, {
			title: 'Case management',
			stage: 'outline',
			scope: { workstreamIds: [workstreamId], systemIds: [] }
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
				commercial: 'G',
				financial: 'F',
				management: 'B'
			},
			scope: { workstreamIds: [workstreamId], systemIds: [] },
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
	expectOk(
		await decide(approver, id, submitted.businessCase.version, {
			outcome: 'approved',
			decisionMaker: 'cabinet',
			meetingDate: '2026-01-14',
			minuteRef: 'CAB/2026/014',
			keyDecision: true,
			conditions: '',
			reasons: ''
		})
	);
}

async function issuedReport(actor: Actor, title: string) {
	const draft = await reportService.createReportDraft(actor, {
		financialYear: '2026/27',
		quarter: 1,
		title
	});
	const report = 'ok' in draft ? (draft.ok ? draft.report : null) : draft;
	if (!report) throw new Error(`could not start the report: ${JSON.stringify(draft)}`);
	expectOk(await issue(actor, report.id, report.version));
}

async function governance(actor: Actor, systemId: number, label: string) {
	const author = expectOk(
		await documentService.addPerson(actor, { name: `${label} Author`, jobTitle: '' })
	).personId;
	const tester = expectOk(
		await documentService.addPerson(actor, { name: `${label} Tester`, jobTitle: '' })
	).personId;
	expectOk(
		await recoveryService.saveObjectives(actor, systemId, null, {
			rtoMinutes: 240,
			rpoMinutes: 60,
			mtpdMinutes: 1440,
			restorationOrder: 1,
			agreedBy: 'Head of Revenues',
			agreedOn: '2026-04-01'
		})
	);
	const made = expectOk(
		await documentService.createDocument(
			actor,
			{
				kind: 'disaster_recovery',
				title: `${label} DR plan`,
				scope: 'systems',
				serviceName: '',
				restricted: false,
				systemIds: [systemId],
				summary: 'v1',
				linkUrl: null,
				authorIds: [author]
			},
			null
		)
	);
	const version = (
		await governanceDocs.listVersions(db(), actor.organisationId, made.documentId)
	)[0]!;
	expectOk(
		await recoveryService.recordTest(
			actor,
			version.id,
			{
				testType: 'tabletop',
				testedOn: '2026-01-10',
				result: 'failed',
				evidence: '',
				testerIds: [tester],
				systems: [{ systemId, achievedMinutes: 300, dataLossMinutes: null }],
				actions: []
			},
			'2026-12-06'
		)
	);
}

/**
 * A shared service's recharge data for `partnerId`, already its partner: a default key for 2026/27,
 * a 2027/28 line on `systemId` with no key for its year (unallocated overhead), the 2026/27 budget,
 * the year's statement issued and a draft for the next year.
 */
async function recharges(actor: Actor, partnerId: number, systemId: number, budgetPence: number) {
	expectOk(
		await costService.createCostLine(
			actor,
			{ systemId },
			{
				financialYear: '2027/28',
				spendType: 'capital',
				category: 'licence',
				amountPence: 1_234_56,
				confidence: 'estimate',
				fundingSourceId: null,
				description: 'Shared overhead'
			}
		)
	);
	expectOk(
		await keyService.saveKey(
			actor,
			null,
			null,
			serviceKey('2026/27', [
				{ partnerOrganisationId: partnerId, weight: 100_00, costCentreId: null }
			])
		)
	);
	expectOk(
		await budgetService.saveBudget(actor, 0, {
			partnerOrganisationId: partnerId,
			financialYear: '2026/27',
			amountPence: budgetPence
		})
	);
	const draft = async (financialYear: string) =>
		expectOk(
			await statementService.createStatementDraft(actor, {
				partnerOrganisationId: partnerId,
				financialYear,
				quarter: 0
			})
		).statement;
	const year = await draft('2026/27');
	const shown = await statementService.contentOf(db(), year);
	expectOk(
		await statementService.issueStatement(actor, year.id, year.version, await contentHash(shown))
	);
	await draft('2027/28');
}

/** The demo portfolio (79 systems and their data) plus what it lacks, and a second organisation. */
export async function feedFixture() {
	const demo = await loadDemoPortfolio();
	const home = (await organisations.listOrganisations(db())).find(
		(o) => o.id === demo.organisationId
	)!;
	const homeActor: Actor = { organisationId: home.id, userId: null, displayName: 'Test officer' };
	// Tied values (hosting, criticality, supplier) across more rows than a page, for paging over ties.
	for (let i = 0; i < 40; i++)
		await createSystem(homeActor, {
			name: `Tied ${i % 4}`,
			hosting: HOSTINGS[i % 3]!,
			supplier: i % 2 ? 'Same Supplier' : "O'Brien & Co",
			annualRunCostPence: (i % 5) * 10_000 + 29,
			contractEnd: i % 3 ? `202${7 + (i % 3)}-0${1 + (i % 9)}-15` : null
		});
	const [caseManagement] = (await workstreams.listWorkstreams(db(), home.id)).filter(
		(w) => w.name === 'Case Management'
	);
	await approvedCase(homeActor, home.id, caseManagement!.id);
	await issuedReport(homeActor, 'Home Q1 report');
	const firstSystem = await createSystem(homeActor, { name: 'Recovery subject' });
	await governance(homeActor, firstSystem.id, 'Home');

	const other = await makeOrganisation('Other council');
	const canary = await createSystem(other.actor, {
		name: 'CANARYB system',
		supplier: 'CANARYB Ltd'
	});
	expectOk(
		await costService.createCostLine(
			other.actor,
			{ systemId: canary.id },
			{
				financialYear: '2026/27',
				spendType: 'revenue',
				category: 'licence',
				amountPence: 777_00,
				confidence: 'actual',
				fundingSourceId: null,
				description: 'CANARYB licence'
			}
		)
	);
	await issuedReport(other.actor, 'CANARYB report');
	await governance(other.actor, canary.id, 'CANARYB');
	const admin = { ...homeActor, displayName: 'platform admin' };
	expectOk(
		await partnershipService.saveAgreement(admin, null, {
			title: 'Home shared ICT',
			reference: 'SH/1',
			signedOn: '2020-04-01',
			quorumRule: 'all',
			quorumMinimum: null
		})
	);
	expectOk(await partnershipService.addPartner(admin, other.org.id, '2020-04-01'));
	await recharges(homeActor, other.org.id, firstSystem.id, 250_000_00);
	const third = await makeOrganisation('Third council');
	expectOk(
		await partnershipService.saveAgreement(other.actor, null, {
			title: 'CANARYB shared ICT',
			reference: 'CB/1',
			signedOn: '2020-04-01',
			quorumRule: 'all',
			quorumMinimum: null
		})
	);
	expectOk(await partnershipService.addPartner(other.actor, third.org.id, '2020-04-01'));
	await recharges(other.actor, third.org.id, canary.id, 777_00);
	return { home, homeActor, other: other.org, otherActor: other.actor };
}
