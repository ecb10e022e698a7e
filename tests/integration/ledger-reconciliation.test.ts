/**
 * Ledger reconciliation against a real database: the demo extract's deliberate mis-posting is found
 * (named to the officers, never to the partner), an extract with one bad row writes nothing, a
 * replacement needs confirming and is audited, the tolerance decides what agrees, and one partner's
 * ledger never reaches another's reconciliation or preview.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { writeFileSync } from 'node:fs';
import { db, startDatabase } from './helpers';
import { execute } from '$lib/server/db/bulk';
import { loadDemoPortfolio } from '$lib/server/services/demo/load';
import { DEMO_SHARED_SERVICE } from '$lib/server/services/demo/load-governance';
import { demoLedgerCsv, loadDemoLedger } from '$lib/server/services/demo/load-ledger';
import { DEMO_ORGANISATION } from '$lib/server/services/demo/demo-portfolio';
import * as organisations from '$lib/server/repos/organisations';
import * as ledger from '$lib/server/repos/ledger';
import { uploadFile } from '$lib/server/services/import-upload';
import { commitLedger, importLedgerFile, previewLedger } from '$lib/server/services/ledger-import';
import { linesBehind, reconciliationOf, setTolerance } from '$lib/server/services/reconciliation';
import { statedTotalsByCostCentreYear } from '$lib/server/repos/recharge-statement-lines';
import type { Actor } from '$lib/server/services/actor';

let sharedId: number;
let north: Actor & { userId: number };
let east: Actor & { userId: number };

const HEAD = ['Cost centre', 'Financial year', 'Amount', 'Capital or revenue', 'Description'];
const csv = (...rows: string[][]) => demoLedgerCsv([HEAD, ...rows]);
const linesOf = (actor: Actor) => ledger.listLines(db(), sharedId, actor.organisationId);
const auditRows = async (organisationId: number) =>
	(
		await execute(
			db(),
			"SELECT action, detail FROM audit_event WHERE organisation_id = ? AND entity = 'ledger_extract' ORDER BY id",
			[organisationId]
		)
	).rows.map((r) => [r.action, r.detail]);

beforeAll(async () => {
	await startDatabase();
	await loadDemoPortfolio();
	sharedId = (await organisations.getOrganisationBySlug(db(), DEMO_SHARED_SERVICE.slug))!.id;
	const partner = async (slug: string) => ({
		organisationId: (await organisations.getOrganisationBySlug(db(), slug))!.id,
		userId: 1,
		displayName: `${slug} finance`
	});
	north = await partner(DEMO_ORGANISATION.slug);
	east = await partner('eastmoor');
});

describe('the demo extract', () => {
	it("finds the mis-posting to Eastmoor's cost centre, named only to the officers", async () => {
		const partnerView = await reconciliationOf(db(), sharedId, north.organisationId, 'partner');
		expect(partnerView.misposted.map((l) => [l.costCentreCode, l.amountPence, l.flag])).toEqual([
			['EM-IT-01', 8_298_39, 'Another partner’s cost centre']
		]);
		expect(JSON.stringify(partnerView)).not.toMatch(/Eastmoor/);
		expect(
			partnerView.rows.map((r) => [r.costCentre, r.spendType, r.differencePence, r.status])
		).toEqual([
			['NCC-ICT-100 Corporate ICT', 'capital', 0, 'Agrees'],
			['NCC-ICT-100 Corporate ICT', 'revenue', -8_298_39, 'Ledger is £8,298.39 less than recharged']
		]);
		// The short row counts its two recharges (listed when asked for), and holds the ledger's
		// seven revenue lines on NCC-ICT-100.
		expect(partnerView.rows[1]!.rechargeCount).toBe(2);
		const behind = await linesBehind(db(), sharedId, north.organisationId, partnerView.rows[1]!);
		expect([behind.lines.length, behind.after]).toEqual([2, null]);
		expect(partnerView.rows[1]!.ledger).toHaveLength(7);
		const officer = await reconciliationOf(db(), sharedId, north.organisationId, 'officer');
		expect(officer.misposted[0]!.flag).toBe(
			'EM-IT-01 Eastmoor ICT and digital belongs to Eastmoor District Council'
		);
		expect(await loadDemoLedger(DEMO_ORGANISATION.slug)).toBe(false);
	});

	it("never shows one partner's ledger lines in another's reconciliation", async () => {
		const eastView = await reconciliationOf(db(), sharedId, east.organisationId, 'partner');
		expect(eastView.extracts).toEqual([]);
		expect(JSON.stringify(eastView)).not.toMatch(/JNL-|Identity platform support, Oct/);
		expect(eastView.status).toBe('Not reconciled: no ledger extract uploaded yet');
	});
});

describe('importing an extract', () => {
	it('writes nothing when any row is refused, and gives every reason of every row', async () => {
		const before = await linesOf(east);
		const result = await importLedgerFile(
			east,
			sharedId,
			'bad.csv',
			csv(
				['EM-IT-01', '2026/27', '£10.00', 'Revenue', 'fine'],
				['', 'FY26', '1.2k', 'Grant', 'three problems and a blank code']
			)
		);
		expect(result.ok).toBe(false);
		expect(!result.ok && result.reason).toBe('not-ready');
		expect(result.preview!.problems.map((p) => [p.row, p.column])).toEqual([
			[3, 'Cost centre'],
			[3, 'Amount'],
			[3, 'Financial year'],
			[3, 'Capital or revenue']
		]);
		expect(await linesOf(east)).toEqual(before);
		expect(await auditRows(east.organisationId)).toEqual([]);
	});

	it('previews, commits only the plan previewed, and replaces a year only once confirmed', async () => {
		const first = csv(['EM-IT-01', '2026/27', '£100.00', 'Revenue', 'first']);
		const up = await uploadFile(east, 'first.csv', first);
		expect(up.ok).toBe(true);
		const uploadId = up.ok ? up.uploadId : 0;
		const preview = (await previewLedger(east, sharedId, uploadId, {}))!;
		expect(preview.years.map((y) => [y.financialYear, y.lineCount, y.held])).toEqual([
			['2026/27', 1, null]
		]);
		expect(await commitLedger(east, sharedId, uploadId, {}, 'not-the-plan', false)).toEqual({
			ok: false,
			reason: 'changed'
		});
		const done = await commitLedger(east, sharedId, uploadId, {}, preview.planHash, false);
		expect(done).toMatchObject({ ok: true, lineCount: 1, replaced: 0 });
		// The same commit posted twice finds its upload gone.
		expect(await commitLedger(east, sharedId, uploadId, {}, preview.planHash, false)).toEqual({
			ok: false,
			reason: 'not-found'
		});

		const second = await uploadFile(
			east,
			'second.csv',
			csv(
				['EM-IT-01', '2026/27', '£60.00', 'Revenue', 'second'],
				['EM-IT-01', '2026/27', '£40.00', 'Revenue', 'second']
			)
		);
		const secondId = second.ok ? second.uploadId : 0;
		const p2 = (await previewLedger(east, sharedId, secondId, {}))!;
		expect(p2.years[0]!.held).toMatchObject({ lineCount: 1, fileName: 'first.csv' });
		expect(await commitLedger(east, sharedId, secondId, {}, p2.planHash, false)).toEqual({
			ok: false,
			reason: 'confirm'
		});
		expect((await linesOf(east)).map((l) => l.description)).toEqual(['first']);
		expect(await commitLedger(east, sharedId, secondId, {}, p2.planHash, true)).toMatchObject({
			ok: true,
			lineCount: 2,
			replaced: 1
		});
		expect((await linesOf(east)).map((l) => l.amountPence)).toEqual([60_00, 40_00]);
		const audited = [
			['import', 'Ledger extract first.csv: 1 line of 2026/27'],
			['replace', 'Ledger extract second.csv: 2 lines of 2026/27, replacing 1 line held before']
		];
		expect(await auditRows(east.organisationId)).toEqual(audited);
		expect((await auditRows(sharedId)).slice(-2)).toEqual(audited);
	});

	it("never previews another organisation's upload", async () => {
		const up = await uploadFile(north, 'north.csv', csv(['NCC-ICT-100', '2026/27', '1', '', '']));
		const id = up.ok ? up.uploadId : 0;
		expect(await previewLedger(east, sharedId, id, {})).toBeNull();
		expect(await commitLedger(east, sharedId, id, {}, '', true)).toEqual({
			ok: false,
			reason: 'not-found'
		});
	});
});

describe('the tolerance', () => {
	it('decides what agrees, is set per shared service, and refuses what is not an amount', async () => {
		const officer: Actor = { organisationId: sharedId, userId: null, displayName: 'Officer' };
		// Eastmoor's ledger now holds £100.00 against its EM-IT-01 revenue recharges.
		const view = async () =>
			(await reconciliationOf(db(), sharedId, east.organisationId, 'partner')).rows.find(
				(r) => r.costCentre.startsWith('EM-IT-01') && r.spendType === 'revenue'
			)!;
		const row = await view();
		expect(row.withinTolerance).toBe(false);
		const gap = Math.abs(row.differencePence);
		expect(await setTolerance(officer, (gap / 100).toFixed(2))).toMatchObject({ ok: true });
		expect((await view()).withinTolerance).toBe(true);
		expect(await setTolerance(officer, ((gap - 1) / 100).toFixed(2))).toMatchObject({ ok: true });
		expect((await view()).withinTolerance).toBe(false);
		expect(await setTolerance(officer, '1.2k')).toMatchObject({
			ok: false,
			errors: { tolerance: "'1.2k' uses a shorthand; enter the full amount in pounds (write 1200)" }
		});
		expect(await setTolerance(officer, '-1')).toMatchObject({ ok: false });
		const notShared: Actor = { ...officer, organisationId: east.organisationId };
		expect(await setTolerance(notShared, '2.00')).toMatchObject({ ok: false });
	});
});

describe('a year an issued statement covers', () => {
	it('is reconciled against what the statement charged, not against recharges changed since', async () => {
		// Eastmoor was sent its 2026/27 statement (the demo); it posts exactly what it was charged.
		const stated = await statedTotalsByCostCentreYear(db(), sharedId, east.organisationId);
		expect(stated.length).toBeGreaterThan(0);
		const rows = stated.map((t) => [
			t.costCentre.split(' ')[0]!,
			t.financialYear,
			`£${(t.amountPence / 100).toFixed(2)}`,
			t.spendType === 'capital' ? 'Capital' : 'Revenue',
			'as invoiced'
		]);
		const up = await uploadFile(east, 'as-invoiced.csv', csv(...rows));
		const uploadId = up.ok ? up.uploadId : 0;
		const preview = (await previewLedger(east, sharedId, uploadId, {}))!;
		expect(await commitLedger(east, sharedId, uploadId, {}, preview.planHash, true)).toMatchObject({
			ok: true
		});
		// Then one of its recharges changes (a cost line edited after the statement was issued: the
		// difference belongs on the next statement as an adjustment, not in this reconciliation).
		const [changed] = (
			await execute(
				db(),
				"SELECT rowid AS id, amount_pence AS amount FROM recharge WHERE organisation_id = ? AND partner_organisation_id = ? AND financial_year = '2026/27' ORDER BY rowid LIMIT 1",
				[sharedId, east.organisationId]
			)
		).rows;
		await execute(db(), 'UPDATE recharge SET amount_pence = amount_pence + 12345 WHERE rowid = ?', [
			changed!.id as number
		]);
		try {
			const view = await reconciliationOf(db(), sharedId, east.organisationId, 'partner');
			expect(view.rows.length).toBe(stated.length);
			expect(view.rows.every((r) => r.differencePence === 0 && r.status === 'Agrees')).toBe(true);
		} finally {
			await execute(db(), 'UPDATE recharge SET amount_pence = ? WHERE rowid = ?', [
				changed!.amount as number,
				changed!.id as number
			]);
		}
	});
});

/** A ledger workbook as a finance system exports it: dates as dates, amounts as numbers in a £ format, after a cover sheet. */
async function ledgerWorkbook(): Promise<Uint8Array> {
	const wb = new ExcelJS.Workbook();
	wb.addWorksheet('Report').addRows([
		['General ledger: Tri-Council recharges'],
		['Run 06/12/2026']
	]);
	const ws = wb.addWorksheet('Lines');
	ws.addRows([
		['Cost centre', 'Posting date', 'Amount', 'Capital or revenue', 'Description'],
		['WB-4410', new Date(Date.UTC(2027, 2, 31)), 1234.56, 'Revenue', 'Licences'],
		[
			'WB-4410',
			new Date(Date.UTC(2026, 3, 1)),
			{ formula: '-200-50', result: -250 },
			'Revenue',
			'Credit'
		],
		['NCC-ICT-100', new Date(Date.UTC(2026, 8, 30)), 10, 'Capital', 'Posted to Northshire']
	]);
	ws.getColumn(2).numFmt = 'dd/mm/yyyy';
	ws.getColumn(3).numFmt = '"£"#,##0.00;[Red]\\-"£"#,##0.00';
	const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
	// Kept for opening in LibreOffice when LEDGER_XLSX_OUT names a file.
	if (process.env.LEDGER_XLSX_OUT) writeFileSync(process.env.LEDGER_XLSX_OUT, bytes);
	return bytes;
}

