/** Updates that are seen and safe: a blank cell never erases, each change is shown, an agreed review needs the tick. */
import { beforeAll, describe, expect, it } from 'vitest';
import { db, startDatabase, makeOrganisation, createSystem } from './helpers';
import * as importService from '$lib/server/services/imports';
import * as reviewService from '$lib/server/services/reviews';
import * as systems from '$lib/server/repos/systems';
import * as reviews from '$lib/server/repos/reviews';
import * as audit from '$lib/server/repos/audit';
import { DEFAULT_QUERY } from '$lib/domain/systems';

beforeAll(async () => {
	await startDatabase();
});

type Actor = Parameters<typeof importService.uploadFile>[0];

/** The updates download's lines, as its route writes them: every batch the run hands over, in order. */
async function updateLines(actor: Actor, uploadId: number) {
	const produce = await importService.updatedSystemsCsv(actor, uploadId);
	if (!produce) return null;
	const lines: (string | number)[][] = [];
	await produce((batch) => lines.push(...batch));
	return lines;
}

async function importText(actor: Actor, text: string, fileName = 'inventory.csv') {
	const upload = await importService.uploadFile(actor, fileName, new TextEncoder().encode(text));
	if (!upload.ok) throw new Error(upload.reason);
	const preview = (await importService.previewUpload(actor, upload.uploadId))!;
	return {
		uploadId: upload.uploadId,
		preview,
		commit: (options: importService.PreviewOptions = {}) =>
			importService.commitUpload(actor, upload.uploadId, options, preview.planHash)
	};
}

describe('a blank cell never erases a value', () => {
	it('keeps the values of blank cells, clears only (clear), and shows each change before and after by name', async () => {
		const o = await makeOrganisation();
		const actor = { ...o.actor, userId: 1 };
		const made = await createSystem(o.actor, {
			name: 'Ledger',
			externalRef: 'F-1',
			description: 'Pays the suppliers',
			supplier: 'Numbers plc',
			annualRunCostPence: 52_800_000,
			contractEnd: '2027-03-31',
			directorateId: o.directorate.id
		});
		const run = await importText(
			actor,
			'Ref,Name,Notes,Supplier,Annual cost,Contract end,Directorate\nF-1,Ledger,,,"£412,000.00",,\n'
		);
		expect(run.preview.plan.counts).toMatchObject({ update: 1, rejected: 0 });
		expect(run.preview.updates).toEqual([
			{
				row: 2,
				systemId: made.id,
				name: 'Ledger',
				matchedBy: 'reference',
				fields: [
					{ label: 'Annual run cost', before: '£528,000.00', after: '£412,000.00', figure: true }
				]
			}
		]);
		expect(await run.commit()).toMatchObject({ ok: true });
		expect(await systems.getSystem(db(), o.org.id, made.id)).toMatchObject({
			description: 'Pays the suppliers',
			supplier: 'Numbers plc',
			annualRunCostPence: 41_200_000,
			contractEnd: '2027-03-31',
			directorateId: o.directorate.id
		});

		// Cleared on purpose, matched by name this time, and the download has every field whole.
		const clear = await importText(
			actor,
			'Name,Notes,Supplier,Directorate\nLedger,(CLEAR),(clear),\n'
		);
		expect(clear.preview.updates[0]).toMatchObject({ name: 'Ledger', matchedBy: 'name' });
		expect(clear.preview.updates[0]!.fields.map((f) => [f.label, f.before, f.after])).toEqual([
			['Description', 'Pays the suppliers', 'not set'],
			['Supplier', 'Numbers plc', 'not set']
		]);
		expect(await updateLines(actor, clear.uploadId)).toEqual([
			[2, 'Ledger', 'matched by name', 'Description', 'Pays the suppliers', 'not set'],
			[2, 'Ledger', 'matched by name', 'Supplier', 'Numbers plc', 'not set']
		]);
		expect(await clear.commit()).toMatchObject({ ok: true });
		expect(await systems.getSystem(db(), o.org.id, made.id)).toMatchObject({
			description: '',
			supplier: '',
			annualRunCostPence: 41_200_000,
			directorateId: o.directorate.id
		});

		const other = await makeOrganisation();
		expect(await updateLines({ ...other.actor, userId: 2 }, clear.uploadId)).toBeNull();
	});

	it('refuses (clear) in a field every system must have', async () => {
		const o = await makeOrganisation();
		await createSystem(o.actor, { name: 'Kept', externalRef: 'K-1' });
		const run = await importText({ ...o.actor, userId: 1 }, 'Ref,Name,Hosting\nK-1,Kept,(clear)\n');
		expect(run.preview.plan.problems).toEqual([
			{
				row: 2,
				column: 'Hosting',
				reason: expect.stringMatching(/^Hosting cannot be cleared/),
				name: 'Kept'
			}
		]);
	});
});

