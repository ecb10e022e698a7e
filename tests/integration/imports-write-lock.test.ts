/**
 * An import's commit holds the write lock only to copy what it staged: other writes go ahead while
 * it plans, a change made meanwhile to what it planned abandons it, and a failure while it writes
 * leaves nothing written. Hooks on the stager (called once per planned slice) stand for 'while the
 * import is planning'; nothing here depends on timing.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { db, startDatabase, makeOrganisation, createSystem, systemInput } from './helpers';
import { database } from '$lib/server/db/database';
import * as importService from '$lib/server/services/imports';
import { ImportStager } from '$lib/server/services/import-stager';
import * as systemService from '$lib/server/services/systems';
import * as reviewService from '$lib/server/services/reviews';
import * as systems from '$lib/server/repos/systems';
import * as reviews from '$lib/server/repos/reviews';
import * as audit from '$lib/server/repos/audit';
import { DEFAULT_QUERY } from '$lib/domain/systems';
import { forgetStagedPlan, postedAnswers } from './staged-plan-helpers';

beforeAll(async () => {
	await startDatabase();
});

afterEach(() => {
	vi.restoreAllMocks();
});

type Org = Awaited<ReturnType<typeof makeOrganisation>>;

/**
 * Uploads and previews the file. Unless `staged`, the commit plans the file again (as it does when
 * anything changed after the preview), so that a hook on the stager runs while the commit plans;
 * with `staged`, the commit writes what the preview staged, and a hook set before this call runs
 * while the preview plans.
 */
async function upload(o: Org, text: string, { staged = false } = {}) {
	const actor = { ...o.actor, userId: 1 };
	const uploaded = await importService.uploadFile(
		actor,
		'inventory.csv',
		new TextEncoder().encode(text)
	);
	if (!uploaded.ok) throw new Error(uploaded.reason);
	const preview = (await importService.previewUpload(actor, uploaded.uploadId))!;
	if (!staged) await forgetStagedPlan(uploaded.uploadId);
	return {
		uploadId: uploaded.uploadId,
		preview,
		commit: () =>
			importService.commitUpload(actor, uploaded.uploadId, postedAnswers(preview), preview.planHash)
	};
}

/** Runs `work` while the import is planning: before its first slice is staged (the write phase comes after every slice). */
function whilePlanning(work: () => Promise<unknown>): void {
	const stageSlice = ImportStager.prototype.add;
	let done = false;
	vi.spyOn(ImportStager.prototype, 'add').mockImplementation(async function (
		this: ImportStager,
		changes
	) {
		if (!done) {
			done = true;
			await work();
		}
		return stageSlice.call(this, changes);
	});
}

const count = async (sql: string, args: (string | number)[] = []) =>
	Number((await database().client.execute({ sql, args })).rows[0]![0]);
const stagedRows = () =>
	count(
		'SELECT (SELECT count(*) FROM import_stage_change) + (SELECT count(*) FROM import_stage_audit) + (SELECT count(*) FROM import_stage_run)'
	);
const importAudits = (o: Org) =>
	count(
		`SELECT count(*) FROM audit_event WHERE organisation_id = ? AND (entity = 'import' OR detail LIKE 'Import %')`,
		[o.org.id]
	);

const FILE =
	'External reference,Name,Supplier,Hosting,Criticality,Personal data held,Outcomes,Target date\n' +
	'R-1,Matched,New supplier,SaaS,High,No,Decommission,31/03/2028\n' +
	'R-2,Brand new,Acme,SaaS,Low,No,,\n';

