/**
 * A draft version of a plan edited in place against a real database: saved from the version its
 * form was opened at (a stale save is a conflict with the draft as now saved), a tester of the
 * version refused as its author by name, the file kept unless replaced, and an approved version
 * refused (it is frozen).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { db, startDatabase, makeOrganisation, expectOk } from './helpers';
import * as documentService from '$lib/server/services/governance-documents';
import * as draftService from '$lib/server/services/governance-drafts';
import * as recoveryService from '$lib/server/services/governance-recovery';
import * as meetings from '$lib/server/repos/governance-meetings';
import * as documents from '$lib/server/repos/governance-documents';
import { listAudit } from '$lib/server/repos/audit';

beforeAll(async () => {
	await startDatabase();
});

const file = (name: string, body: string) => ({
	name,
	ext: 'txt',
	bytes: new TextEncoder().encode(body)
});

async function draftPlan() {
	const o = await makeOrganisation('Drafts Council');
	const person = async (name: string) =>
		expectOk(await documentService.addPerson(o.actor, { name, jobTitle: '' })).personId;
	const [ann, bob, tess] = [await person('Ann'), await person('Bob'), await person('Tess')];
	const made = expectOk(
		await documentService.createDocument(
			o.actor,
			{
				kind: 'business_continuity',
				title: 'BC plan',
				scope: 'organisation',
				serviceName: '',
				restricted: false,
				systemIds: [],
				summary: 'First words',
				linkUrl: null,
				authorIds: [ann]
			},
			file('v1.txt', 'ORIGINAL FILE')
		)
	);
	const state = async () =>
		(await draftService.draftState(db(), o.org.id, made.documentId, made.versionId))!;
	return { ...o, ann, bob, tess, ...made, state };
}

describe('editing a draft version in place', () => {
	it('saves from the version it was opened at; a stale save is a conflict showing the draft as saved', async () => {
		const p = await draftPlan();
		const opened = await p.state();
		expect(opened.values).toEqual({
			summary: 'First words',
			linkUrl: '',
			authors: 'Ann',
			attachment: 'v1.txt'
		});
		expectOk(
			await draftService.updateDraft(
				p.actor,
				p.documentId,
				p.versionId,
				opened.version,
				{
					summary: 'Better words',
					linkUrl: 'https://intranet.example/bc',
					authorIds: [p.ann, p.bob]
				},
				null
			)
		);
		const saved = await p.state();
		expect(saved.version).toBe(opened.version + 1);
		expect(saved.values).toEqual({
			summary: 'Better words',
			linkUrl: 'https://intranet.example/bc',
			authors: 'Ann, Bob',
			attachment: 'v1.txt'
		});
		// The file is kept when none is chosen.
		const kept = await documents.getAttachment(db(), p.org.id, p.versionId);
		expect(new TextDecoder().decode(kept!.bytes!)).toBe('ORIGINAL FILE');

		// A second editor still holding the form as first opened.
		const stale = await draftService.updateDraft(
			p.actor,
			p.documentId,
			p.versionId,
			opened.version,
			{ summary: 'Stale words', linkUrl: null, authorIds: [p.ann] },
			file('v1b.txt', 'STALE FILE')
		);
		expect(stale).toEqual({ ok: false, reason: 'conflict', current: saved });
		expect((await p.state()).values.summary).toBe('Better words');

		expectOk(
			await draftService.updateDraft(
				p.actor,
				p.documentId,
				p.versionId,
				saved.version,
				{ summary: 'Better words', linkUrl: null, authorIds: [p.bob] },
				file('v1c.txt', 'REPLACED FILE')
			)
		);
		const replaced = await documents.getAttachment(db(), p.org.id, p.versionId);
		expect([replaced!.name, new TextDecoder().decode(replaced!.bytes!)]).toEqual([
			'v1c.txt',
			'REPLACED FILE'
		]);
		const audit = (await listAudit(db(), p.org.id, { size: 50 })).rows.filter(
			(r) => r.action === 'edit-draft'
		);
		expect(audit).toHaveLength(2);
	});

	it('refuses a tester of the version as its author, by name, and changes nothing', async () => {
		const p = await draftPlan();
		expectOk(
			await recoveryService.recordTest(
				p.actor,
				p.versionId,
				{
					testType: 'tabletop',
					testedOn: '2026-11-01',
					result: 'passed_with_issues',
					evidence: 'Notes',
					testerIds: [p.tess],
					systems: [],
					actions: []
				},
				'2026-12-06'
			)
		);
		const opened = await p.state();
		expect(
			await draftService.updateDraft(
				p.actor,
				p.documentId,
				p.versionId,
				opened.version,
				{ summary: 'x', linkUrl: null, authorIds: [p.ann, p.tess] },
				null
			)
		).toEqual({
			ok: false,
			reason: 'invalid',
			errors: { authorIds: 'Tess tested version 1, so cannot be an author of it' }
		});
		expect(await p.state()).toEqual(opened);
	});

	it('refuses an approved version: it is frozen', async () => {
		const p = await draftPlan();
		const meeting = await meetings.insertMeeting(db(), p.org.id, {
			body: 'board',
			meetingOn: '2026-10-01',
			title: 'Board',
			minutesUrl: '',
			quorate: true,
			quorumSummary: 'all present',
			recordedBy: 'test'
		});
		const opened = await p.state();
		expectOk(
			await documentService.approveVersion(p.actor, p.versionId, {
				meetingId: meeting.id,
				minuteRef: 'B/1',
				reviewBy: null
			})
		);
		expect(
			await draftService.updateDraft(
				p.actor,
				p.documentId,
				p.versionId,
				opened.version,
				{ summary: 'after approval', linkUrl: null, authorIds: [p.ann] },
				null
			)
		).toMatchObject({ ok: false, reason: 'forbidden', message: expect.stringMatching(/frozen/) });
		expect(
			await draftService.draftState(db(), p.org.id, p.documentId, p.versionId)
		).toBeUndefined();
		// Another document's id with this version is not found.
		expect(
			await draftService.updateDraft(
				p.actor,
				p.documentId + 999,
				p.versionId,
				1,
				{
					summary: '',
					linkUrl: null,
					authorIds: [p.ann]
				},
				null
			)
		).toEqual({ ok: false, reason: 'not-found' });
	});
});
