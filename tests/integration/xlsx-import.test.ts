// Excel workbooks through the imports: the same data as a CSV file and as a workbook sheet must preview,
// commit and reject identically; the sheet is the officer's choice and part of the plan's fingerprint.
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { db, startDatabase, makeOrganisation, createSystem } from './helpers';
import { writeWorkbook } from '$lib/server/web/xlsx-response';
import { systemsSheet } from '$lib/domain/xlsx/tables';
import * as importService from '$lib/server/services/imports';
import * as costImport from '$lib/server/services/cost-import';
import * as systems from '$lib/server/repos/systems';
import * as costLineCsv from '$lib/server/repos/cost-line-csv';
import { DEFAULT_QUERY } from '$lib/domain/systems';

beforeAll(async () => {
	await startDatabase();
});

const enc = (s: string) => new TextEncoder().encode(s);
type Actor = Parameters<typeof importService.uploadFile>[0];

const CSV =
	'System name;Supplier;Annual cost (£);Contract end;Hosting;Criticality;Personal data;Users\n' +
	'CareFlow;Caseworks Ltd;"£12,500.50";31/03/2027;SaaS;High;Yes;120\n' +
	'Ledger;Numbers plc;12500;01/04/2026;On-premises;Low;No;7\n' +
	'Broken;X;12.5k;31/02/2028;Mainframe;High;Yes;3\n';