describe('an import commit and other writes', () => {
	it('lets a small write issued while the import is planning be saved before the import writes anything', async () => {
		const o = await makeOrganisation();
		await createSystem(o.actor, { name: 'Matched', externalRef: 'R-1' });
		const other = await createSystem(o.actor, { name: 'Edited meanwhile' });
		const run = await upload(o, FILE);
		const order: string[] = [];
		// Awaited inside the planning: had the import taken the write lock already, this would never finish.
		whilePlanning(async () => {
			const saved = await systemService.updateSystem(
				o.actor,
				other.id,
				other.version,
				systemInput({ name: 'Edited meanwhile', supplier: 'Changed during the import' })
			);
			order.push(saved.ok ? 'edit saved' : 'edit refused');
		});
		const result = await run.commit();
		order.push('import committed');
		expect(result).toMatchObject({ ok: true, counts: { create: 1, update: 1 } });
		expect(order).toEqual(['edit saved', 'import committed']);
		const edit = (await audit.historyOf(db(), o.org.id, 'system', other.id)).find(
			(h) => h.action === 'update'
		)!;
		const importRows = (await audit.listAudit(db(), o.org.id, { size: 100 })).rows.filter(
			(r) => r.detail.startsWith('Import ') || r.entity === 'import'
		);
		expect(importRows.length).toBe(4); // update and review of R-1, create of R-2, the import
		expect(importRows.every((r) => r.id > edit.id)).toBe(true);
	});

	it.each(
		(
			[
				[
					'its edit through the form',
					0,
					(o: Org, id: number) =>
						systemService.updateSystem(
							o.actor,
							id,
							1,
							systemInput({ name: 'Matched', externalRef: 'R-1', supplier: 'Saved meanwhile' })
						)
				],
				[
					'a review recorded for it (which keeps its version)',
					0,
					(o: Org, id: number) =>
						reviewService.recordReview(o.actor, id, null, {
							reviewedOn: '2026-11-01',
							reviewer: 'Group',
							summary: '',
							outcomes: [
								{
									outcome: 'maintain',
									rationale: 'Stable',
									status: 'agreed',
									targetDate: null,
									workstreamId: null
								}
							]
						})
				],
				[
					'a save that bypasses the audit trail (the version guard alone)',
					0,
					(o: Org, id: number) =>
						systems.updateSystem(
							db(),
							o.org.id,
							id,
							1,
							systemInput({ name: 'Matched', externalRef: 'R-1', supplier: 'Saved meanwhile' })
						)
				],
				[
					'a new system taking the name of a row planned as new',
					1,
					(o: Org) => createSystem(o.actor, { name: 'Brand new' })
				]
			] as [string, number, (o: Org, id: number) => Promise<unknown>][]
		).flatMap(([name, meanwhile, change]): [string, number, typeof change, boolean][] => [
			[`while the commit plans: ${name}`, meanwhile, change, false],
			[`while the preview plans (its staged plan): ${name}`, meanwhile, change, true]
		])
	)(
		'abandons the commit as changed, writing nothing, when a matched system changes %s',
		async (_, brandNewMeanwhile, change, staged) => {
			const o = await makeOrganisation();
			const matched = await createSystem(o.actor, {
				name: 'Matched',
				externalRef: 'R-1',
				supplier: 'Before'
			});
			const auditsBefore = await importAudits(o);
			if (staged) whilePlanning(() => change(o, matched.id));
			const run = await upload(o, FILE, { staged });
			vi.restoreAllMocks();
			if (!staged) whilePlanning(() => change(o, matched.id));
			const result = await run.commit();
			expect(result).toMatchObject({ ok: false, reason: 'changed' });
			const names = (await systems.listSystems(db(), o.org.id, DEFAULT_QUERY)).rows.map(
				(r) => r.name
			);
			expect(names.filter((n) => n === 'Brand new').length).toBe(brandNewMeanwhile);
			expect((await systems.getSystem(db(), o.org.id, matched.id))!.supplier).not.toBe(
				'New supplier'
			);
			expect(await reviews.listReviewHistory(db(), o.org.id, matched.id)).not.toContainEqual(
				expect.objectContaining({ reviewer: expect.stringMatching(/Spreadsheet import/) })
			);
			expect(await importAudits(o)).toBe(auditsBefore);
			expect(await stagedRows()).toBe(0);
			// The officer is shown the new plan; the upload is kept for it.
			expect(result).toMatchObject({ preview: { uploadId: run.uploadId } });
		}
	);

	it('leaves nothing written when the write phase fails part-way, and clears what it staged', async () => {
		const o = await makeOrganisation();
		await createSystem(o.actor, { name: 'Matched', externalRef: 'R-1', supplier: 'Before' });
		const rows = Array.from({ length: 2_500 }, (_, i) => `N-${i},New ${i},Acme,SaaS,Low,No,,`);
		const run = await upload(o, FILE + rows.join('\n') + '\n');
		expect(run.preview.plan.counts).toMatchObject({ create: 2_501, update: 1 });
		const before = {
			systems: await count('SELECT count(*) FROM system WHERE organisation_id = ?', [o.org.id]),
			audits: await importAudits(o)
		};
		// The last audit row the import writes fails: systems, links and reviews of every round are written by then.
		await database().client.execute(
			`CREATE TRIGGER fail_this_import BEFORE INSERT ON audit_event WHEN NEW.organisation_id = ${o.org.id} AND NEW.entity_id = CAST((SELECT max(id) FROM system) AS TEXT) BEGIN SELECT RAISE(ABORT, 'injected failure'); END`
		);
		try {
			await expect(run.commit()).rejects.toThrow(/injected failure/);
		} finally {
			await database().client.execute('DROP TRIGGER fail_this_import');
		}
		expect(await count('SELECT count(*) FROM system WHERE organisation_id = ?', [o.org.id])).toBe(
			before.systems
		);
		expect(
			await count('SELECT count(*) FROM system_workstream WHERE organisation_id = ?', [o.org.id])
		).toBe(0);
		expect(await count('SELECT count(*) FROM review WHERE organisation_id = ?', [o.org.id])).toBe(
			0
		);
		expect(await importAudits(o)).toBe(before.audits);
		expect(await stagedRows()).toBe(0);
		// Nothing was lost: the same upload commits in full afterwards.
		expect(await run.commit()).toMatchObject({ ok: true, counts: { create: 2_501, update: 1 } });
		expect(await count('SELECT count(*) FROM system WHERE organisation_id = ?', [o.org.id])).toBe(
			before.systems + 2_501
		);
	});

	it('writes an upload posted twice at once only once', async () => {
		const o = await makeOrganisation();
		const run = await upload(o, FILE);
		const results = await Promise.all([run.commit(), run.commit()]);
		expect(results.map((r) => r.ok).sort()).toEqual([false, true]);
		expect(results.find((r) => !r.ok)).toEqual({ ok: false, reason: 'not-found' });
		expect(await count('SELECT count(*) FROM system WHERE organisation_id = ?', [o.org.id])).toBe(
			2
		);
		expect(await stagedRows()).toBe(0);
	});

	it('clears what a process that stopped mid-import left staged', async () => {
		const o = await makeOrganisation();
		const left = await database().client.execute({
			sql: "INSERT INTO import_stage_run (organisation_id, upload_id, created_at) VALUES (?, 0, '2026-01-01T00:00:00.000Z')",
			args: [o.org.id]
		});
		await database().client.execute({
			sql: "INSERT INTO import_stage_change (run_id, seq, name) VALUES (?, 0, 'Left behind')",
			args: [Number(left.lastInsertRowid)]
		});
		expect(await stagedRows()).toBe(2);
		expect(await (await upload(o, FILE)).commit()).toMatchObject({ ok: true });
		expect(await stagedRows()).toBe(0);
	});

	it('gives new systems and reviews ids above any used before, and audits each with the id it took', async () => {
		const o = await makeOrganisation();
		await createSystem(o.actor, { name: 'Matched', externalRef: 'R-1' });
		const rows = Array.from(
			{ length: 1_200 },
			(_, i) => `N-${i},New ${i},Acme,SaaS,Low,No,Decommission,31/03/2029`
		);
		const run = await upload(o, FILE + rows.join('\n') + '\n');
		const highest = await count('SELECT max(id) FROM system');
		expect(await run.commit()).toMatchObject({
			ok: true,
			counts: { create: 1_201, update: 1, reviews: 1_201 }
		});
		const created = (
			await database().client.execute({
				sql: "SELECT s.id, s.name, s.review_status, s.outcome_flags FROM system s WHERE organisation_id = ? AND name LIKE 'New %' ORDER BY id",
				args: [o.org.id]
			})
		).rows;
		expect(created.length).toBe(1_200);
		expect(Number(created[0]!.id)).toBeGreaterThan(highest);
		// In file order, one id after another.
		expect(created.map((r) => r.name)).toEqual(rows.map((_, i) => `New ${i}`));
		expect(
			created.every((r) => r.review_status === 'proposed' && Number(r.outcome_flags) > 0)
		).toBe(true);
		const sample = created[1_100]!;
		const history = await audit.historyOf(db(), o.org.id, 'system', Number(sample.id));
		expect(history.map((h) => h.action).sort()).toEqual(['create', 'review']);
		const current = (await reviews.listReviewHistory(db(), o.org.id, Number(sample.id)))[0]!;
		expect(JSON.parse(history.find((h) => h.action === 'review')!.after!)).toMatchObject({
			reviewId: current.id,
			outcomes: ['decommission (proposed)']
		});
	});
});
