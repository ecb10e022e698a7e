// Cost lines from a spreadsheet: preview, commit all or nothing, the kept totals in step, round trip.
// The audit repo is wrapped so a test can make the import's own audit row (written last) throw.
import { beforeAll, describe, expect, it, vi } from 'vitest';

const failImportAudit = vi.hoisted(() => ({ on: false }));
vi.mock('$lib/server/repos/audit', async (importOriginal) => {
	const actual = await importOriginal<typeof import('$lib/server/repos/audit')>();
	return {
		...actual,
		recordAudit: async (...args: Parameters<typeof actual.recordAudit>) => {
			if (failImportAudit.on && args[2].action === 'import') {
				failImportAudit.on = false;
				throw new Error('audit write failed');
			}
			return actual.recordAudit(...args);
		}
	};
});

import { db, startDatabase, makeOrganisation, createSystem } from './helpers';
import * as costImport from '$lib/server/services/cost-import';
import * as costService from '$lib/server/services/cost-lines';
import * as fundingService from '$lib/server/services/funding';
import * as costLines from '$lib/server/repos/cost-lines';
import * as costTotals from '$lib/server/repos/cost-totals';
import * as costLineCsv from '$lib/server/repos/cost-line-csv';
import * as audit from '$lib/server/repos/audit';
import { costLinesCsv } from '$lib/domain/csv/cost-lines';

beforeAll(async () => {
	await startDatabase();
});

const enc = (s: string) => new TextEncoder().encode(s);
const HEADER =
	'Line reference,System external reference,System name,Workstream,Outcome,Financial year,Capital or revenue,Category,Amount (£),Confidence,Funding source,Description\n';

type Org = Awaited<ReturnType<typeof makeOrganisation>>;

async function importText(o: Org, text: string, fileName = 'costs.csv') {
	const actor = { ...o.actor, userId: 1 };
	const upload = await costImport.uploadFile(actor, fileName, enc(text));
	if (!upload.ok) throw new Error(upload.reason);
	const preview = await costImport.previewCostUpload(actor, upload.uploadId);
	if (!preview) throw new Error('no preview');
	return {
		uploadId: upload.uploadId,
		preview,
		commit: () => costImport.commitCostUpload(actor, upload.uploadId, {}, preview.planHash)
	};
}

/** An organisation with two systems and a capital funding source. */
async function portfolio() {
	const o = await makeOrganisation();
	const careflow = await createSystem(o.actor, {
		name: 'CareFlow',
		externalRef: 'CF-1',
		directorateId: o.directorate.id
	});
	const ledger = await createSystem(o.actor, { name: 'Ledger' });
	const source = await fundingService.createFundingSource(o.actor, {
		name: 'Pooled capital 2026/27',
		kind: 'pooled_capital',
		spendType: 'capital',
		allocations: [{ financialYear: '2026/27', amountPence: 10_000_000 }]
	});
	if (!source.ok) throw new Error('no funding source');
	return { o, careflow, ledger };
}

const FILE =
	HEADER +
	',CF-1,CareFlow,Case Management,,2026/27,Capital,Implementation,"£12,500.00",Estimate,Pooled capital 2026/27,Build\n' +
	',,Ledger,,,2027/28,Revenue,Licence,1200,Committed,,Licence\n' +
	',,,Integration,,2026/27,Capital,Development,5000,Estimate,,Workstream own\n' +
	',CF-1,,,,2026/27,Revenue,Hosting,12.5k,Estimate,,Typo\n';

