/**
 * The preview stages its plan and the commit writes it without planning again, but only while
 * nothing the plan read has changed: a change made after the preview is never overwritten.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { db, startDatabase, makeOrganisation, createSystem, expectOk } from './helpers';
import * as importService from '$lib/server/services/imports';
import * as systemService from '$lib/server/services/systems';
import * as reviewService from '$lib/server/services/reviews';
import * as systems from '$lib/server/repos/systems';
import { execute } from '$lib/server/db/bulk';
import { systemInput } from './helpers';
import { DEFAULT_QUERY } from '$lib/domain/systems';
import { postedAnswers } from './staged-plan-helpers';
import { previewSettings } from '$lib/domain/csv/preview-settings';
import { readSystemImportOptions } from '$lib/domain/csv/preview-options';
import { answersKey } from '$lib/server/services/import-staged-plan';

beforeAll(async () => {
	await startDatabase();
});

type Actor = Parameters<typeof importService.uploadFile>[0];

async function previewed(actor: Actor, text: string) {
	const upload = await importService.uploadFile(
		actor,
		'inventory.csv',
		new TextEncoder().encode(text)
	);
	if (!upload.ok) throw new Error(upload.reason);
	const preview = (await importService.previewUpload(actor, upload.uploadId))!;
	return {
		uploadId: upload.uploadId,
		preview,
		commit: () =>
			importService.commitUpload(actor, upload.uploadId, postedAnswers(preview), preview.planHash)
	};
}

/** The staging runs an upload has: those a preview marked for its commit, and all. */
async function runsOf(uploadId: number) {
	const result = await execute(
		db(),
		'SELECT count(*) AS n, count(plan_hash) AS marked FROM import_stage_run WHERE upload_id = ?',
		[uploadId]
	);
	return { all: Number(result.rows[0]!.n), marked: Number(result.rows[0]!.marked) };
}

const FILE =
	'Ref,Name,Supplier,Hosting,Criticality,Personal data held\nL-1,Ledger,New Supplier plc,SaaS,High,No\nK-1,Kept,Same Ltd,SaaS,High,No\nN-1,Newcomer,Fresh Ltd,SaaS,High,No\n';

async function organisationWithSystems() {
	const o = await makeOrganisation();
	const actor = { ...o.actor, userId: 1 };
	const ledger = await createSystem(o.actor, {
		name: 'Ledger',
		externalRef: 'L-1',
		supplier: 'Old Supplier plc',
		hosting: 'saas',
		criticality: 'high',
		personalData: 'none'
	});
	const kept = await createSystem(o.actor, {
		name: 'Kept',
		externalRef: 'K-1',
		supplier: 'Same Ltd',
		hosting: 'saas',
		criticality: 'high',
		personalData: 'none'
	});
	return { o, actor, ledger, kept };
}

