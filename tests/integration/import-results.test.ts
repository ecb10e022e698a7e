/** What a committed import did, read back from the audit trail it wrote (the /import/result page's data). */
import { beforeAll, describe, expect, it } from 'vitest';
import { db, startDatabase, makeOrganisation } from './helpers';
import * as importService from '$lib/server/services/imports';
import * as results from '$lib/server/repos/import-results';
import { organisationOfRecord } from '$lib/server/repos/access';
import * as users from '$lib/server/repos/users';

beforeAll(async () => {
	await startDatabase();
});

const HEAD = 'System name,Hosting,Criticality,Personal data,Supplier\n';

async function commit(
	actor: Parameters<typeof importService.uploadFile>[0],
	fileName: string,
	text: string
) {
	const upload = await importService.uploadFile(actor, fileName, new TextEncoder().encode(text));
	if (!upload.ok) throw new Error(upload.reason);
	const preview = await importService.previewUpload(actor, upload.uploadId);
	expect(
		await importService.commitUpload(actor, upload.uploadId, {}, preview!.planHash)
	).toMatchObject({ ok: true });
	return (await results.latestImportAuditId(db(), actor.organisationId, upload.uploadId))!;
}

describe('the result of a committed import', () => {
	it('counts, names each created and updated system in order, and stops at the limit asked for', async () => {
		const o = await makeOrganisation();
		const actor = { ...o.actor, userId: 1, requestId: 'req-first' };
		const rows = Array.from(
			{ length: 205 },
			(_, i) => `Sys ${String(i).padStart(3, '0')},SaaS,High,No,A\n`
		).join('');
		const firstId = await commit(actor, 'first.csv', `${HEAD}${rows}`);
		const first = (await results.importSummary(db(), o.org.id, firstId))!;
		expect(first).toMatchObject({
			kind: 'systems',
			fileName: 'first.csv',
			sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
			counts: { create: 205, update: 0, unchanged: 0, rejected: 0 }
		});
		const shown = await results.importedRecords(db(), o.org.id, first, 200);
		expect(shown).toHaveLength(200);
		expect(shown[0]).toMatchObject({
			action: 'create',
			name: 'Sys 000',
			systemId: expect.any(Number)
		});
		expect(await results.importedRecords(db(), o.org.id, first, 1_000)).toHaveLength(205);

		// A second import: one updated, one created, the rest unchanged; the first import's rows are not its.
		const second = (await results.importSummary(
			db(),
			o.org.id,
			await commit(
				{ ...actor, requestId: 'req-second' },
				'second.csv',
				`${HEAD}Sys 000,SaaS,High,No,B\nSys 001,SaaS,High,No,A\nNew One,SaaS,Low,No,C\n`
			)
		))!;
		expect(second.counts).toEqual({
			create: 1,
			update: 1,
			unchanged: 1,
			rejected: 0,
			agreedReviewsReplaced: 0,
			leftOutAgreedReview: 0
		});
		expect(
			(await results.importedRecords(db(), o.org.id, second, 200)).map((r) => [r.action, r.name])
		).toEqual([
			['update', 'Sys 000'],
			['create', 'New One']
		]);
	});

	it('names who imported it by their name, not the email the trail recorded; the email only when the user has no name', async () => {
		const o = await makeOrganisation();
		const stamp = Date.now().toString(36);
		const named = await users.insertUser(db(), {
			organisationId: o.org.id,
			email: `asha.${stamp}@example.gov.uk`,
			displayName: 'Asha Patel',
			role: 'editor',
			passwordHash: 'x'
		});
		const id = await commit(
			{ ...o.actor, userId: named.id, displayName: named.email, requestId: 'req-named' },
			'named.csv',
			`${HEAD}Named,SaaS,High,No,A\n`
		);
		expect((await results.importSummary(db(), o.org.id, id))!.actor).toBe('Asha Patel');
		const blank = await users.insertUser(db(), {
			organisationId: o.org.id,
			email: `blank.${stamp}@example.gov.uk`,
			displayName: '',
			role: 'editor',
			passwordHash: 'x'
		});
		const other = await commit(
			{ ...o.actor, userId: blank.id, displayName: blank.email, requestId: 'req-blank' },
			'blank.csv',
			`${HEAD}Blank,SaaS,High,No,A\n`
		);
		expect((await results.importSummary(db(), o.org.id, other))!.actor).toBe(blank.email);
	});

	it("answers nothing for another organisation's import, or an audit row that is not an import", async () => {
		const o = await makeOrganisation();
		const id = await commit(
			{ ...o.actor, userId: 1, requestId: 'req-own' },
			'own.csv',
			`${HEAD}Only,SaaS,High,No,A\n`
		);
		const other = await makeOrganisation();
		expect(await results.importSummary(db(), other.org.id, id)).toBeNull();
		// The one access query finds the import's organisation (so another's attempt is audited), and no import behind an audit row that is not one.
		expect(await organisationOfRecord(db(), 'import result', id)).toBe(o.org.id);
		expect(await organisationOfRecord(db(), 'import result', id - 1)).toBeNull();
		expect(await results.importSummary(db(), o.org.id, id - 1)).toBeNull(); // the system's own 'create' row
	});
});