describe('importing cost lines', () => {
	it('creates the lines, keeps the totals equal to a recount, audits, and changes nothing the second time', async () => {
		const { o, careflow } = await portfolio();
		const first = await importText(o, FILE);
		expect(first.preview.fileProblem).toBeNull();
		expect(first.preview.counts).toEqual({ create: 3, update: 0, unchanged: 0, rejected: 1 });
		expect(first.preview.problems).toEqual([
			{ row: 5, column: 'Amount (£)', reason: expect.stringMatching(/shorthand/), name: 'CF-1' }
		]);
		expect(await first.commit()).toEqual({
			ok: true,
			counts: { create: 3, update: 0, unchanged: 0, rejected: 1 }
		});

		const lines = await costLines.listCostLinesOfSystem(db(), o.org.id, careflow.id);
		expect(
			lines.map((l) => [
				l.amountPence,
				l.spendType,
				l.category,
				l.workstreamId,
				l.directorateId,
				l.fundingSourceId != null
			])
		).toEqual([
			[1_250_000, 'capital', 'implementation', o.caseManagement.id, o.directorate.id, true]
		]);
		expect(await costService.rebuildCostTotals(o.actor)).toEqual([]);
		const totals = await costTotals.readCostTotals(db(), o.org.id);
		expect(totals.reduce((sum, t) => sum + t.amountPence, 0)).toBe(1_250_000 + 120_000 + 500_000);

		const imported = await audit.listAudit(db(), o.org.id, { action: 'import' });
		expect(JSON.parse(imported.rows[0]!.after!)).toMatchObject({
			kind: 'cost lines',
			fileName: 'costs.csv',
			sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
			create: 3,
			rejected: 1
		});
		expect(
			(await audit.listAudit(db(), o.org.id, { entity: 'cost_line', action: 'create' })).total
		).toBe(3);

		// The same file again: every line it made is recognised, nothing is added.
		const second = await importText(o, FILE);
		expect(second.preview.counts).toEqual({ create: 0, update: 0, unchanged: 3, rejected: 1 });
		expect(await second.commit()).toMatchObject({ ok: true, counts: { create: 0, update: 0 } });
		expect((await costLineCsv.exportCostLines(db(), o.org.id)).length).toBe(3);

		const exported = costLinesCsv(await costLineCsv.exportCostLines(db(), o.org.id));
		const again = await importText(o, exported, 'cost-lines.csv');
		expect(again.preview.problems).toEqual([]);
		expect(again.preview.counts).toEqual({ create: 0, update: 0, unchanged: 3, rejected: 0 });
		const twice = await importText(o, exported, 'cost-lines.csv');
		expect(await twice.commit()).toMatchObject({
			ok: true,
			counts: { create: 0, update: 0, unchanged: 3 }
		});
		expect(await costService.rebuildCostTotals(o.actor)).toEqual([]);
	});

	it('round-trips /costs.csv unchanged, formula-like descriptions and outcomes included', async () => {
		const { o, careflow, ledger } = await portfolio();
		const add = (systemId: number, description: string, amountPence: number) =>
			costService.createCostLine(
				o.actor,
				{ systemId },
				{
					financialYear: '2026/27',
					spendType: 'revenue',
					category: 'support_maintenance',
					amountPence,
					confidence: 'actual',
					fundingSourceId: null,
					description
				}
			);
		await add(careflow.id, '=HYPERLINK("x")', 99);
		await add(ledger.id, '-5 credit note\nsecond line', 0);
		await costService.createCostLine(
			o.actor,
			{ workstreamId: o.integration.id },
			{
				financialYear: '2028/29',
				spendType: 'capital',
				category: 'contingency',
				amountPence: 123_456_78,
				confidence: 'estimate',
				fundingSourceId: null,
				description: ''
			}
		);
		const csv = costLinesCsv(await costLineCsv.exportCostLines(db(), o.org.id));
		const trip = await importText(o, csv);
		expect(trip.preview.problems).toEqual([]);
		expect(trip.preview.counts).toEqual({ create: 0, update: 0, unchanged: 3, rejected: 0 });
	});

	it('updates a line matched by its reference, moving its totals', async () => {
		const { o, careflow } = await portfolio();
		const created = await costService.createCostLine(
			o.actor,
			{ systemId: careflow.id },
			{
				financialYear: '2026/27',
				spendType: 'revenue',
				category: 'licence',
				amountPence: 100_00,
				confidence: 'estimate',
				fundingSourceId: null,
				description: 'Old'
			}
		);
		if (!created.ok) throw new Error('not created');
		const run = await importText(
			o,
			HEADER + `${created.line.id},CF-1,CareFlow,,,2027/28,Revenue,Licence,250,Committed,,New\n`
		);
		expect(run.preview.counts).toEqual({ create: 0, update: 1, unchanged: 0, rejected: 0 });
		await run.commit();
		const [line] = await costLines.listCostLinesOfSystem(db(), o.org.id, careflow.id);
		expect(line).toMatchObject({
			id: created.line.id,
			financialYear: '2027/28',
			amountPence: 250_00,
			confidence: 'committed',
			description: 'New',
			version: 2
		});
		expect(await costService.rebuildCostTotals(o.actor)).toEqual([]);
		const updates = await audit.listAudit(db(), o.org.id, {
			entity: 'cost_line',
			action: 'update'
		});
		expect(JSON.parse(updates.rows[0]!.after!)).toEqual({
			financialYear: '2027/28',
			amountPence: 250_00,
			confidence: 'committed',
			description: 'New'
		});
	});

	it('writes nothing, totals included, when the commit fails part-way', async () => {
		const { o, careflow } = await portfolio();
		const before = await costTotals.readCostTotals(db(), o.org.id);
		const run = await importText(o, FILE);
		failImportAudit.on = true;
		await expect(run.commit()).rejects.toThrow('audit write failed');
		expect(await costLines.listCostLinesOfSystem(db(), o.org.id, careflow.id)).toEqual([]);
		expect(await costLines.listCostLinesOfWorkstream(db(), o.org.id, o.integration.id)).toEqual([]);
		expect(await costTotals.readCostTotals(db(), o.org.id)).toEqual(before);
		expect(await costTotals.readFundingTotals(db(), o.org.id)).toEqual([]);
		// The upload is still there: the officer can try again.
		expect(await run.commit()).toMatchObject({ ok: true });
	});

	it('refuses to commit when the lines changed since the preview', async () => {
		const { o, careflow } = await portfolio();
		const created = await costService.createCostLine(
			o.actor,
			{ systemId: careflow.id },
			{
				financialYear: '2026/27',
				spendType: 'revenue',
				category: 'licence',
				amountPence: 100,
				confidence: 'estimate',
				fundingSourceId: null,
				description: ''
			}
		);
		if (!created.ok) throw new Error('not created');
		const run = await importText(
			o,
			HEADER + `${created.line.id},CF-1,,,,2026/27,Revenue,Licence,2,Estimate,,\n`
		);
		const edited = await costService.updateCostLine(
			o.actor,
			created.line.id,
			created.line.version,
			{ systemId: careflow.id, workstreamId: null },
			{ ...created.line, amountPence: 300 }
		);
		expect(edited.ok).toBe(true);
		expect(await run.commit()).toMatchObject({ ok: false, reason: 'changed' });
		const [line] = await costLines.listCostLinesOfSystem(db(), o.org.id, careflow.id);
		expect(line!.amountPence).toBe(300);
	});

	it("never matches another organisation's systems, lines or funding", async () => {
		const a = await portfolio();
		const b = await makeOrganisation();
		const theirs = await createSystem(b.actor, { name: 'Theirs', externalRef: 'TH-1' });
		const line = await costService.createCostLine(
			b.actor,
			{ systemId: theirs.id },
			{
				financialYear: '2026/27',
				spendType: 'revenue',
				category: 'licence',
				amountPence: 100,
				confidence: 'estimate',
				fundingSourceId: null,
				description: ''
			}
		);
		if (!line.ok) throw new Error('not created');
		const run = await importText(
			b,
			HEADER +
				`,CF-1,,,,2026/27,Revenue,Licence,1,Estimate,,\n,,CareFlow,,,2026/27,Revenue,Licence,1,Estimate,,\n,TH-1,,,,2026/27,Capital,Development,1,Estimate,Pooled capital 2026/27,\n`
		);
		expect(run.preview.counts).toEqual({ create: 0, update: 0, unchanged: 0, rejected: 3 });
		const fromA = await importText(
			a.o,
			HEADER + `${line.line.id},CF-1,,,,2026/27,Revenue,Licence,1,Estimate,,\n`
		);
		expect(fromA.preview.problems).toEqual([
			{
				row: 2,
				column: 'Line reference',
				reason: expect.stringMatching(/No current cost line/),
				name: 'CF-1'
			}
		]);
		expect((await costLines.getCostLine(db(), b.org.id, line.line.id))!.amountPence).toBe(100);
	});

	it('refuses a file without an amount, naming it', async () => {
		const { o } = await portfolio();
		const run = await importText(
			o,
			'System name,Financial year,Capital or revenue\nCareFlow,2026/27,Revenue\n'
		);
		expect(run.preview.fileProblem).toMatch(/no 'Amount \(£\)' column/);
		expect(await run.commit()).toMatchObject({ ok: false, reason: 'not-ready' });
	});

	it('asks for a value for every line for each column a line needs that the file lacks, and imports with it', async () => {
		const { o, careflow } = await portfolio();
		const text = 'System name,Financial year,Amount,Cost centre\nCareFlow,2026/27,10,X1\n';
		const run = await importText(o, text);
		expect(run.preview.fileProblem).toBeNull();
		expect(run.preview.ignored).toEqual(['Cost centre']);
		expect(run.preview.absent.map((a) => [a.label, a.value])).toEqual([
			['Capital or revenue', undefined],
			['Category', undefined],
			['Confidence', undefined]
		]);
		expect(run.preview.problems.map((p) => p.reason)).toEqual(
			Array(3).fill(
				expect.stringContaining('choose one for every line under ‘Columns your file does not have’')
			)
		);
		expect(run.preview.counts).toMatchObject({ create: 0, rejected: 1 });

		const actor = { ...o.actor, userId: 1 };
		const whole = { spendType: 'revenue', category: 'licence', confidence: 'committed' };
		const chosen = await costImport.previewCostUpload(actor, run.uploadId, { whole });
		expect(chosen).toMatchObject({ problems: [], counts: { create: 1, rejected: 0 } });
		expect(
			await costImport.commitCostUpload(actor, run.uploadId, { whole }, chosen!.planHash)
		).toMatchObject({ ok: true });
		expect(
			(await costLines.listCostLinesOfSystem(db(), o.org.id, careflow.id)).map((l) => [
				l.financialYear,
				l.spendType,
				l.category,
				l.confidence,
				l.amountPence
			])
		).toEqual([['2026/27', 'revenue', 'licence', 'committed', 1000]]);
	});

	it('imports a file of amounts by year across, each filled year a line, a row with a bad year left out whole', async () => {
		const { o, careflow } = await portfolio();
		const text =
			'System,Capital or revenue,Category,Confidence,2026/27,2027/28 (£),FY 2028/29\n' +
			'CareFlow,Revenue,Licences,Committed,"£12,500.00",13000,\n' +
			'Ledger,Revenue,Licences,Estimate,500,12.5k,\n';
		const run = await importText(o, text);
		expect(run.preview).toMatchObject({
			fileProblem: null,
			years: ['2026/27', '2027/28 (£)', 'FY 2028/29'],
			counts: { create: 2, rejected: 1 }
		});
		expect(run.preview.problems.map((p) => [p.row, p.column])).toEqual([[3, '2027/28 (£)']]);
		expect(await run.commit()).toMatchObject({ ok: true, counts: { create: 2 } });
		expect(
			(await costLines.listCostLinesOfSystem(db(), o.org.id, careflow.id))
				.map((l) => [l.financialYear, l.amountPence])
				.sort()
		).toEqual([
			['2026/27', 1_250_000],
			['2027/28', 1_300_000]
		]);
	});
});
