/**
 * Every audit row the demo portfolio and a scripted round of changes write (systems, reviews,
 * links, outage figures, contact views, cost lines, funding, milestones, imports, business cases
 * and their decisions, committee reports, users, sign-ins, refusals) reads in words: no raw
 * camelCase key, no JSON brace, no ISO date, no 'Id:'. And the names come from the reader's
 * organisation only.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { db, startDatabase, makeOrganisation, createSystem, systemInput } from './helpers';
import { caseShown, reportShown } from './shown';
import { loadDemoPortfolio } from '$lib/server/services/demo/load';
import { flushAuditOutbox, transaction } from '$lib/server/db/database';
import { authorise } from '$lib/server/auth/guard';
import { recordNotFound } from '$lib/server/web/record';
import * as audit from '$lib/server/repos/audit';
import * as organisations from '$lib/server/repos/organisations';
import * as systemService from '$lib/server/services/systems';
import * as reviewService from '$lib/server/services/reviews';
import * as linkService from '$lib/server/services/workstreams';
import * as outageService from '$lib/server/services/outage';
import * as contacts from '$lib/server/services/contacts';
import * as costService from '$lib/server/services/cost-lines';
import * as fundingService from '$lib/server/services/funding';
import * as milestoneService from '$lib/server/services/milestones';
import * as caseService from '$lib/server/services/business-cases';
import * as decisions from '$lib/server/services/business-case-decisions';
import * as reportService from '$lib/server/services/committee-reports';
import * as userService from '$lib/server/services/users';
import * as auth from '$lib/server/services/auth';
import * as importService from '$lib/server/services/imports';
import * as costImport from '$lib/server/services/cost-import';
import type { DecisionInput } from '$lib/domain/business-cases';

beforeAll(async () => {
	await startDatabase();
});

function ok<T extends { ok: boolean }>(result: T): Extract<T, { ok: true }> {
	if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result)}`);
	return result as Extract<T, { ok: true }>;
}
const enc = (s: string) => new TextEncoder().encode(s);
const from = { ip: '192.0.2.7', userAgent: 'test', requestId: 'req-1' };

/** A request as the guard sees it, from a signed-in user of `role`. */
function requestAs(
	organisationId: number,
	userId: number,
	role: 'viewer' | 'editor',
	method: string,
	path: string
) {
	const url = new URL(`http://localhost${path}`);
	return {
		locals: {
			user: { id: userId, email: 'viewer@example.gov.uk', role },
			organisation: { id: organisationId },
			requestId: 'req-2'
		},
		url,
		request: new Request(url, { method }),
		getClientAddress: () => '192.0.2.8'
	} as unknown as RequestEvent;
}

