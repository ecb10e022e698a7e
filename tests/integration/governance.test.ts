/**
 * Shared-service governance against a real database: partners read a shared service's register and
 * the systems run for them and nothing else; approved versions are frozen by the database; the
 * author-not-tester and RTO rules hold in the database as well as the service; a plan approved at
 * an inquorate meeting is not ratified until a quorate meeting ratifies it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { db, startDatabase, makeOrganisation, createSystem, expectOk } from './helpers';
import { database } from '$lib/server/db/database';
import * as partnershipService from '$lib/server/services/governance-partnerships';
import * as documentService from '$lib/server/services/governance-documents';
import * as recoveryService from '$lib/server/services/governance-recovery';
import * as meetingService from '$lib/server/services/governance-meetings';
import * as register from '$lib/server/services/governance-register';
import * as partnerships from '$lib/server/repos/governance-partnerships';
import * as documents from '$lib/server/repos/governance-documents';
import { listAudit } from '$lib/server/repos/audit';
import type { Actor } from '$lib/server/services/actor';

beforeAll(async () => {
	await startDatabase();
});

const objectives = {
	rtoMinutes: 240,
	rpoMinutes: 60,
	mtpdMinutes: 1440,
	restorationOrder: 1,
	agreedBy: 'Head of Revenues',
	agreedOn: '2026-04-01'
};

/** A shared service with three partner councils, a system run for two of them, an author and a tester. */
async function partnership() {
	const shared = await makeOrganisation('Tri-Council ICT');
	const [a, b, c] = [
		await makeOrganisation('Council A'),
		await makeOrganisation('Council B'),
		await makeOrganisation('Council C')
	];
	const admin = { ...shared.actor, displayName: 'platform admin' };
	expectOk(
		await partnershipService.saveAgreement(admin, null, {
			title: 'Tri-Council ICT agreement',
			reference: 'TC/1',
			signedOn: '2020-04-01',
			quorumRule: 'all',
			quorumMinimum: null
		})
	);
	for (const p of [a, b, c])
		expectOk(await partnershipService.addPartner(admin, p.org.id, '2020-04-01'));
	const payroll = await createSystem(shared.actor, {
		name: 'Shared Payroll',
		criticality: 'critical'
	});
	const aOwn = await createSystem(a.actor, { name: 'Council A own housing system' });
	expectOk(await partnershipService.setSystemPartners(admin, payroll.id, [a.org.id, b.org.id]));
	expectOk(await recoveryService.saveObjectives(shared.actor, payroll.id, null, objectives));
	const author = expectOk(
		await documentService.addPerson(shared.actor, {
			name: 'Ann Author',
			jobTitle: 'Infrastructure manager'
		})
	).personId;
	const tester = expectOk(
		await documentService.addPerson(shared.actor, {
			name: 'Tess Tester',
			jobTitle: 'Internal audit, Council B'
		})
	).personId;
	return { shared, a, b, c, payroll, aOwn, author, tester, admin };
}

async function planWithVersion(actor: Actor, systemId: number, authorId: number) {
	const made = expectOk(
		await documentService.createDocument(
			actor,
			{
				kind: 'disaster_recovery',
				title: 'ICT DR plan',
				scope: 'systems',
				serviceName: '',
				restricted: false,
				systemIds: [systemId],
				summary: 'v1',
				linkUrl: null,
				authorIds: [authorId]
			},
			null
		)
	);
	return made;
}

async function meeting(actor: Actor, on: string, attendees: Record<number, string>) {
	return meetingService.recordMeeting(
		actor,
		{
			body: 'joint_committee',
			meetingOn: on,
			title: `Joint Committee ${on}`,
			minutesUrl: '',
			attendees
		},
		'2026-12-06'
	);
}