describe('an Excel ledger', () => {
	it('reads dates, numbers and formulas from the sheet chosen, and flags the other partner’s code', async () => {
		const west = {
			organisationId: (await organisations.getOrganisationBySlug(db(), 'westvale'))!.id,
			userId: 1,
			displayName: 'westvale finance'
		};
		const up = await uploadFile(west, 'ledger.xlsx', await ledgerWorkbook());
		const id = up.ok ? up.uploadId : 0;
		const first = (await previewLedger(west, sharedId, id, {}))!;
		expect(first.workbook?.sheets.map((s) => s.name)).toEqual(['Report', 'Lines']);
		const preview = (await previewLedger(west, sharedId, id, { sheet: 'Lines' }))!;
		expect(preview.problems).toEqual([]);
		expect(preview.years.map((y) => [y.financialYear, y.lineCount, y.totalPence])).toEqual([
			['2026/27', 3, 1234_56 - 250_00 + 10_00]
		]);
		expect(preview.flagged.map((f) => [f.row, f.costCentreCode, f.flag])).toEqual([
			[4, 'NCC-ICT-100', 'Another partner’s cost centre']
		]);
		expect(
			await commitLedger(west, sharedId, id, { sheet: 'Lines' }, preview.planHash, false)
		).toMatchObject({ ok: true, lineCount: 3 });
		const lines = await linesOf(west);
		expect(lines.map((l) => [l.postingDate, l.amountPence, l.spendType])).toEqual([
			['2027-03-31', 1234_56, 'revenue'],
			['2026-04-01', -250_00, 'revenue'],
			['2026-09-30', 10_00, 'capital']
		]);
	});
});

