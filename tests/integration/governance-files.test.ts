/**
 * Governance files against a real database: minutes and papers attached to a meeting and never
 * changed afterwards; a partner downloading the shared service's plan attachments and meeting
 * papers, never a restricted policy's, never once it has left, and never another organisation's
 * through the shared service's address; every download of a restricted policy audited.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { db, startDatabase, makeOrganisation, expectOk } from './helpers';
import { database } from '$lib/server/db/database';
import * as partnershipService from '$lib/server/services/governance-partnerships';
import * as documentService from '$lib/server/services/governance-documents';
import * as meetingService from '$lib/server/services/governance-meetings';
import * as paperService from '$lib/server/services/governance-papers';
import * as register from '$lib/server/services/governance-register';
import * as partnerships from '$lib/server/repos/governance-partnerships';
import { listAudit } from '$lib/server/repos/audit';
import type { Actor } from '$lib/server/services/actor';

beforeAll(async () => {
	await startDatabase();
});

const TODAY = '2026-12-06';
const text = (s: string) => ({ name: 'plan.txt', ext: 'txt', bytes: new TextEncoder().encode(s) });

async function sharedService() {
	const shared = await makeOrganisation('Files Shared ICT');
	const [a, b, stranger] = [
		await makeOrganisation('Files Council A'),
		await makeOrganisation('Files Council B'),
		await makeOrganisation('Files Stranger')
	];
	expectOk(
		await partnershipService.saveAgreement(shared.actor, null, {
			title: 'Agreement',
			reference: '',
			signedOn: '2020-04-01',
			quorumRule: 'all',
			quorumMinimum: null
		})
	);
	for (const p of [a, b])
		expectOk(await partnershipService.addPartner(shared.actor, p.org.id, '2020-04-01'));
	const author = expectOk(
		await documentService.addPerson(shared.actor, { name: 'Ann Author', jobTitle: '' })
	).personId;
	const doc = (actor: Actor, title: string, restricted: boolean, body: string, authorId: number) =>
		documentService.createDocument(
			actor,
			{
				kind: restricted ? 'security_policy' : 'disaster_recovery',
				title,
				scope: 'organisation',
				serviceName: '',
				restricted,
				systemIds: [],
				summary: '',
				linkUrl: null,
				authorIds: [authorId]
			},
			text(body)
		);
	const plan = expectOk(await doc(shared.actor, 'Shared DR plan', false, 'DR PLAN TEXT', author));
	const policy = expectOk(
		await doc(shared.actor, 'Shared security policy', true, 'RESTRICTED TEXT', author)
	);
	const aAuthor = expectOk(
		await documentService.addPerson(a.actor, { name: 'A Author', jobTitle: '' })
	).personId;
	const aOwn = expectOk(await doc(a.actor, 'Council A own plan', false, 'A OWN TEXT', aAuthor));
	const meeting = expectOk(
		await meetingService.recordMeeting(
			shared.actor,
			{
				body: 'board',
				meetingOn: '2026-11-02',
				title: 'Board',
				minutesUrl: '',
				attendees: { [a.org.id]: 'Cllr A', [b.org.id]: 'Cllr B' }
			},
			TODAY
		)
	).meetingId;
	return { shared, a, b, stranger, plan, policy, aOwn, meeting };
}

describe('meeting minutes and papers', () => {
	it('attaches papers numbered within the meeting, lists them with it, and the database refuses any change', async () => {
		const s = await sharedService();
		const first = expectOk(
			await paperService.attachPaper(
				s.shared.actor,
				s.meeting,
				{ kind: 'papers', title: 'Agenda pack' },
				text('AGENDA')
			)
		).paper;
		const second = expectOk(
			await paperService.attachPaper(
				s.shared.actor,
				s.meeting,
				{ kind: 'minutes', title: 'Minutes' },
				text('MINUTES')
			)
		).paper;
		expect([first.number, second.number]).toEqual([1, 2]);
		const listed = (await register.meetingRegister(db(), s.shared.org.id)).find(
			(m) => m.id === s.meeting
		)!;
		expect(listed.papers.map((p) => [p.number, p.kind, p.title])).toEqual([
			[1, 'papers', 'Agenda pack'],
			[2, 'minutes', 'Minutes']
		]);
		const read = await paperService.readPaper(s.shared.org.id, s.meeting, 2);
		expect(new TextDecoder().decode(read!.bytes)).toBe('MINUTES');
		expect(read!.type).toBe('text/plain');
		// Another organisation's meeting is not found; nothing is attached to it.
		expect(
			await paperService.attachPaper(
				s.a.actor,
				s.meeting,
				{ kind: 'papers', title: 'Sneaky' },
				text('X')
			)
		).toEqual({ ok: false, reason: 'not-found' });
		expect(await paperService.readPaper(s.a.org.id, s.meeting, 1)).toBeUndefined();
		const client = database().client;
		await expect(
			client.execute({
				sql: "UPDATE governance_meeting_paper SET title = 'changed' WHERE id = ?",
				args: [first.id]
			})
		).rejects.toThrow(/cannot be changed/);
		await expect(
			client.execute({ sql: 'DELETE FROM governance_meeting_paper WHERE id = ?', args: [first.id] })
		).rejects.toThrow(/cannot be removed/);
	});
});

describe("a partner's downloads", () => {
	it("downloads the shared service's plan and papers while a partner, never a restricted policy's or another organisation's", async () => {
		const s = await sharedService();
		expectOk(
			await paperService.attachPaper(
				s.shared.actor,
				s.meeting,
				{ kind: 'minutes', title: 'Minutes' },
				text('SHARED MINUTES')
			)
		);
		const plan = await paperService.readSharedAttachment(
			s.a.actor,
			s.shared.org.id,
			s.plan.documentId,
			1,
			TODAY
		);
		expect(plan.ok && new TextDecoder().decode(plan.file.bytes)).toBe('DR PLAN TEXT');
		const paper = await paperService.readSharedPaper(
			s.b.actor,
			s.shared.org.id,
			s.meeting,
			1,
			TODAY
		);
		expect(paper.ok && new TextDecoder().decode(paper.file.bytes)).toBe('SHARED MINUTES');
		const trail = await listAudit(db(), s.a.org.id, { size: 50 });
		expect(trail.rows.some((r) => r.action === 'partner-download')).toBe(true);

		const read = (actor: Actor, documentId: number, on = TODAY) =>
			paperService.readSharedAttachment(actor, s.shared.org.id, documentId, 1, on);
		expect(await read(s.a.actor, s.policy.documentId)).toEqual({ ok: false, reason: 'restricted' });
		expect(await read(s.stranger.actor, s.plan.documentId)).toEqual({
			ok: false,
			reason: 'not-partner'
		});
		// Council B, through the shared service's address, asking for Council A's own plan.
		expect(await read(s.b.actor, s.aOwn.documentId)).toEqual({ ok: false, reason: 'not-found' });
		expect(
			await paperService.readSharedAttachment(
				s.a.actor,
				s.shared.org.id,
				s.plan.documentId,
				2,
				TODAY
			)
		).toEqual({ ok: false, reason: 'no-file' });
		expect(
			await paperService.readSharedPaper(s.stranger.actor, s.shared.org.id, s.meeting, 1, TODAY)
		).toEqual({ ok: false, reason: 'not-partner' });

		// Once Council B has left, it downloads nothing.
		const membership = (await partnerships.listPartners(db(), s.shared.org.id)).find(
			(m) => m.partnerOrganisationId === s.b.org.id
		)!;
		expectOk(
			await partnershipService.recordPartnerLeft(s.shared.actor, membership.id, '2026-12-01')
		);
		expect(await read(s.b.actor, s.plan.documentId)).toEqual({ ok: false, reason: 'not-partner' });
		expect(await read(s.b.actor, s.plan.documentId, '2026-11-30')).toMatchObject({ ok: true });
	});

	it("audits every download of the shared service's own restricted policy", async () => {
		const s = await sharedService();
		const version = (await register.documentRegister(db(), s.shared.org.id, TODAY)).find(
			(d) => d.id === s.policy.documentId
		)!.versions[0]!;
		const before = (await listAudit(db(), s.shared.org.id, { size: 200 })).rows.filter(
			(r) => r.action === 'view-restricted'
		).length;
		const file = await documentService.readAttachment(s.shared.actor, version.id);
		expect(new TextDecoder().decode(file!.bytes!)).toBe('RESTRICTED TEXT');
		const after = (await listAudit(db(), s.shared.org.id, { size: 200 })).rows.filter(
			(r) => r.action === 'view-restricted'
		).length;
		expect(after).toBe(before + 1);
	});
});