describe('partners and isolation', () => {
	it("a partner reads the shared service's register and the systems run for it, never another partner's", async () => {
		const p = await partnership();
		expect(await partnerships.isPartnerOn(db(), p.shared.org.id, p.a.org.id, '2026-12-06')).toBe(
			true
		);
		const forA = await register.registerForPartner(db(), p.shared.org.id, p.a.org.id, '2026-12-06');
		expect(forA.systems.map((s) => s.name)).toEqual(['Shared Payroll']);
		expect(forA.systems[0]!.objectives?.rtoMinutes).toBe(240);
		// Council C is a partner but Payroll is not run for it.
		expect(
			(await register.registerForPartner(db(), p.shared.org.id, p.c.org.id, '2026-12-06')).systems
		).toEqual([]);
		// Council A's own system never appears in the shared service's reads, nor in another partner's.
		const text = JSON.stringify([
			forA,
			await register.registerForPartner(db(), p.shared.org.id, p.b.org.id, '2026-12-06')
		]);
		expect(text).not.toContain('Council A own housing system');
		// A partner is not a partner of another partner: isolation between councils is unchanged.
		expect(await partnerships.isPartnerOn(db(), p.a.org.id, p.b.org.id, '2026-12-06')).toBe(false);
	});

	it('a partner that has left reads nothing from the day it left', async () => {
		const p = await partnership();
		const membership = (await partnerships.listPartners(db(), p.shared.org.id)).find(
			(m) => m.partnerOrganisationId === p.b.org.id
		)!;
		expectOk(await partnershipService.recordPartnerLeft(p.admin, membership.id, '2026-03-31'));
		expect(await partnerships.isPartnerOn(db(), p.shared.org.id, p.b.org.id, '2026-03-30')).toBe(
			true
		);
		expect(await partnerships.isPartnerOn(db(), p.shared.org.id, p.b.org.id, '2026-03-31')).toBe(
			false
		);
		expect(
			(await partnerships.sharedServicesOf(db(), p.b.org.id, '2026-12-06')).map(
				(s) => s.organisationId
			)
		).not.toContain(p.shared.org.id);
	});

	it("refuses a system of another organisation, and a partner that is not the agreement's", async () => {
		const p = await partnership();
		const other = await makeOrganisation('Stranger');
		expect(await partnershipService.setSystemPartners(p.admin, p.aOwn.id, [p.a.org.id])).toEqual({
			ok: false,
			errors: { systemId: 'Choose one of your systems' }
		});
		expect(
			await partnershipService.setSystemPartners(p.admin, p.payroll.id, [other.org.id])
		).toMatchObject({ ok: false });
		expect(
			await partnershipService.addPartner(p.admin, p.shared.org.id, '2021-01-01')
		).toMatchObject({ ok: false });
		// One person, one entry: the same name again would let an author pass as a different tester.
		expect(
			await documentService.addPerson(p.shared.actor, { name: 'ann author', jobTitle: '' })
		).toMatchObject({ ok: false });
	});
});