describe('a ledger whose headings are its own, mapped by hand', () => {
	const ROWS = [
		['EM-IT-01', '2027/28', '£1,234.56', 'Revenue', 'Licences'],
		['EM-IT-01', '2027/28', '(250.00)', 'Capital', 'Credit']
	];
	const TIDY = csv(...ROWS);
	// 'Period' and 'Kind' are no headings a year or a spend type is known by.
	const OWN = demoLedgerCsv([['Cost Centre Code', 'Period', 'Net £', 'Kind', 'Colour'], ...ROWS]);
	const MAPPING = ['costCentre', 'financialYear', 'amount', 'spendType', 'description'] as const;
	const held = async () =>
		(await linesOf(east))
			.filter((l) => l.financialYear === '2027/28')
			.map(({ id: _id, fileName: _file, ...line }) => line);

	it('imports exactly as the tidy file does, and not until a year column is chosen', async () => {
		expect(await importLedgerFile(east, sharedId, 'tidy.csv', TIDY)).toMatchObject({ ok: true });
		const tidyLines = await held();
		expect(tidyLines.map((l) => [l.costCentreCode, l.amountPence, l.spendType])).toEqual([
			['EM-IT-01', 1234_56, 'revenue'],
			['EM-IT-01', -250_00, 'capital']
		]);

		const up = await uploadFile(east, 'own.csv', OWN);
		const uploadId = up.ok ? up.uploadId : 0;
		const guessed = (await previewLedger(east, sharedId, uploadId, {}))!;
		expect(guessed.mappingProblems).toEqual([
			'Choose the column that holds the financial year or the posting date'
		]);
		expect(guessed.lineCount).toBe(0);
		expect(await commitLedger(east, sharedId, uploadId, {}, guessed.planHash, true)).toEqual({
			ok: false,
			reason: 'not-ready'
		});

		const options = { mapping: [...MAPPING] };
		const mapped = (await previewLedger(east, sharedId, uploadId, options))!;
		expect(mapped.mappingProblems).toEqual([]);
		expect(mapped.problems).toEqual([]);
		expect(mapped.columns).toEqual(MAPPING);
		expect(mapped.years.map((y) => [y.financialYear, y.lineCount, y.totalPence])).toEqual([
			['2027/28', 2, 1234_56 - 250_00]
		]);
		// The commit reads the file with the mapping it posts: without it, it is not what was previewed.
		expect(await commitLedger(east, sharedId, uploadId, {}, mapped.planHash, true)).toEqual({
			ok: false,
			reason: 'changed'
		});
		expect(
			await commitLedger(east, sharedId, uploadId, options, mapped.planHash, true)
		).toMatchObject({ ok: true, lineCount: 2, replaced: 2 });
		expect(await held()).toEqual(tidyLines);
	});
});
