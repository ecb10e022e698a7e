/**
 * How an import's updates are written and shown, now that an update stages and sets only the fields
 * it changes (one statement per set of changed fields) and the updates download is written while
 * the file is planned: the systems, the audit trail and the download must read exactly as before.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { db, startDatabase, makeOrganisation, createSystem, systemInput } from './helpers';
import { database, transaction } from '$lib/server/db/database';
import * as importService from '$lib/server/services/imports';
import { ImportStager } from '$lib/server/services/import-stager';
import * as organisations from '$lib/server/repos/organisations';
import * as systems from '$lib/server/repos/systems';
import * as audit from '$lib/server/repos/audit';
import { changedFieldsMask, maskedColumns, SYSTEM_COLUMNS } from '$lib/server/repos/import-stage';
import { csvProducedResponse } from '$lib/server/web/csv-response';
import { csvStreamResponse } from '$lib/server/web/csv-response';
import { UPDATES_CSV_HEADER } from '$lib/domain/csv/update-diff';
import { DEFAULT_QUERY } from '$lib/domain/systems';
import { forgetStagedPlan } from './staged-plan-helpers';

beforeAll(async () => {
	await startDatabase();
});

afterEach(() => {
	vi.restoreAllMocks();
});

type Org = Awaited<ReturnType<typeof makeOrganisation>>;

async function upload(o: Org, text: string) {
	const actor = { ...o.actor, userId: 1 };
	const uploaded = await importService.uploadFile(
		actor,
		'inventory.csv',
		new TextEncoder().encode(text)
	);
	if (!uploaded.ok) throw new Error(uploaded.reason);
	const preview = (await importService.previewUpload(actor, uploaded.uploadId))!;
	return {
		actor,
		uploadId: uploaded.uploadId,
		preview,
		commit: () => importService.commitUpload(actor, uploaded.uploadId, {}, preview.planHash)
	};
}

const row = async (id: number) =>
	(await database().client.execute({ sql: 'SELECT * FROM system WHERE id = ?', args: [id] }))
		.rows[0]!;

describe('the fields an update changes', () => {
	it('name their columns and nothing else, the directorate with its name', () => {
		const keys = SYSTEM_COLUMNS.map(([key]) => key);
		fc.assert(
			fc.property(fc.subarray(keys), (changed) => {
				const columns = maskedColumns(changedFieldsMask(changed));
				const expected = SYSTEM_COLUMNS.filter(([key]) => changed.includes(key)).map(
					([, column]) => column
				);
				expect(columns).toEqual(
					changed.includes('directorateId') ? [...expected, 'directorate_name'] : expected
				);
			})
		);
		expect(changedFieldsMask([])).toBe(0);
		expect(() => changedFieldsMask(['organisationId' as never])).toThrow(/not a system column/);
	});
});

describe('an import updating systems with different sets of fields', () => {
	async function portfolio() {
		const o = await makeOrganisation();
		const other = await transaction((tx) =>
			organisations.createDirectorate(tx, o.org.id, 'Place and Economy')
		);
		const made = {
			supplierOnly: await createSystem(o.actor, {
				name: 'Payroll',
				externalRef: 'U-1',
				supplier: 'Old Ltd',
				annualRunCostPence: 100_000,
				directorateId: o.directorate.id,
				serviceAreaId: null
			}),
			supplierAndCost: await createSystem(o.actor, {
				name: 'Ledger',
				externalRef: 'U-2',
				supplier: 'Old Ltd',
				annualRunCostPence: 200_000,
				directorateId: o.directorate.id,
				serviceAreaId: null
			}),
			moved: await createSystem(o.actor, {
				name: 'Parking',
				externalRef: 'U-3',
				supplier: 'Old Ltd',
				annualRunCostPence: 300_000,
				directorateId: o.directorate.id,
				serviceAreaId: null
			}),
			same: await createSystem(o.actor, {
				name: 'Library',
				externalRef: 'U-4',
				supplier: 'Old Ltd',
				annualRunCostPence: 400_000,
				directorateId: o.directorate.id,
				serviceAreaId: null
			})
		};
		return { o, other, made };
	}
	const FILE = (directorate: string, other: string) =>
		'External reference,Name,Supplier,Annual cost,Directorate,Hosting,Criticality,Personal data held\n' +
		`U-1,Payroll,New Ltd,£1000.00,"${directorate}",,,\n` +
		`U-2,Ledger,New Ltd,£2500.00,"${directorate}",,,\n` +
		`U-3,Parking,Old Ltd,£3000.00,"${other}",,,\n` +
		`U-4,Library,Old Ltd,£4000.00,"${directorate}",,,\n` +
		`U-5,Brand new,Acme,£10.00,"${other}",SaaS,Low,No\n`;

	it("sets each system's changed fields only, keeps the rest, and audits every changed field before and after", async () => {
		const { o, other, made } = await portfolio();
		const before = {
			supplierOnly: await row(made.supplierOnly.id),
			supplierAndCost: await row(made.supplierAndCost.id),
			moved: await row(made.moved.id),
			same: await row(made.same.id)
		};
		const run = await upload(o, FILE(o.directorate.name, other.name));
		expect(run.preview.plan.problems).toEqual([]);
		expect(run.preview.plan.counts).toMatchObject({
			create: 1,
			update: 3,
			unchanged: 1,
			rejected: 0
		});
		expect(await run.commit()).toMatchObject({ ok: true, counts: { create: 1, update: 3 } });

		const after = {
			supplierOnly: await row(made.supplierOnly.id),
			supplierAndCost: await row(made.supplierAndCost.id),
			moved: await row(made.moved.id),
			same: await row(made.same.id)
		};
		const differing = (a: Record<string, unknown>, b: Record<string, unknown>) =>
			Object.keys(a)
				.filter((k) => a[k] !== b[k])
				.sort();
		expect(differing(before.supplierOnly, after.supplierOnly)).toEqual([
			'supplier',
			'updated_at',
			'version'
		]);
		expect(differing(before.supplierAndCost, after.supplierAndCost)).toEqual([
			'annual_run_cost_pence',
			'cost_key',
			'supplier',
			'updated_at',
			'version'
		]);
		expect(differing(before.moved, after.moved)).toEqual([
			'directorate_id',
			'directorate_name',
			'updated_at',
			'version'
		]);
		expect(after.supplierOnly).toMatchObject({
			supplier: 'New Ltd',
			version: Number(before.supplierOnly.version) + 1
		});
		expect(after.supplierAndCost).toMatchObject({
			supplier: 'New Ltd',
			annual_run_cost_pence: 250_000
		});
		expect(after.moved).toMatchObject({
			directorate_id: other.id,
			directorate_name: 'Place and Economy'
		});
		expect(after.same).toEqual(before.same);
		// A new system is written whole, as before.
		const created = (
			await systems.listSystems(db(), o.org.id, { ...DEFAULT_QUERY, q: 'Brand new' })
		).rows[0]!;
		expect(await row(created.id)).toMatchObject({
			name: 'Brand new',
			supplier: 'Acme',
			hosting: 'saas',
			criticality: 'low',
			annual_run_cost_pence: 1_000,
			directorate_name: 'Place and Economy'
		});

		// One update row per system, naming every field it changed, before and after, and no other.
		const updates = async (id: number) =>
			(await audit.historyOf(db(), o.org.id, 'system', id)).filter(
				(e) => e.action === 'update' && e.detail.startsWith('Import ')
			);
		const diff = async (id: number) =>
			(await updates(id)).map((e) => [JSON.parse(e.before!), JSON.parse(e.after!)]);
		expect(await diff(made.supplierOnly.id)).toEqual([
			[{ supplier: 'Old Ltd' }, { supplier: 'New Ltd' }]
		]);
		expect(await diff(made.supplierAndCost.id)).toEqual([
			[
				{ supplier: 'Old Ltd', annualRunCostPence: 200_000 },
				{ supplier: 'New Ltd', annualRunCostPence: 250_000 }
			]
		]);
		expect(await diff(made.moved.id)).toEqual([
			[{ directorateId: o.directorate.id }, { directorateId: other.id }]
		]);
		expect(await updates(made.same.id)).toEqual([]);
	});

	it('writes none of the updates when one system of one set of fields was saved meanwhile', async () => {
		const { o, other, made } = await portfolio();
		const run = await upload(o, FILE(o.directorate.name, other.name));
		// While the commit plans again (as it does when anything changed after the preview).
		await forgetStagedPlan(run.uploadId);
		const stageSlice = ImportStager.prototype.add;
		vi.spyOn(ImportStager.prototype, 'add').mockImplementationOnce(async function (
			this: ImportStager,
			changes
		) {
			// Saved without an audit row, so only the version guard of the copy can see it.
			await systems.updateSystem(
				db(),
				o.org.id,
				made.moved.id,
				made.moved.version,
				systemInput({
					name: 'Parking',
					externalRef: 'U-3',
					supplier: 'Saved meanwhile',
					directorateId: o.directorate.id,
					serviceAreaId: null
				})
			);
			return stageSlice.call(this, changes);
		});
		expect(await run.commit()).toMatchObject({ ok: false, reason: 'changed' });
		expect((await row(made.supplierOnly.id)).supplier).toBe('Old Ltd');
		expect((await row(made.supplierAndCost.id)).annual_run_cost_pence).toBe(200_000);
		expect(await row(made.moved.id)).toMatchObject({
			supplier: 'Saved meanwhile',
			directorate_id: o.directorate.id
		});
	});
});

describe('the updates download', () => {
	it('is written a slice of the file at a time, and reads exactly as the download of every line at once', async () => {
		const o = await makeOrganisation();
		const n = 2_500;
		const lines = (supplier: (i: number) => string, cost: (i: number) => string) =>
			Array.from(
				{ length: n },
				(_, i) => `D-${i},Download system ${i},${supplier(i)},${cost(i)},SaaS,High,No`
			).join('\n');
		const head =
			'External reference,Name,Supplier,Annual cost,Hosting,Criticality,Personal data held\n';
		const first = await upload(
			o,
			head +
				lines(
					() => 'Old Ltd',
					() => '£100.00'
				)
		);
		expect(await first.commit()).toMatchObject({ ok: true, counts: { create: n } });
		// Every system's supplier changes, every third one's cost too.
		const second = await upload(
			o,
			head +
				lines(
					(i) => `New Ltd ${i}`,
					(i) => (i % 3 === 0 ? '£250.50' : '£100.00')
				)
		);
		expect(second.preview.plan.counts).toMatchObject({ update: n, rejected: 0 });

		const produce = (await importService.updatedSystemsCsv(second.actor, second.uploadId))!;
		const batches: number[] = [];
		const all: (string | number)[][] = [];
		await produce((batch) => {
			batches.push(batch.length);
			all.push(...batch);
		});
		expect(batches.length).toBeGreaterThan(1); // one batch per slice of the file, not one at the end
		expect(all.length).toBe(n + Math.ceil(n / 3));
		expect(all[0]).toEqual([
			2,
			'Download system 0',
			'matched by external reference',
			'Supplier',
			'Old Ltd',
			'New Ltd 0'
		]);
		expect(all[1]).toEqual([
			2,
			'Download system 0',
			'matched by external reference',
			'Annual run cost',
			'£100.00',
			'£250.50'
		]);

		// A run reads the upload once (its bytes go to the upload-check worker): the route makes one per download.
		const streamed = csvProducedResponse(
			[...UPDATES_CSV_HEADER],
			'updated-systems.csv',
			(await importService.updatedSystemsCsv(second.actor, second.uploadId))!
		);
		const atOnce = csvStreamResponse([...UPDATES_CSV_HEADER], all, 'updated-systems.csv');
		expect([...streamed.headers]).toEqual([...atOnce.headers]);
		const text = await streamed.text();
		expect(text).toBe(await atOnce.text());
		expect(text.split('\r\n').length).toBe(all.length + 2); // the header, every line, and the last line's end
	});

	it('ends as failed, not as a short file that looks whole, when making its lines fails part-way', async () => {
		const response = csvProducedResponse(['A'], 'broken.csv', async (emit) => {
			emit([['first']]);
			throw new Error('planning failed');
		});
		vi.spyOn(console, 'error').mockImplementation(() => undefined);
		await expect(response.text()).rejects.toThrow(/planning failed/);
	});

	it('stops making lines once the client has gone', async () => {
		let batches = 0;
		let stopped: unknown;
		let release!: () => void;
		const released = new Promise<void>((resolve) => (release = resolve));
		const response = csvProducedResponse(['A'], 'gone.csv', async (emit) => {
			try {
				emit([['one']]);
				batches++;
				await released;
				emit([['two']]);
				batches++;
			} catch (error) {
				stopped = error;
				throw error;
			}
		});
		const reader = response.body!.getReader();
		await reader.read();
		await reader.cancel();
		release();
		await new Promise((resolve) => setTimeout(resolve, 10));
		expect(batches).toBe(1);
		expect(stopped).toBeInstanceOf(Error);
	});
});
