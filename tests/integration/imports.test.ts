import { beforeAll, describe, expect, it } from 'vitest';
import { db, startDatabase, makeOrganisation, createSystem } from './helpers';
import * as importService from '$lib/server/services/imports';
import * as systems from '$lib/server/repos/systems';
import * as audit from '$lib/server/repos/audit';
import { DEFAULT_QUERY } from '$lib/domain/systems';
import { systemsCsv } from '$lib/domain/csv/systems';
import { BLANK, readValueMappingParams } from '$lib/domain/csv/value-mapping';
import { forgetStagedPlan, postedAnswers } from './staged-plan-helpers';

beforeAll(async () => {
	await startDatabase();
});

const enc = (s: string) => new TextEncoder().encode(s);

async function importText(
	actor: Parameters<typeof importService.uploadFile>[0],
	text: string | Uint8Array
) {
	const upload = await importService.uploadFile(
		actor,
		'inventory.csv',
		typeof text === 'string' ? enc(text) : text
	);
	if (!upload.ok) throw new Error(upload.reason);
	const preview = await importService.previewUpload(actor, upload.uploadId);
	if (!preview) throw new Error('no preview');
	return {
		uploadId: upload.uploadId,
		preview,
		commit: () =>
			importService.commitUpload(actor, upload.uploadId, postedAnswers(preview), preview.planHash)
	};
}