/** A scripted round of every kind of change the app audits, in a fresh organisation. */
async function scriptedChanges() {
	const o = await makeOrganisation();
	const admin = ok(
		await userService.createUser(o.actor, {
			organisationId: o.org.id,
			email: `admin${o.org.id}@example.gov.uk`,
			displayName: 'Ada Admin',
			role: 'org_admin',
			password: 'a long test password'
		})
	).user;
	const approverUser = ok(
		await userService.createUser(o.actor, {
			organisationId: o.org.id,
			email: `approver${o.org.id}@example.gov.uk`,
			displayName: 'Cllr Approver',
			role: 'approver',
			password: 'a long test password'
		})
	).user;
	const actor = { ...o.actor, userId: admin.id, displayName: admin.email };
	const approver = {
		organisationId: o.org.id,
		userId: approverUser.id,
		displayName: approverUser.email
	};
	const place = await transaction((tx) => organisations.createDirectorate(tx, o.org.id, 'Place'));

	// Systems: create, edit cost, directorate and contact, review twice, link, unlink, outage, reveal, archive.
	const s = await createSystem(actor, {
		name: 'CareFirst',
		annualRunCostPence: 52_800_000,
		directorateId: o.directorate.id,
		serviceAreaId: o.area.id,
		contactName: 'Pat Person',
		contactEmail: 'pat@example.gov.uk'
	});
	const edited = ok(
		await systemService.updateSystem(
			actor,
			s.id,
			s.version,
			systemInput({
				name: 'CareFirst',
				annualRunCostPence: 41_200_000,
				directorateId: place.id,
				contractEnd: '2027-03-03',
				contactName: 'Sam Other',
				contactEmail: 'pat@example.gov.uk'
			})
		)
	).system;
	const first = ok(
		await reviewService.recordReview(actor, s.id, null, {
			reviewedOn: '2026-11-14',
			reviewer: 'Strategy group',
			summary: '',
			outcomes: [
				{
					outcome: 'develop',
					rationale: 'Needs work',
					status: 'agreed',
					targetDate: null,
					workstreamId: null
				}
			]
		})
	);
	ok(
		await reviewService.recordReview(actor, s.id, first.review.id, {
			reviewedOn: '2026-12-01',
			reviewer: 'Strategy group',
			summary: '',
			outcomes: [
				{
					outcome: 'replace',
					rationale: 'New system',
					status: 'proposed',
					targetDate: '2028-03-31',
					workstreamId: o.caseManagement.id
				}
			]
		})
	);
	ok(await linkService.linkSystemToWorkstream(actor, o.integration.id, s.id, 'Feeds the hub'));
	ok(await linkService.unlinkSystemFromWorkstream(actor, o.integration.id, s.id));
	ok(
		await outageService.setSystemOutage(actor, s.id, edited.version, {
			concurrentUsers: 400,
			outageMinutesPerYear: 480,
			costPerUserHourPence: null
		})
	);
	await outageService.setOutageDefault(actor, {
		costPerUserHourPence: 1500,
		basis: 'Average salary plus on-costs'
	});
	await contacts.revealContact(actor, 'org_admin', s.id, 'view');
	const other = await createSystem(actor, { name: 'Old Ledger' });
	ok(await systemService.archiveSystem(actor, other.id, other.version));

	// Money: funding, cost lines, milestones, a rebuild of the totals.
	const fund = ok(
		await fundingService.createFundingSource(actor, {
			name: 'Transformation reserve',
			kind: 'reserves',
			spendType: 'capital',
			allocations: [{ financialYear: '2026/27', amountPence: 10_000_000 }]
		})
	).source;
	const fund2 = ok(
		await fundingService.updateFundingSource(actor, fund.id, fund.version, {
			name: 'Transformation reserve',
			kind: 'reserves',
			spendType: 'capital',
			notes: 'Agreed by cabinet',
			allocations: [{ financialYear: '2026/27', amountPence: 12_000_000 }]
		})
	).source;
	ok(
		await fundingService.setFundingAllocations(actor, fund.id, fund2.version, [
			{ financialYear: '2027/28', amountPence: 5_000_000 }
		])
	);
	const costInput = {
		financialYear: '2026/27' as const,
		spendType: 'capital' as const,
		category: 'implementation' as const,
		amountPence: 50_000_000,
		confidence: 'estimate' as const,
		fundingSourceId: fund.id,
		description: 'Implementation partner'
	};
	const line = ok(
		await costService.createCostLine(actor, { systemId: s.id, outcome: 'replace' }, costInput)
	).line;
	const line2 = ok(
		await costService.updateCostLine(
			actor,
			line.id,
			line.version,
			{ systemId: s.id, outcome: 'replace' },
			{ ...costInput, amountPence: 45_000_000, confidence: 'committed' }
		)
	).line;
	ok(await costService.archiveCostLine(actor, line.id, line2.version));
	const wsLine = ok(
		await costService.createCostLine(
			actor,
			{ workstreamId: o.caseManagement.id },
			{ ...costInput, fundingSourceId: null }
		)
	).line;
	const m = ok(
		await milestoneService.createMilestone(
			actor,
			{ systemId: s.id, outcome: 'replace' },
			{
				kind: 'decommission',
				plannedDate: '2028-03-31',
				forecastDate: null,
				actualDate: null,
				note: ''
			}
		)
	).milestone;
	const m2 = ok(
		await milestoneService.updateMilestone(actor, m.id, m.version, {
			kind: 'decommission',
			plannedDate: '2028-03-31',
			forecastDate: '2028-06-30',
			actualDate: null,
			note: 'Supplier late'
		})
	).milestone;
	ok(await milestoneService.archiveMilestone(actor, m.id, m2.version));
	ok(
		await milestoneService.createMilestone(
			actor,
			{ workstreamId: o.caseManagement.id },
			{ kind: 'go_live', plannedDate: '2027-06-30', forecastDate: null, actualDate: null, note: '' }
		)
	);
	await costService.rebuildCostTotals(actor);

	// Imports: systems and cost lines.
	const up = await importService.uploadFile(
		actor,
		'inventory.csv',
		enc(
			'System name;Annual cost (£);Hosting;Criticality;Personal data;Workstreams\nNew Hub;"£12,500.00";SaaS;High;Yes;Integration\nCareFirst;"£400,000.00";SaaS;High;Yes;\n'
		)
	);
	if (!up.ok) throw new Error(up.reason);
	const preview = (await importService.previewUpload(actor, up.uploadId))!;
	ok(await importService.commitUpload(actor, up.uploadId, {}, preview.planHash));
	const header =
		'Line reference,System external reference,System name,Workstream,Outcome,Financial year,Capital or revenue,Category,Amount (£),Confidence,Funding source,Description\n';
	const costUp = await costImport.uploadFile(
		actor,
		'costs.csv',
		enc(`${header},,CareFirst,,,2026/27,Revenue,Licence,1000,Estimate,,Licences\n`)
	);
	if (!costUp.ok) throw new Error(costUp.reason);
	const costPreview = (await costImport.previewCostUpload(actor, costUp.uploadId))!;
	ok(await costImport.commitCostUpload(actor, costUp.uploadId, {}, costPreview.planHash));

	// A business case from start to decision, a refused decision, and a new version.
	let r = ok(
		await caseService.createBusinessCase(actor, {
			title: 'Case management',
			stage: 'outline',
			scope: { workstreamIds: [o.caseManagement.id], systemIds: [s.id] }
		})
	);
	const caseId = r.businessCase.id;
	r = ok(
		await caseService.updateCaseDetails(actor, caseId, r.businessCase.version, {
			title: 'Case management',
			stage: 'full',
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
	r = ok(
		await caseService.saveOption(actor, caseId, r.businessCase.version, null, {
			title: 'Buy a new system',
			description: '',
			mitigatedBp: 0,
			costs: [],
			benefits: []
		})
	);
	r = ok(await caseService.choosePreferred(actor, caseId, r.businessCase.version, r.itemId!));
	r = ok(
		await caseService.saveRisk(actor, caseId, r.businessCase.version, null, {
			title: 'Data migration slips',
			description: '',
			owner: 'Head of ICT',
			mitigation: 'Trial loads',
			inherent: { likelihood: 3, impact: 4 },
			residual: { likelihood: 2, impact: 3 }
		})
	);
	const submitted = ok(await decisions.submitBusinessCase(actor, caseId, r.businessCase.version));
	const decision: DecisionInput = {
		outcome: 'approved',
		decisionMaker: 'cabinet',
		meetingDate: '2027-01-14',
		minuteRef: 'CAB/2027/014',
		keyDecision: true,
		conditions: '',
		reasons: 'Value for money'
	};
	expect(
		(
			await decisions.decideBusinessCase(
				approver,
				caseId,
				submitted.businessCase.version,
				decision,
				{ fingerprint: 'f'.repeat(64), lines: null }
			)
		).ok
	).toBe(false);
	const decided = ok(
		await decisions.decideBusinessCase(
			approver,
			caseId,
			submitted.businessCase.version,
			decision,
			await caseShown(o.org.id, caseId)
		)
	);
	ok(await decisions.reviseBusinessCase(actor, caseId, decided.businessCase.version));

	// A committee report: drafted, edited, issued (after a refused issue), read with its annex; another discarded.
	const report = ok(
		await reportService.createReportDraft(actor, { financialYear: '2026/27', quarter: 3 })
	).report;
	const reportEdited = ok(
		await reportService.updateReportDraft(actor, report.id, report.version, {
			title: report.title,
			draft: {
				summary: 'On track overall',
				workstreams: [
					{
						workstreamId: o.caseManagement.id,
						narrative: 'Procurement started',
						override: { rag: 'Amber', reason: 'Supplier late' }
					}
				],
				recommendations: [{ text: 'Note the report', reason: 'For information' }]
			}
		})
	).report;
	expect(
		(
			await reportService.issueReport(actor, report.id, reportEdited.version, {
				fingerprint: '0'.repeat(64),
				lines: null
			})
		).ok
	).toBe(false);
	ok(
		await reportService.issueReport(
			actor,
			report.id,
			reportEdited.version,
			await reportShown(actor, report.id)
		)
	);
	await reportService.getReport(actor, report.id, 'committee');
	const spare = ok(
		await reportService.createReportDraft(actor, { financialYear: '2026/27', quarter: 2 })
	).report;
	ok(await reportService.discardReportDraft(actor, spare.id, spare.version));

	// People: role change, disable, enable, sign-in, a failed sign-in, sign-out; two refusals.
	const viewer = ok(
		await userService.createUser(actor, {
			organisationId: o.org.id,
			email: `viewer${o.org.id}@example.gov.uk`,
			displayName: 'Val Viewer',
			role: 'editor',
			password: 'a long test password'
		})
	).user;
	ok(await userService.changeRole(actor, 'org_admin', viewer.id, 'viewer'));
	ok(await userService.setDisabled(actor, 'org_admin', viewer.id, true));
	ok(await userService.setDisabled(actor, 'org_admin', viewer.id, false));
	const signedIn = await auth.signIn(viewer.email, 'a long test password', from);
	if (!signedIn.ok) throw new Error('sign-in failed');
	await auth.signIn(viewer.email, 'the wrong password entirely', from);
	await auth.signOut(
		{ organisationId: o.org.id, userId: viewer.id, displayName: viewer.email },
		signedIn.token
	);
	await flushAuditOutbox();
	await expect(
		authorise(
			requestAs(o.org.id, viewer.id, 'viewer', 'POST', `/systems/${s.id}/edit`),
			'catalogue:write'
		)
	).rejects.toMatchObject({ status: 403 });
	const theirs = await createSystem((await makeOrganisation()).actor, { name: 'Their system' });
	await expect(
		recordNotFound(
			requestAs(o.org.id, viewer.id, 'viewer', 'GET', `/systems/${theirs.id}`),
			'system',
			theirs.id
		)
	).rejects.toMatchObject({ status: 404 });
	return { org: o.org, system: s, wsLine };
}

const RAW = [
	{ why: 'a JSON brace', pattern: /[{}]/ },
	{ why: 'a camelCase key', pattern: /\b[a-z]+[A-Z][A-Za-z]*\b/ },
	{ why: 'an ISO date', pattern: /\d{4}-\d{2}-\d{2}/ },
	{ why: "an id-ish 'Id:'", pattern: /Id:/ },
	{ why: 'a snake_case code', pattern: /\b[a-z]+_[a-z_]+\b/ }
];

describe('the audit trail in words', { timeout: 60_000 }, () => {
	it('reads every row the demo portfolio and a scripted round of changes write', async () => {
		const demo = await loadDemoPortfolio();
		const scripted = await scriptedChanges();
		const seen = new Set<string>();
		for (const organisationId of [demo.organisationId, scripted.org.id]) {
			const rows = await audit.exportAudit(db(), organisationId, {});
			const words = await audit.describeAudit(db(), organisationId, rows);
			rows.forEach((r, i) => {
				seen.add(`${r.entity} ${r.action}`);
				const w = words[i]!;
				for (const text of [w.what, w.record, w.when, w.detail, ...w.lines]) {
					for (const { why, pattern } of RAW)
						expect(text, `${r.entity} ${r.action}: ${why} in '${text}'`).not.toMatch(pattern);
				}
				// Every row says something beyond its headline, except those whose headline is the whole story.
				expect(w.what, `${r.entity} ${r.action}`).not.toMatch(/\(/);
			});
		}
		// The round covered what it set out to: each of these was written and read.
		for (const pair of [
			'system create',
			'system update',
			'system review',
			'system link-workstream',
			'system unlink-workstream',
			'system link',
			'system set-outage',
			'system contact-viewed',
			'system archive',
			'organisation set-outage-default',
			'funding_source create',
			'funding_source update',
			'funding_source set-allocations',
			'cost_line create',
			'cost_line update',
			'cost_line archive',
			'milestone create',
			'milestone update',
			'milestone archive',
			'cost_total rebuild',
			'import import',
			'business_case create',
			'business_case update',
			'business_case option-add',
			'business_case option-prefer',
			'business_case risk-add',
			'business_case submit',
			'business_case decide-refused',
			'business_case decide',
			'business_case revise',
			'committee_report create',
			'committee_report update',
			'committee_report issue-refused',
			'committee_report issue',
			'committee_report read-exempt',
			'committee_report discard',
			'user create',
			'user role-change',
			'user disable',
			'user enable',
			'session sign-in',
			'session sign-in-failed',
			'session sign-out',
			'access access-denied',
			'system access-denied'
		])
			expect(seen, pair).toContain(pair);
	});

	it('shows the edit of cost and directorate as the issue asks, with names from this organisation only', async () => {
		const scripted = await scriptedChanges();
		const rows = await audit.historyOf(db(), scripted.org.id, 'system', scripted.system.id);
		const words = await audit.describeAudit(db(), scripted.org.id, rows);
		const update = words.find((w) => w.what === 'System edited' && !w.detail)!;
		expect(words.find((w) => w.what === 'System edited' && w.detail)).toMatchObject({
			detail: 'By the import of inventory.csv',
			lines: ['Annual run cost: £412,000.00 to £400,000.00', 'Criticality: Medium to High']
		});
		expect(update.lines).toEqual(
			expect.arrayContaining([
				'Annual run cost: £528,000.00 to £412,000.00',
				'Directorate: Children, Families and Adults to Place',
				'Contract end: not set to 3 March 2027',
				'Contact name: recorded (personal data, not shown) to changed (personal data, not shown)'
			])
		);
		expect(update.lines.join(' ')).not.toMatch(/Pat Person|Sam Other|pat@example/);
		// Read from another organisation, the same rows name nothing of this one.
		const elsewhere = await makeOrganisation();
		const foreign = await audit.describeAudit(db(), elsewhere.org.id, rows);
		const text = foreign.flatMap((w) => [w.record, ...w.lines]).join(' ');
		expect(text).not.toMatch(/Children, Families and Adults|to Place|Children and Families/);
		expect(text).toMatch(/Directorate: a directorate since removed to a directorate since removed/);
		expect(foreign.every((w) => w.recordHref === null)).toBe(true);
	});
});