describe('documents, approval and freezing', () => {
	it('approval freezes the version by hash; the database refuses any change, deletion or new author', async () => {
		const p = await partnership();
		const plan = await planWithVersion(p.shared.actor, p.payroll.id, p.author);
		const m = expectOk(
			await meeting(p.shared.actor, '2026-03-12', {
				[p.a.org.id]: 'Cllr A',
				[p.b.org.id]: 'Cllr B',
				[p.c.org.id]: 'Cllr C'
			})
		);
		expect(m.quorate).toBe(true);
		const approved = expectOk(
			await documentService.approveVersion(p.shared.actor, plan.versionId, {
				meetingId: m.meetingId,
				minuteRef: 'JC/2026/14',
				reviewBy: null
			})
		);
		const v = (await documents.getVersion(db(), p.shared.org.id, plan.versionId))!;
		expect(v).toMatchObject({
			status: 'approved',
			reviewBy: '2027-03-12',
			approvedOn: '2026-03-12',
			contentHash: approved.contentHash
		});
		expect(await documentService.verifyVersion(db(), p.shared.org.id, plan.versionId)).toBe(true);
		const client = database().client;
		await expect(
			client.execute({
				sql: 'UPDATE governance_document_version SET summary = ? WHERE id = ?',
				args: ['changed', plan.versionId]
			})
		).rejects.toThrow(/frozen/);
		await expect(
			client.execute({
				sql: 'DELETE FROM governance_document_version WHERE id = ?',
				args: [plan.versionId]
			})
		).rejects.toThrow(/frozen/);
		await expect(
			client.execute({
				sql: 'INSERT INTO governance_document_author (organisation_id, version_id, person_id) VALUES (?, ?, ?)',
				args: [p.shared.org.id, plan.versionId, p.tester]
			})
		).rejects.toThrow(/frozen/);
		// A second approval of the same version is refused, and nothing half-saved: no second decision.
		const again = await documentService.approveVersion(p.shared.actor, plan.versionId, {
			meetingId: m.meetingId,
			minuteRef: 'JC/2026/15',
			reviewBy: null
		});
		expect(again.ok).toBe(false);
		expect((await register.meetingRegister(db(), p.shared.org.id))[0]!.decisions).toHaveLength(1);
		// A later approved version supersedes it without touching the frozen row.
		const v2 = expectOk(
			await documentService.addVersion(
				p.shared.actor,
				plan.documentId,
				{ summary: 'v2', linkUrl: null, authorIds: [p.author] },
				null
			)
		);
		expectOk(
			await documentService.approveVersion(p.shared.actor, v2.versionId, {
				meetingId: m.meetingId,
				minuteRef: 'JC/2026/16',
				reviewBy: '2027-01-31'
			})
		);
		const entry = (await register.documentRegister(db(), p.shared.org.id, '2026-12-06')).find(
			(d) => d.id === plan.documentId
		)!;
		expect(entry.versions.map((x) => [x.number, x.status])).toEqual([
			[2, 'approved'],
			[1, 'superseded']
		]);
		expect(await documentService.verifyVersion(db(), p.shared.org.id, plan.versionId)).toBe(true);
	});

	it('a plan approved at an inquorate meeting is not ratified until a quorate meeting ratifies it', async () => {
		const p = await partnership();
		const plan = await planWithVersion(p.shared.actor, p.payroll.id, p.author);
		const inquorate = expectOk(
			await meeting(p.shared.actor, '2026-02-10', {
				[p.a.org.id]: 'Cllr A',
				[p.b.org.id]: 'Cllr B'
			})
		);
		expect(inquorate).toMatchObject({
			quorate: false,
			summary: '2 of 3 partners present; 3 needed: not quorate'
		});
		const approval = expectOk(
			await documentService.approveVersion(p.shared.actor, plan.versionId, {
				meetingId: inquorate.meetingId,
				minuteRef: 'JC/2026/03',
				reviewBy: null
			})
		);
		const shown = async () =>
			(await register.documentRegister(db(), p.shared.org.id, '2026-12-06')).find(
				(d) => d.id === plan.documentId
			)!.current!.ratified;
		expect(await shown()).toBe(false);
		// An inquorate meeting cannot ratify; a quorate one can, once.
		expect(
			await meetingService.ratifyDecision(
				p.shared.actor,
				inquorate.meetingId,
				approval.decisionId,
				'JC/2026/04'
			)
		).toMatchObject({ ok: false });
		const quorate = expectOk(
			await meeting(p.shared.actor, '2026-03-12', {
				[p.a.org.id]: 'Cllr A',
				[p.b.org.id]: 'Cllr B',
				[p.c.org.id]: 'Cllr C'
			})
		);
		expectOk(
			await meetingService.ratifyDecision(
				p.shared.actor,
				quorate.meetingId,
				approval.decisionId,
				'JC/2026/20'
			)
		);
		expect(await shown()).toBe(true);
		expect(
			await meetingService.ratifyDecision(
				p.shared.actor,
				quorate.meetingId,
				approval.decisionId,
				'JC/2026/21'
			)
		).toMatchObject({
			ok: false,
			errors: { decisionId: 'That decision has already been ratified' }
		});
	});

	it('refuses a meeting with no partner present, or only partners who were not members that day', async () => {
		const p = await partnership();
		expect(await meeting(p.shared.actor, '2026-03-12', {})).toMatchObject({
			ok: false,
			errors: { attendees: expect.stringMatching(/no partner present/) }
		});
		expect(await meeting(p.shared.actor, '2019-03-12', { [p.a.org.id]: 'Cllr A' })).toMatchObject({
			ok: false,
			errors: { meetingOn: expect.any(String) }
		});
		expect(await meeting(p.shared.actor, '2027-03-12', { [p.a.org.id]: 'Cllr A' })).toMatchObject({
			ok: false,
			errors: { meetingOn: expect.stringMatching(/today or in the past/) }
		});
	});
});