describe("the preview's staged plan", () => {
	it('is written by the commit without planning again when nothing changed, and then deleted', async () => {
		const { o, actor, ledger } = await organisationWithSystems();
		const run = await previewed(actor, FILE);
		expect(run.preview.plan.counts).toMatchObject({ create: 1, update: 1, unchanged: 1 });
		expect(await runsOf(run.uploadId)).toEqual({ all: 1, marked: 1 });
		// Previewed again (a reload): one staged plan per upload, the newest.
		const again = (await importService.previewUpload(actor, run.uploadId))!;
		expect(again.planHash).toBe(run.preview.planHash);
		expect(await runsOf(run.uploadId)).toEqual({ all: 1, marked: 1 });

		const result = expectOk(await run.commit());
		expect(result).toMatchObject({
			replanned: false,
			fromPreview: true,
			counts: { create: 1, update: 1 }
		});
		expect((await systems.getSystem(db(), o.org.id, ledger.id))?.supplier).toBe('New Supplier plc');
		expect(
			(await systems.exportSystems(db(), o.org.id, { ...DEFAULT_QUERY })).map((s) => s.name).sort()
		).toEqual(['Kept', 'Ledger', 'Newcomer']);
		expect(await runsOf(run.uploadId)).toEqual({ all: 0, marked: 0 });
	});

	it('is not written over an edit made after the preview: the commit is refused as changed', async () => {
		const { o, actor, ledger } = await organisationWithSystems();
		const run = await previewed(actor, FILE);
		expectOk(
			await systemService.updateSystem(
				o.actor,
				ledger.id,
				ledger.version,
				systemInput({
					name: 'Ledger',
					externalRef: 'L-1',
					supplier: 'Edited meanwhile Ltd',
					hosting: 'saas',
					criticality: 'high',
					personalData: 'none'
				})
			)
		);
		expect(await run.commit()).toMatchObject({ ok: false, reason: 'changed' });
		// The edit stands and nothing of the file was written.
		expect((await systems.getSystem(db(), o.org.id, ledger.id))?.supplier).toBe(
			'Edited meanwhile Ltd'
		);
		expect((await systems.listSystems(db(), o.org.id, DEFAULT_QUERY)).total).toBe(2);
		// Nothing is left staged (the page showing the refusal previews, and stages, afresh).
		expect(await runsOf(run.uploadId)).toEqual({ all: 0, marked: 0 });
	});

	it('is refused when a system it planned as unchanged was edited since (the file would now change it)', async () => {
		const { o, actor, kept } = await organisationWithSystems();
		const run = await previewed(actor, FILE);
		expectOk(
			await systemService.updateSystem(
				o.actor,
				kept.id,
				kept.version,
				systemInput({
					name: 'Kept',
					externalRef: 'K-1',
					supplier: 'Someone else Ltd',
					hosting: 'saas',
					criticality: 'high',
					personalData: 'none'
				})
			)
		);
		expect(await run.commit()).toMatchObject({ ok: false, reason: 'changed' });
		expect((await systems.getSystem(db(), o.org.id, kept.id))?.supplier).toBe('Someone else Ltd');
		expect((await systems.listSystems(db(), o.org.id, DEFAULT_QUERY)).total).toBe(2);
	});

	it('is planned again when a system it updates was reviewed since (a review keeps the version), keeping the review', async () => {
		const { o, actor, ledger } = await organisationWithSystems();
		const run = await previewed(actor, FILE);
		expectOk(
			await reviewService.recordReview(o.actor, ledger.id, null, {
				reviewedOn: '2026-11-01',
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
			})
		);
		// The file records no review, so its plan is the same: written after planning again, the review kept.
		expect(expectOk(await run.commit())).toMatchObject({ replanned: true });
		expect(await systems.getSystem(db(), o.org.id, ledger.id)).toMatchObject({
			supplier: 'New Supplier plc',
			reviewStatus: 'agreed'
		});
	});

	it('is planned again, and says so, when something else it reads changed but the plan did not', async () => {
		const { o, actor, ledger } = await organisationWithSystems();
		const run = await previewed(actor, FILE);
		// Another import meanwhile (it may save mappings the plan reads), of a system this file does not name.
		const other = await previewed(
			actor,
			'Name,Hosting,Criticality,Personal data held\nElsewhere,SaaS,High,No\n'
		);
		expectOk(await other.commit());
		const result = expectOk(await run.commit());
		expect(result).toMatchObject({
			replanned: true,
			fromPreview: false,
			counts: { create: 1, update: 1 }
		});
		expect((await systems.getSystem(db(), o.org.id, ledger.id))?.supplier).toBe('New Supplier plc');
		expect(await runsOf(run.uploadId)).toEqual({ all: 0, marked: 0 });
	});

	it('is written once: the same commit posted twice imports once', async () => {
		const { o, actor } = await organisationWithSystems();
		const run = await previewed(actor, FILE);
		const [a, b] = await Promise.all([run.commit(), run.commit()]);
		expect([a, b].filter((r) => r.ok)).toHaveLength(1);
		expect([a, b].find((r) => !r.ok)).toMatchObject({ ok: false, reason: 'not-found' });
		expect((await systems.listSystems(db(), o.org.id, DEFAULT_QUERY)).total).toBe(3);
	});

	it('is written for the answers its commit form posts, and never for other answers', async () => {
		const { o, actor, ledger } = await organisationWithSystems();
		const run = await previewed(actor, FILE);
		// The preview's URL gave no answers; its commit form posts them all, the column mapping included.
		const posted = readSystemImportOptions(new URLSearchParams(previewSettings(run.preview)));
		const ignoreSupplier = {
			...posted,
			mapping: posted.mapping!.map((f) => (f === 'supplier' ? null : f))
		};
		expect(
			await importService.commitUpload(actor, run.uploadId, ignoreSupplier, run.preview.planHash)
		).toMatchObject({ ok: false, reason: 'changed' });
		expect((await systems.getSystem(db(), o.org.id, ledger.id))?.supplier).toBe('Old Supplier plc');
		const written = await importService.commitUpload(
			actor,
			run.uploadId,
			posted,
			run.preview.planHash
		);
		expect(written).toMatchObject({ ok: true, fromPreview: true, counts: { update: 1 } });
		expect((await systems.getSystem(db(), o.org.id, ledger.id))?.supplier).toBe('New Supplier plc');
	});

	it('is not used by a commit on another day (dates in the file are judged against the day)', async () => {
		const { o, actor } = await organisationWithSystems();
		const run = await previewed(actor, FILE);
		const yesterday = answersKey({}, '2000-01-01');
		await execute(db(), 'UPDATE import_stage_run SET answers_key = ? WHERE upload_id = ?', [
			yesterday,
			run.uploadId
		]);
		expect(expectOk(await run.commit())).toMatchObject({ fromPreview: false });
		expect((await systems.listSystems(db(), o.org.id, DEFAULT_QUERY)).total).toBe(3);
	});
});