describe('importing systems from a spreadsheet', () => {
	it('previews, commits in one go, and changes nothing the second time', async () => {
		const o = await makeOrganisation();
		const actor = { ...o.actor, userId: 1 };
		const text =
			'System name;Supplier / Vendor;Annual cost (£);Hosting;Criticality;Personal data;Workstreams\n' +
			'CareFlow;Caseworks Ltd;"£12,500.00";SaaS;High;Yes;Integration\n' +
			'Ledger;Numbers plc;12500;On-premises;Low;No;\n' +
			'Broken;X;12.5k;SaaS;High;Yes;\n';
		const first = await importText(actor, text);
		expect(first.preview).toMatchObject({ delimiter: ';', encoding: 'utf-8' });
		expect(first.preview.plan.counts).toEqual({
			create: 2,
			update: 0,
			unchanged: 0,
			rejected: 1,
			reviews: 0,
			links: 1
		});
		expect(first.preview.plan.problems).toEqual([
			{
				row: 4,
				column: 'Annual run cost (£)',
				reason: expect.stringMatching(/shorthand/),
				name: 'Broken'
			}
		]);
		expect(await first.commit()).toEqual({
			ok: true,
			counts: { create: 2, update: 0, unchanged: 0, rejected: 1, reviews: 0, links: 1 },
			leftOut: 0,
			replanned: false,
			fromPreview: true
		});
		const list = await systems.listSystems(db(), o.org.id, DEFAULT_QUERY);
		expect(list.rows.map((r) => [r.name, r.annualRunCostPence])).toEqual([
			['CareFlow', 1250000],
			['Ledger', 1250000]
		]);
		const again = await importText(actor, text);
		expect(again.preview.plan.counts).toEqual({
			create: 0,
			update: 0,
			unchanged: 2,
			rejected: 1,
			reviews: 0,
			links: 0
		});
		const rows = await audit.listAudit(db(), o.org.id, { action: 'import' });
		expect(JSON.parse(rows.rows[0]!.after!)).toMatchObject({
			fileName: 'inventory.csv',
			sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
			create: 2,
			rejected: 1
		});
	});

	it('gives back the rejected rows as they were in the file, each with its reasons, and another organisation nothing', async () => {
		const o = await makeOrganisation();
		const actor = { ...o.actor, userId: 1 };
		const text =
			'System name;Annual cost (£);Hosting;Criticality;Personal data\nCareFlow;"£12,500.00";SaaS;High;Yes\nBroken;12.5k;SaaS;High;Yes\n;100;SaaS;Low;No\n';
		const { uploadId } = await importText(actor, text);
		const rejected = await importService.rejectedRows(actor, uploadId);
		expect(rejected?.headings).toEqual([
			'System name',
			'Annual cost (£)',
			'Hosting',
			'Criticality',
			'Personal data'
		]);
		expect(rejected?.rows.map((r) => [r.row, r.cells])).toEqual([
			[3, ['Broken', '12.5k', 'SaaS', 'High', 'Yes']],
			[4, ['', '100', 'SaaS', 'Low', 'No']]
		]);
		expect(rejected?.rows.map((r) => r.reasons)).toEqual([
			expect.stringMatching(/^Annual run cost \(£\): .*shorthand/),
			'Name: Enter the name of the system'
		]);
		expect(rejected?.rows.map((r) => r.name)).toEqual(['Broken', '']);
		const other = await makeOrganisation();
		expect(await importService.rejectedRows({ ...other.actor, userId: 2 }, uploadId)).toBeNull();
	});

	it("imports values written in the council's own words, and reports every problem of a bad row at once", async () => {
		const o = await makeOrganisation();
		const actor = { ...o.actor, userId: 1 };
		const text =
			'System name;Hosting;Criticality;Personal data;Lifecycle;Outcomes;Target date;Outcome status\n' +
			'Words One;Cloud hosted;Med;Y;In use;Sunset;31/03/2028;Signed off\n' +
			'Words Two;on-prem;HIGH;N;Live;Keep;;\n' +
			'Words Bad;Mainframe;Very;maybe;Live;Later;31/02/2028;\n';
		const run = await importText(actor, text);
		expect(run.preview.plan.counts).toMatchObject({ create: 2, rejected: 1, reviews: 2 });
		expect(run.preview.plan.problems.map((p) => [p.row, p.name, p.column])).toEqual([
			[4, 'Words Bad', 'Hosting'],
			[4, 'Words Bad', 'Criticality'],
			[4, 'Words Bad', 'Personal data held'],
			[4, 'Words Bad', 'Outcomes'],
			[4, 'Words Bad', 'Target date (decommission or replace)']
		]);
		expect(await run.commit()).toMatchObject({ ok: true });
		const [one] = (
			await systems.exportSystems(db(), o.org.id, { ...DEFAULT_QUERY, q: 'Words One' })
		).filter((s) => s.name === 'Words One');
		expect(one).toMatchObject({
			hosting: 'saas',
			criticality: 'medium',
			personalData: 'personal',
			lifecycle: 'live'
		});
	});

	it('lists values it does not know, imports them as the officer maps them, and remembers the mapping next time', async () => {
		const o = await makeOrganisation();
		const actor = { ...o.actor, userId: 1 };
		const text =
			'System name,Hosting,Criticality,Personal data,Outcomes\n' +
			'Mapped One,Azure tenancy,Tier 1,No,Park\n' +
			'Mapped Two,Azure tenancy,High,No,\n' +
			'Mapped Three,SaaS,Ask IT,No,\n';
		const first = await importText(actor, text);
		expect(first.preview.values.map((v) => [v.set, v.text, v.rows, v.mapped])).toEqual([
			['hosting', 'Azure tenancy', 2, undefined],
			['criticality', 'Ask IT', 1, undefined],
			['criticality', 'Tier 1', 1, undefined],
			['outcome', 'Park', 1, undefined]
		]);
		expect(first.preview.plan.counts).toMatchObject({ create: 0, rejected: 3 });

		const params = new URLSearchParams([
			['vk0', 'hosting:azure tenancy'],
			['vv0', 'saas'],
			['vk1', 'criticality:tier 1'],
			['vv1', 'critical'],
			['vk2', 'outcome:park'],
			['vv2', 'maintain'],
			['vk3', 'criticality:ask it'],
			['vv3', BLANK]
		]);
		const options = { values: readValueMappingParams(params) };
		const mapped = (await importService.previewUpload(actor, first.uploadId, options))!;
		// 'Ask IT' read as blank ('TBC' would be read as Not yet assessed): a new system still needs a criticality, so only that row is refused.
		expect(mapped.plan.counts).toMatchObject({ create: 2, rejected: 1, reviews: 1 });
		expect(mapped.plan.problems).toEqual([
			expect.objectContaining({
				row: 4,
				name: 'Mapped Three',
				reason: expect.stringMatching(/needs .*Criticality/)
			})
		]);
		// The commit must read the values the same way as the preview it confirms (planning again, as
		// it does when anything changed after the preview; the staged plan is the preview's own reading).
		await forgetStagedPlan(first.uploadId);
		expect(
			await importService.commitUpload(actor, first.uploadId, {}, mapped.planHash)
		).toMatchObject({ ok: false, reason: 'changed' });
		expect(
			await importService.commitUpload(actor, first.uploadId, options, mapped.planHash)
		).toMatchObject({ ok: true, counts: { create: 2 } });
		const one = (await systems.exportSystems(db(), o.org.id, DEFAULT_QUERY)).find(
			(s) => s.name === 'Mapped One'
		);
		expect(one).toMatchObject({ hosting: 'saas', criticality: 'critical' });

		// Next time, with no answers given, the organisation's mapping is applied and shown as chosen.
		const again = await importText(
			actor,
			'System name,Hosting,Criticality,Personal data\nMapped Four,Azure tenancy,Tier 1,No\n'
		);
		expect(again.preview.plan.counts).toMatchObject({ create: 1, rejected: 0 });
		expect(again.preview.values.map((v) => [v.text, v.mapped])).toEqual([
			['Tier 1', 'critical'],
			['Azure tenancy', 'saas']
		]);
		// Another organisation's file is not read with it.
		const other = await makeOrganisation();
		const theirs = await importText(
			{ ...other.actor, userId: 2 },
			'System name,Hosting,Criticality,Personal data\nX,Azure tenancy,High,No\n'
		);
		expect(theirs.preview.plan.counts).toMatchObject({ create: 0, rejected: 1 });
	});

	it('round-trips its own export: nothing changes', async () => {
		const o = await makeOrganisation();
		await createSystem(o.actor, {
			name: 'Alpha',
			externalRef: 'A-1',
			contractEnd: '2027-03-31',
			annualRunCostPence: 99
		});
		await createSystem(o.actor, { name: '=Beta', externalRef: 'B-2', userCount: null });
		const csv = systemsCsv(await systems.exportSystems(db(), o.org.id, DEFAULT_QUERY));
		const trip = await importText({ ...o.actor, userId: 1 }, csv);
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

	it("leaves another organisation's systems alone, even with the same names and references", async () => {
		const a = await makeOrganisation();
		const b = await makeOrganisation();
		await createSystem(b.actor, {
			name: 'Shared Name',
			externalRef: 'REF-1',
			supplier: 'Original'
		});
		const run = await importText(
			{ ...a.actor, userId: 1 },
			'External reference,Name,Supplier,Hosting,Criticality,Personal data held\nREF-1,Shared Name,Changed,SaaS,High,No\n'
		);
		expect(run.preview.plan.counts.create).toBe(1);
		await run.commit();
		const inB = await systems.listSystems(db(), b.org.id, DEFAULT_QUERY);
		expect(inB.rows.map((r) => r.supplier)).toEqual(['Original']);
	});

	it('refuses to commit when the data changed since the preview, writing nothing', async () => {
		const o = await makeOrganisation();
		const actor = { ...o.actor, userId: 1 };
		const run = await importText(
			actor,
			'Name,Hosting,Criticality,Personal data held\nLate,SaaS,High,No\n'
		);
		await createSystem(o.actor, { name: 'Late' });
		const result = await run.commit();
		expect(result).toMatchObject({ ok: false, reason: 'changed' });
		expect((await systems.listSystems(db(), o.org.id, DEFAULT_QUERY)).total).toBe(1);
	});

	it('refuses files that are not CSV before keeping them', async () => {
		const o = await makeOrganisation();
		const actor = { ...o.actor, userId: 1 };
		expect(
			await importService.uploadFile(
				actor,
				'book.xlsx',
				Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2])
			)
		).toMatchObject({ ok: false, reason: expect.stringMatching(/workbook/) });
		expect(await importService.uploadFile(actor, 'dup.csv', enc('Name,Name\nA,B\n'))).toMatchObject(
			{ ok: false, reason: expect.stringMatching(/same heading/) }
		);
		expect(await importService.uploadFile(actor, 'q.csv', enc('Name\n"open\n'))).toMatchObject({
			ok: false,
			reason: expect.stringMatching(/never closed/)
		});
	});
});