describe('recovery tests', () => {
	const base = {
		testType: 'full_failover' as const,
		testedOn: '2026-11-14',
		evidence: 'Failover log',
		actions: []
	};

	it('refuses an author as tester, naming them, in the service; and the database refuses it too', async () => {
		const p = await partnership();
		const plan = await planWithVersion(p.shared.actor, p.payroll.id, p.author);
		const refused = await recoveryService.recordTest(
			p.shared.actor,
			plan.versionId,
			{
				...base,
				result: 'passed',
				testerIds: [p.author],
				systems: [{ systemId: p.payroll.id, achievedMinutes: 100, dataLossMinutes: 0 }]
			},
			'2026-12-06'
		);
		expect(refused).toMatchObject({
			ok: false,
			errors: {
				testerIds:
					'Ann Author is an author of version 1 of this plan, so cannot test it: choose testers who did not write it'
			}
		});
		expect(await register.testRegister(db(), p.shared.org.id)).toEqual([]);
		const done = expectOk(
			await recoveryService.recordTest(
				p.shared.actor,
				plan.versionId,
				{
					...base,
					result: 'passed',
					testerIds: [p.tester],
					systems: [{ systemId: p.payroll.id, achievedMinutes: 100, dataLossMinutes: 0 }]
				},
				'2026-12-06'
			)
		);
		const client = database().client;
		await expect(
			client.execute({
				sql: 'INSERT INTO recovery_test_tester (organisation_id, test_id, person_id) VALUES (?, ?, ?)',
				args: [p.shared.org.id, done.testId, p.author]
			})
		).rejects.toThrow(/author of the plan version tested/);
		// Nor can a tester be made an author of the version afterwards.
		const draft = expectOk(
			await documentService.addVersion(
				p.shared.actor,
				plan.documentId,
				{ summary: 'v2', linkUrl: null, authorIds: [p.author] },
				null
			)
		);
		const t2 = expectOk(
			await recoveryService.recordTest(
				p.shared.actor,
				draft.versionId,
				{
					...base,
					testType: 'tabletop',
					result: 'failed',
					evidence: '',
					testerIds: [p.tester],
					systems: []
				},
				'2026-12-06'
			)
		);
		expect(t2.testId).toBeGreaterThan(0);
		await expect(
			client.execute({
				sql: 'INSERT INTO governance_document_author (organisation_id, version_id, person_id) VALUES (?, ?, ?)',
				args: [p.shared.org.id, draft.versionId, p.tester]
			})
		).rejects.toThrow(/tester of this plan version/);
		await expect(
			client.execute({
				sql: 'UPDATE recovery_test SET result = ? WHERE id = ?',
				args: ['passed', done.testId]
			})
		).rejects.toThrow(/append-only/);
	});

	it('a breach of the RTO cannot pass, in the service or the database; it records with its action', async () => {
		const p = await partnership();
		const plan = await planWithVersion(p.shared.actor, p.payroll.id, p.author);
		const breach = { systemId: p.payroll.id, achievedMinutes: 300, dataLossMinutes: 30 };
		expect(
			await recoveryService.recordTest(
				p.shared.actor,
				plan.versionId,
				{ ...base, result: 'passed', testerIds: [p.tester], systems: [breach] },
				'2026-12-06'
			)
		).toMatchObject({
			ok: false,
			errors: {
				result: expect.stringMatching(/Shared Payroll took 5 hours against an RTO of 4 hours/)
			}
		});
		const recorded = expectOk(
			await recoveryService.recordTest(
				p.shared.actor,
				plan.versionId,
				{
					...base,
					result: 'passed_with_issues',
					testerIds: [p.tester],
					systems: [breach],
					actions: [
						{
							description: 'Restore runbook out of date',
							owner: 'Infrastructure lead',
							dueOn: '2026-12-01'
						}
					]
				},
				'2026-12-06'
			)
		);
		expect(recorded.breaches).toBe(1);
		const view = await register.scrutiny(db(), p.shared.org.id, '2026-12-06');
		expect(view.rows.find((r) => r.systemId === p.payroll.id)).toMatchObject({
			testedWithin12Months: true,
			withinRto: false,
			allFour: false
		});
		expect(view.overdueActions.map((a) => a.description)).toEqual(['Restore runbook out of date']);
		const client = database().client;
		const passed = await client.execute({
			sql: "INSERT INTO recovery_test (organisation_id, version_id, test_type, tested_on, result, evidence, recorded_by) VALUES (?, ?, 'partial', '2026-11-01', 'passed', 'log', 'sql') RETURNING id",
			args: [p.shared.org.id, plan.versionId]
		});
		const testId = Number(passed.rows[0]![0]);
		await expect(
			client.execute({
				sql: 'INSERT INTO recovery_test_system (organisation_id, test_id, system_id, rto_minutes, achieved_minutes) VALUES (?, ?, ?, 240, 300)',
				args: [p.shared.org.id, testId, p.payroll.id]
			})
		).rejects.toThrow(/cannot be recorded as passed/);
		await expect(
			client.execute({
				sql: "INSERT INTO recovery_test (organisation_id, version_id, test_type, tested_on, result, evidence, recorded_by) VALUES (?, ?, 'partial', '2026-11-01', 'passed', '  ', 'sql')",
				args: [p.shared.org.id, plan.versionId]
			})
		).rejects.toThrow(/CHECK/);
	});

	it('refuses a test in the future and a pass without evidence, saving nothing', async () => {
		const p = await partnership();
		const plan = await planWithVersion(p.shared.actor, p.payroll.id, p.author);
		const r = await recoveryService.recordTest(
			p.shared.actor,
			plan.versionId,
			{
				...base,
				testedOn: '2026-12-07',
				result: 'passed',
				evidence: '',
				testerIds: [p.tester],
				systems: []
			},
			'2026-12-06'
		);
		expect(r).toMatchObject({
			ok: false,
			errors: { testedOn: expect.any(String), evidence: expect.any(String) }
		});
		expect(await register.testRegister(db(), p.shared.org.id)).toEqual([]);
	});
});

describe('recovery objectives', () => {
	it('saves from the version the form was opened at; a stale save is a conflict; RTO above MTPD is refused by the database', async () => {
		const p = await partnership();
		const saved = expectOk(
			await recoveryService.saveObjectives(p.shared.actor, p.payroll.id, 1, {
				...objectives,
				rtoMinutes: 120
			})
		);
		expect(saved.objectives.version).toBe(2);
		expect(
			await recoveryService.saveObjectives(p.shared.actor, p.payroll.id, 1, objectives)
		).toMatchObject({ ok: false, reason: 'conflict' });
		expect(
			await recoveryService.saveObjectives(p.shared.actor, p.aOwn.id, null, objectives)
		).toEqual({ ok: false, reason: 'not-found' });
		await expect(
			database().client.execute({
				sql: 'UPDATE recovery_objective SET rto_minutes = 2000 WHERE system_id = ?',
				args: [p.payroll.id]
			})
		).rejects.toThrow(/CHECK/);
		const trail = await listAudit(db(), p.shared.org.id, { action: 'set-recovery-objectives' });
		expect(trail.total).toBe(2);
	});
});
