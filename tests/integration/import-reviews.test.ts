import { beforeAll, describe, expect, it } from 'vitest';
import { db, startDatabase, makeOrganisation, createSystem } from './helpers';
import { transaction } from '$lib/server/db/database';
import { insertRows } from '$lib/server/db/bulk';
import * as importService from '$lib/server/services/imports';
import * as reviewService from '$lib/server/services/reviews';
import * as systems from '$lib/server/repos/systems';
import * as reviews from '$lib/server/repos/reviews';
import * as workstreams from '$lib/server/repos/workstreams';
import * as audit from '$lib/server/repos/audit';
import * as dashboard from '$lib/server/repos/dashboard';
import { DEFAULT_QUERY } from '$lib/domain/systems';
import * as organisations from '$lib/server/repos/organisations';
import * as costTotals from '$lib/server/repos/cost-totals';
import * as costService from '$lib/server/services/cost-lines';
import { systemsCsv } from '$lib/domain/csv/systems';

beforeAll(async () => {
	await startDatabase();
});

async function importText(
	actor: Parameters<typeof importService.uploadFile>[0],
	text: string,
	fileName = 'minutes.csv'
) {
	const upload = await importService.uploadFile(actor, fileName, new TextEncoder().encode(text));
	if (!upload.ok) throw new Error(upload.reason);
	const preview = (await importService.previewUpload(actor, upload.uploadId))!;
	return {
		preview,
		commit: (options: importService.PreviewOptions = {}) =>
			importService.commitUpload(actor, upload.uploadId, options, preview.planHash)
	};
}

const HEADINGS =
	'Ref,System name,Hosting,Criticality,Personal data,Outcomes,Target date,Replacing workstream,Outcome status,Reason\n';

describe('importing review outcomes', () => {
	it('records each row as a review, links the replacing workstream, and counts it on the dashboard', async () => {
		const o = await makeOrganisation();
		const actor = { ...o.actor, userId: 1 };
		const text =
			HEADINGS +
			'A-1,Alpha,SaaS,High,Yes,Replace with the new main system; Development required,31/03/2028,Case Management,Agreed,Moves to the new case system\n' +
			'A-2,Beta,SaaS,Low,No,Decommission,30/09/2027,,,\n' +
			'A-3,Gamma,SaaS,Low,No,,,,,\n' +
			'A-4,Delta,SaaS,Low,No,Maintain only; Decommission,,,,\n';
		const run = await importText(actor, text);
		expect(run.preview.plan.counts).toEqual({
			create: 3,
			update: 0,
			unchanged: 0,
			rejected: 1,
			reviews: 2,
			links: 1
		});
		expect(run.preview.plan.problems).toEqual([
			{
				row: 5,
				column: 'Outcomes',
				reason: expect.stringMatching(/'Maintain only' keeps the system running/),
				name: 'Delta'
			}
		]);
		expect(await run.commit()).toMatchObject({ ok: true });

		const list = await systems.listSystems(db(), o.org.id, DEFAULT_QUERY);
		const alpha = list.rows.find((r) => r.name === 'Alpha')!;
		const current = await reviews.getCurrentReview(db(), o.org.id, alpha.id);
		expect(
			current?.outcomes.map((x) => [
				x.outcome,
				x.status,
				x.targetDate,
				x.workstreamName,
				x.rationale
			])
		).toEqual([
			['develop', 'agreed', null, null, 'Moves to the new case system'],
			['replace', 'agreed', '2028-03-31', 'Case Management', 'Moves to the new case system']
		]);
		expect(current?.reviewer).toBe('Spreadsheet import (minutes.csv)');
		expect(
			(await workstreams.listWorkstreamsOfSystem(db(), o.org.id, alpha.id)).map((w) => [
				w.name,
				w.note
			])
		).toEqual([['Case Management', 'Delivers the replacement']]);
		const totals = await dashboard.reviewTotals(db(), o.org.id);
		expect(totals).toMatchObject({ systems: 3, reviewed: 2, notReviewed: 1 });

		const history = await audit.historyOf(db(), o.org.id, 'system', alpha.id);
		expect(history.map((h) => h.action).sort()).toEqual(['create', 'link', 'review']);
		expect(history.every((h) => h.detail.includes('minutes.csv'))).toBe(true);
	});

	it('changes nothing when the same file is imported again, or the export is imported back', async () => {
		const o = await makeOrganisation();
		const actor = { ...o.actor, userId: 1 };
		const text =
			HEADINGS +
			'B-1,Alpha,SaaS,High,Yes,Replace,31/03/2028,Integration,Proposed,Old system\nB-2,Beta,Hosted,Low,No,Maintain only,,,Agreed,Stable\n';
		expect(await (await importText(actor, text)).commit()).toMatchObject({ ok: true });
		const again = await importText(actor, text);
		expect(again.preview.plan.counts).toEqual({
			create: 0,
			update: 0,
			unchanged: 2,
			rejected: 0,
			reviews: 0,
			links: 0
		});
		const csv = systemsCsv(await systems.exportSystems(db(), o.org.id, DEFAULT_QUERY));
		const trip = await importText(actor, csv, 'export.csv');
		expect(trip.preview.plan.problems).toEqual([]);
		expect(trip.preview.plan.counts).toEqual({
			create: 0,
			update: 0,
			unchanged: 2,
			rejected: 0,
			reviews: 0,
			links: 0
		});
	});

	it('supersedes the current review when the outcome changes, keeping its history', async () => {
		const o = await makeOrganisation();
		const created = await createSystem(o.actor, { name: 'Legacy', externalRef: 'L-1' });
		const first = await reviewService.recordReview(o.actor, created.id, null, {
			reviewedOn: '2026-06-01',
			reviewer: 'Strategy group',
			summary: '',
			outcomes: [
				{
					outcome: 'maintain',
					rationale: 'Works',
					status: 'agreed',
					targetDate: null,
					workstreamId: null
				}
			]
		});
		expect(first.ok).toBe(true);
		const run = await importText(
			{ ...o.actor, userId: 1 },
			'Ref,Name,Outcomes,Target date,Review date,Reviewed by\nL-1,Legacy,Decommission,31/03/2027,25/11/2026,ICT strategy group\n'
		);
		// The current review is agreed: it is replaced only with the officer's tick.
		expect(run.preview.plan.counts).toMatchObject({ update: 0, reviews: 0 });
		expect(run.preview.plan.agreed).toMatchObject({ total: 1, replace: false });
		expect(await run.commit({ replaceAgreed: true })).toMatchObject({
			ok: true,
			counts: { update: 1, reviews: 1 },
			leftOut: 0
		});
		const history = await reviews.listReviewHistory(db(), o.org.id, created.id);
		expect(
			history.map((r) => [r.reviewedOn, r.reviewer, r.isCurrent, r.outcomes.map((x) => x.outcome)])
		).toEqual([
			['2026-11-25', 'ICT strategy group', true, ['decommission']],
			['2026-06-01', 'Strategy group', false, ['maintain']]
		]);
		const detail = await systems.getSystem(db(), o.org.id, created.id);
		expect(detail).toMatchObject({
			outcomeFlags: 4,
			outcomeCount: 1,
			reviewStatus: 'proposed',
			version: created.version
		});
	});

	it('audits each changed system with what changed, and the import as a whole', async () => {
		const o = await makeOrganisation();
		const created = await createSystem(o.actor, {
			name: 'Ledger',
			externalRef: 'F-1',
			supplier: 'Old Ltd'
		});
		const run = await importText(
			{ ...o.actor, userId: 1 },
			'Ref,Name,Supplier\nF-1,Ledger,New Ltd\n',
			'suppliers.csv'
		);
		await run.commit();
		const [update] = (await audit.historyOf(db(), o.org.id, 'system', created.id)).filter(
			(h) => h.action === 'update'
		);
		expect(JSON.parse(update!.before!)).toEqual({ supplier: 'Old Ltd' });
		expect(JSON.parse(update!.after!)).toEqual({ supplier: 'New Ltd' });
		const whole = await audit.listAudit(db(), o.org.id, { action: 'import' });
		expect(JSON.parse(whole.rows[0]!.after!)).toMatchObject({
			fileName: 'suppliers.csv',
			update: 1
		});
	});
});