/** The same rows as the CSV, typed as Excel holds them: money and counts as numbers with formats, dates as dates; after a cover sheet. */
async function workbookOfSameData(): Promise<Uint8Array> {
	const wb = new ExcelJS.Workbook();
	wb.addWorksheet('Read me').addRows([
		['This workbook lists our systems'],
		['Prepared by the ICT team']
	]);
	const ws = wb.addWorksheet('Inventory');
	ws.addRows([
		[
			'System name',
			'Supplier',
			'Annual cost (£)',
			'Contract end',
			'Hosting',
			'Criticality',
			'Personal data',
			'Users'
		],
		[
			'CareFlow',
			'Caseworks Ltd',
			12500.5,
			new Date(Date.UTC(2027, 2, 31)),
			'SaaS',
			'High',
			'Yes',
			120
		],
		[
			'Ledger',
			'Numbers plc',
			{ formula: '12000+500', result: 12500 },
			new Date(Date.UTC(2026, 3, 1)),
			'On-premises',
			'Low',
			'No',
			7
		],
		['Broken', 'X', '12.5k', '31/02/2028', 'Mainframe', 'High', 'Yes', 3]
	]);
	ws.getColumn(3).numFmt = '"£"#,##0.00';
	ws.getColumn(4).numFmt = 'dd/mm/yyyy';
	return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function preview(actor: Actor, name: string, bytes: Uint8Array, sheet?: string) {
	const upload = await importService.uploadFile(actor, name, bytes);
	if (!upload.ok) throw new Error(upload.reason);
	const shown = await importService.previewUpload(actor, upload.uploadId, { sheet });
	if (!shown) throw new Error('no preview');
	return { uploadId: upload.uploadId, preview: shown };
}

/** A system as exported, without what differs between two organisations' copies of the same data. */
const comparable = (rows: Awaited<ReturnType<typeof systems.exportSystems>>) =>
	rows.map(({ id: _i, ...row }) => ({
		...row,
		organisationId: 0,
		directorateId: 0,
		serviceAreaId: 0
	}));

describe('a workbook imported as a CSV file of the same data', () => {
	it('previews, rejects, commits and exports exactly as the CSV file does', async () => {
		const [a, b] = [await makeOrganisation(), await makeOrganisation()];
		const [csvActor, xlsxActor] = [
			{ ...a.actor, userId: 1 },
			{ ...b.actor, userId: 1 }
		];
		const csv = await preview(csvActor, 'inventory.csv', enc(CSV));
		// The cover sheet has text but the officer chose the inventory.
		const xlsx = await preview(
			xlsxActor,
			'inventory.xlsx',
			await workbookOfSameData(),
			'Inventory'
		);
		expect(xlsx.preview).toMatchObject({
			encoding: 'xlsx',
			delimiter: ',',
			workbook: { sheet: 'Inventory', sheets: [{ name: 'Read me' }, { name: 'Inventory' }] }
		});
		expect(xlsx.preview.headings).toEqual(csv.preview.headings);
		expect(xlsx.preview.mapping).toEqual(csv.preview.mapping);
		expect(xlsx.preview.plan).toEqual(csv.preview.plan);
		expect(xlsx.preview.plan.counts).toMatchObject({ create: 2, rejected: 1 });

		const [csvRejected, xlsxRejected] = [
			await importService.rejectedRows(csvActor, csv.uploadId),
			await importService.rejectedRows(xlsxActor, xlsx.uploadId, { sheet: 'Inventory' })
		];
		expect(xlsxRejected).toEqual(csvRejected);
		expect(xlsxRejected?.rows[0]).toMatchObject({
			row: 4,
			cells: ['Broken', 'X', '12.5k', '31/02/2028', 'Mainframe', 'High', 'Yes', '3']
		});

		expect(
			await importService.commitUpload(csvActor, csv.uploadId, {}, csv.preview.planHash)
		).toMatchObject({ ok: true });
		expect(
			await importService.commitUpload(
				xlsxActor,
				xlsx.uploadId,
				{ sheet: 'Inventory' },
				xlsx.preview.planHash
			)
		).toMatchObject({ ok: true });
		const [fromCsv, fromXlsx] = [
			await systems.exportSystems(db(), a.org.id, DEFAULT_QUERY),
			await systems.exportSystems(db(), b.org.id, DEFAULT_QUERY)
		];
		expect(comparable(fromXlsx)).toEqual(comparable(fromCsv));
		expect(fromXlsx.find((s) => s.name === 'CareFlow')).toMatchObject({
			annualRunCostPence: 1250050,
			contractEnd: '2027-03-31',
			userCount: 120
		});
	});

	it('reads the first sheet with data by default, and a commit on another sheet than the one previewed is refused as changed', async () => {
		const o = await makeOrganisation();
		const actor = { ...o.actor, userId: 1 };
		const wb = new ExcelJS.Workbook();
		wb.addWorksheet('Empty');
		for (const name of ['First', 'Second'])
			wb.addWorksheet(name).addRows([
				['System name', 'Hosting', 'Criticality', 'Personal data'],
				['Same', 'SaaS', 'Low', 'No']
			]);
		const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
		const first = await preview(actor, 'two.xlsx', bytes);
		expect(first.preview.workbook?.sheet).toBe('First');
		const second = await importService.previewUpload(actor, first.uploadId, { sheet: 'Second' });
		// The same rows, but another sheet: another fingerprint.
		expect(second?.plan).toEqual(first.preview.plan);
		expect(second?.planHash).not.toBe(first.preview.planHash);
		expect(
			await importService.commitUpload(
				actor,
				first.uploadId,
				{ sheet: 'Second' },
				first.preview.planHash
			)
		).toMatchObject({ ok: false, reason: 'changed' });
		expect(
			await importService.commitUpload(
				actor,
				first.uploadId,
				{ sheet: 'First' },
				first.preview.planHash
			)
		).toMatchObject({ ok: true, counts: { create: 1 } });
	});

	it('keeps a workbook whose first sheet cannot be read when another can be chosen, and refuses, keeping nothing, files that are not workbooks', async () => {
		const o = await makeOrganisation();
		const actor = { ...o.actor, userId: 1 };
		const wb = new ExcelJS.Workbook();
		// The larger sheet is read first (the one with the most cells), and it cannot be read.
		wb.addWorksheet('Broken').addRows([
			['System name', 'Users', 'Supplier', 'Owner', 'Notes'],
			['A', { error: '#N/A' }, 'S', 'O', 'N']
		]);
		wb.addWorksheet('Good').addRows([
			['System name', 'Hosting', 'Criticality', 'Personal data'],
			['B', 'SaaS', 'Low', 'No']
		]);
		const kept = await preview(actor, 'mixed.xlsx', new Uint8Array(await wb.xlsx.writeBuffer()));
		expect(kept.preview.fileProblem).toContain('B2 holds the error #N/A');
		expect(kept.preview.workbook).toMatchObject({ sheet: 'Broken' });
		const good = await importService.previewUpload(actor, kept.uploadId, { sheet: 'Good' });
		expect(good).toMatchObject({ fileProblem: null, plan: { counts: { create: 1 } } });

		const single = new ExcelJS.Workbook();
		single.addWorksheet('Only').addRows([
			['System name', 'Users'],
			['A', { formula: 'B9*2' }]
		]);
		expect(
			await importService.uploadFile(
				actor,
				'only.xlsx',
				new Uint8Array(await single.xlsx.writeBuffer())
			)
		).toEqual({
			ok: false,
			reason: expect.stringContaining('B2 has a formula (=B9*2) with no saved result')
		});
		const xls = new Uint8Array(4096);
		xls.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
		expect(await importService.uploadFile(actor, 'old.xls', xls)).toEqual({
			ok: false,
			reason: expect.stringContaining('old-format Excel file (.xls)')
		});
	});
});

describe('cost lines from a workbook', () => {
	it('preview and commit as the same cost lines in a CSV file do', async () => {
		const [a, b] = [await makeOrganisation(), await makeOrganisation()];
		const header = [
			'Line reference',
			'System external reference',
			'System name',
			'Workstream',
			'Outcome',
			'Financial year',
			'Capital or revenue',
			'Category',
			'Amount (£)',
			'Confidence',
			'Funding source',
			'Description'
		];
		const rows = [
			[
				'',
				'',
				'',
				'Integration',
				'',
				'2026/27',
				'Capital',
				'Implementation',
				'1234.56',
				'Estimate',
				'',
				'Build'
			],
			[
				'',
				'',
				'',
				'Integration',
				'',
				'2027/28',
				'Revenue',
				'Licences',
				'200',
				'Committed',
				'',
				'Support, one year'
			]
		];
		const csv = [header, ...rows]
			.map((r) => r.map((c) => (c.includes(',') ? `"${c}"` : c)).join(','))
			.join('\n');
		const wb = new ExcelJS.Workbook();
		const ws = wb.addWorksheet('Costs');
		ws.addRows([header, ...rows.map((r) => r.map((c, i) => (i === 8 ? Number(c) : c)))]);
		ws.getColumn(9).numFmt = '"£"#,##0.00;[Red]-"£"#,##0.00';
		const xlsx = new Uint8Array(await wb.xlsx.writeBuffer());
		const results = [];
		for (const [o, name, bytes] of [
			[a, 'costs.csv', enc(csv)],
			[b, 'costs.xlsx', xlsx]
		] as const) {
			const actor = { ...o.actor, userId: 1 };
			const upload = await costImport.uploadFile(actor, name, bytes);
			if (!upload.ok) throw new Error(upload.reason);
			const shown = await costImport.previewCostUpload(actor, upload.uploadId);
			results.push(shown);
			expect(
				await costImport.commitCostUpload(actor, upload.uploadId, {}, shown!.planHash)
			).toMatchObject({ ok: true, counts: { create: 2 } });
		}
		expect(results[1]).toMatchObject({
			encoding: 'xlsx',
			workbook: { sheet: 'Costs' },
			counts: results[0]!.counts,
			problems: results[0]!.problems,
			headings: results[0]!.headings
		});
		const amounts = async (organisationId: number) =>
			(await costLineCsv.exportCostLines(db(), organisationId)).map((l) => [
				l.financialYear,
				l.amountPence,
				l.description
			]);
		expect(await amounts(b.org.id)).toEqual(await amounts(a.org.id));
		expect(await amounts(b.org.id)).toEqual(
			expect.arrayContaining([
				['2026/27', 123456, 'Build'],
				['2027/28', 20000, 'Support, one year']
			])
		);
	});
});

describe('the catalogue exported as Excel', () => {
	it('holds what the CSV export holds, as numbers and dates, and imports back unchanged', async () => {
		const o = await makeOrganisation();
		await createSystem(o.actor, {
			name: 'Alpha',
			externalRef: 'A-1',
			contractEnd: '2027-03-31',
			contractStart: '1999-12-31',
			annualRunCostPence: 99,
			userCount: 1_200
		});
		await createSystem(o.actor, {
			name: '=Beta',
			externalRef: 'B-2',
			userCount: null,
			annualRunCostPence: 123_456_789
		});
		const stream = new PassThrough();
		const chunks: Buffer[] = [];
		stream.on('data', (c: Buffer) => chunks.push(c));
		await writeWorkbook(
			[systemsSheet(await systems.exportSystems(db(), o.org.id, DEFAULT_QUERY))],
			stream
		);
		const bytes = new Uint8Array(Buffer.concat(chunks));

		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
		const ws = wb.getWorksheet('Systems')!;
		const byName = new Map(
			[2, 3].map((r) => [String(ws.getRow(r).getCell(2).value), ws.getRow(r)])
		);
		expect(byName.get('Alpha')!.getCell(10).value).toBe(0.99);
		expect(byName.get('Alpha')!.getCell(12).value).toEqual(new Date('2027-03-31T00:00:00Z'));
		expect(byName.get('Alpha')!.getCell(9).value).toBe(1_200);
		expect(byName.get('=Beta')!.getCell(10).value).toBe(1_234_567.89);
		expect(byName.get('=Beta')!.getCell(2).type).toBe(ExcelJS.ValueType.String);

		const trip = await preview({ ...o.actor, userId: 1 }, 'systems.xlsx', bytes);
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
});