describe('an agreed review is never superseded without the tick', () => {
	async function agreedSystem() {
		const o = await makeOrganisation();
		const made = await createSystem(o.actor, {
			name: 'Social Care Record',
			externalRef: 'S-1',
			supplier: 'Old Ltd'
		});
		const recorded = await reviewService.recordReview(o.actor, made.id, null, {
			reviewedOn: '2026-06-01',
			reviewer: 'Strategy group',
			summary: '',
			outcomes: [
				{
					outcome: 'develop',
					rationale: 'Needs the portal',
					status: 'agreed',
					targetDate: null,
					workstreamId: null
				}
			]
		});
		expect(recorded.ok).toBe(true);
		await createSystem(o.actor, { name: 'Other', externalRef: 'S-2', supplier: 'Old Ltd' });
		return { o, actor: { ...o.actor, userId: 1 }, made };
	}
	const FILE =
		'Ref,Name,Supplier,Outcomes,Outcome status\nS-1,Social Care Record,New Ltd,Maintain only,Proposed\nS-2,Other,New Ltd,,\n';

	it('leaves the row out without the tick, lists it, and records that it did', async () => {
		const { o, actor, made } = await agreedSystem();
		const run = await importText(actor, FILE);
		expect(run.preview.plan.agreed).toEqual({
			total: 1,
			replace: false,
			shown: [
				{
					row: 2,
					systemId: made.id,
					name: 'Social Care Record',
					before: [expect.objectContaining({ outcome: 'develop', status: 'agreed' })],
					after: [expect.objectContaining({ outcome: 'maintain', status: 'proposed' })]
				}
			]
		});
		expect(run.preview.plan.counts).toMatchObject({ update: 1, reviews: 0 });
		expect(run.preview.updates.map((u) => u.name)).toEqual(['Other']);
		expect(await run.commit()).toMatchObject({ ok: true, counts: { update: 1 }, leftOut: 1 });

		const current = await reviews.getCurrentReview(db(), o.org.id, made.id);
		expect(current?.outcomes.map((x) => [x.outcome, x.status])).toEqual([['develop', 'agreed']]);
		expect(await systems.getSystem(db(), o.org.id, made.id)).toMatchObject({ supplier: 'Old Ltd' });
		const whole = await audit.listAudit(db(), o.org.id, { action: 'import' });
		expect(JSON.parse(whole.rows[0]!.after!)).toMatchObject({ update: 1, leftOutAgreedReview: 1 });
	});

	it('supersedes it with the tick, keeping it in the history', async () => {
		const { o, actor, made } = await agreedSystem();
		const run = await importText(actor, FILE);
		expect(await run.commit({ replaceAgreed: true })).toMatchObject({
			ok: true,
			counts: { update: 2, reviews: 1 },
			leftOut: 0
		});
		const history = await reviews.listReviewHistory(db(), o.org.id, made.id);
		expect(history.map((r) => [r.isCurrent, r.outcomes.map((x) => [x.outcome, x.status])])).toEqual(
			[
				[true, [['maintain', 'proposed']]],
				[false, [['develop', 'agreed']]]
			]
		);
		expect(await systems.getSystem(db(), o.org.id, made.id)).toMatchObject({ supplier: 'New Ltd' });
		const whole = await audit.listAudit(db(), o.org.id, { action: 'import' });
		expect(JSON.parse(whole.rows[0]!.after!)).toMatchObject({
			update: 2,
			agreedReviewsReplaced: 1
		});
	});

	it('refuses a tick given against an agreed review that changed since the preview', async () => {
		const { o, actor, made } = await agreedSystem();
		const run = await importText(actor, FILE);
		const current = await reviews.getCurrentReview(db(), o.org.id, made.id);
		const again = await reviewService.recordReview(o.actor, made.id, current!.id, {
			reviewedOn: '2026-07-01',
			reviewer: 'Strategy group',
			summary: '',
			outcomes: [
				{
					outcome: 'decommission',
					rationale: 'Switch it off',
					status: 'agreed',
					targetDate: '2027-03-31',
					workstreamId: null
				}
			]
		});
		expect(again.ok).toBe(true);
		expect(await run.commit({ replaceAgreed: true })).toMatchObject({
			ok: false,
			reason: 'changed'
		});
		expect(
			(await reviews.getCurrentReview(db(), o.org.id, made.id))?.outcomes.map((x) => x.outcome)
		).toEqual(['decommission']);
	});
});

describe('decisions before dates', () => {
	it('records an undated decommission marked agreed as proposed with no target date, and says so', async () => {
		const o = await makeOrganisation();
		const run = await importText(
			{ ...o.actor, userId: 1 },
			'Ref,Name,Hosting,Criticality,Personal data,Outcomes,Outcome status\nD-1,Dated later,SaaS,Low,No,Decommission,Agreed\n'
		);
		expect(run.preview.plan.problems).toEqual([]);
		expect(run.preview.plan.warnings.shown).toEqual([
			expect.objectContaining({
				row: 2,
				reason: expect.stringMatching(
					/marked agreed but has no target date: recorded as proposed, target date not set/
				)
			})
		]);
		expect(await run.commit()).toMatchObject({ ok: true, counts: { create: 1, reviews: 1 } });
		const [made] = (await systems.listSystems(db(), o.org.id, DEFAULT_QUERY)).rows;
		const current = await reviews.getCurrentReview(db(), o.org.id, made!.id);
		expect(current?.outcomes.map((x) => [x.outcome, x.status, x.targetDate])).toEqual([
			['decommission', 'proposed', null]
		]);
	});
});