describe('importing a change of directorate', () => {
	it('moves the system’s cost totals with it, in the same transaction', async () => {
		const o = await makeOrganisation();
		const other = await transaction((tx) => organisations.createDirectorate(tx, o.org.id, 'Place'));
		const created = await createSystem(o.actor, {
			name: 'Costed',
			externalRef: 'C-1',
			directorateId: o.directorate.id
		});
		const line = await costService.createCostLine(
			o.actor,
			{ systemId: created.id, workstreamId: null },
			{
				financialYear: '2026/27',
				spendType: 'revenue',
				category: 'licence',
				amountPence: 5_000_00,
				confidence: 'committed',
				fundingSourceId: null,
				description: ''
			}
		);
		expect(line.ok).toBe(true);
		const run = await importText(
			{ ...o.actor, userId: 1 },
			'Ref,Name,Directorate\nC-1,Costed,Place\n'
		);
		expect(run.preview.plan.counts.update).toBe(1);
		await run.commit();
		const totals = await costTotals.readCostTotals(db(), o.org.id);
		expect(totals.map((t) => [t.directorateKey, t.amountPence])).toEqual([[other.id, 5_000_00]]);
		expect(await costService.rebuildCostTotals(o.actor)).toEqual([]);
	});
});

describe('bulk statements', () => {
	it('run inside the caller’s transaction, so a failure rolls them back', async () => {
		const o = await makeOrganisation();
		await expect(
			transaction(async (tx) => {
				await insertRows(
					tx,
					'system',
					['organisation_id', 'name', 'hosting', 'criticality', 'personal_data'],
					[[o.org.id, 'Ghost', 'saas', 'low', 'none']]
				);
				throw new Error('something later failed');
			})
		).rejects.toThrow('something later failed');
		expect((await systems.listSystems(db(), o.org.id, DEFAULT_QUERY)).total).toBe(0);
	});
});
