/**
 * A cost-line import's commit holds the write lock only to copy what it staged: other writes go
 * ahead while it plans, a change made meanwhile to what its plan relied on abandons it with nothing
 * written, and a failure while it writes leaves nothing, totals included. A hook on the stager
 * (called once per slice of planned lines, after planning) stands for 'before the write phase';
 * nothing here depends on timing.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { db, startDatabase, makeOrganisation, createSystem, systemInput } from './helpers';
import { database, transaction } from '$lib/server/db/database';
import * as costImport from '$lib/server/services/cost-import';
import { CostLineStager } from '$lib/server/services/cost-import-writes';
import * as costService from '$lib/server/services/cost-lines';
import * as fundingService from '$lib/server/services/funding';
import * as systemService from '$lib/server/services/systems';
import * as costLines from '$lib/server/repos/cost-lines';
import * as costTotals from '$lib/server/repos/cost-totals';
import * as organisations from '$lib/server/repos/organisations';
import * as audit from '$lib/server/repos/audit';
import type { CostLineInput } from '$lib/domain/costs';

beforeAll(async () => {
	await startDatabase();
});

afterEach(() => {
	vi.restoreAllMocks();
});

type Org = Awaited<ReturnType<typeof makeOrganisation>>;
const HEADER =
	'Line reference,System external reference,System name,Workstream,Outcome,Financial year,Capital or revenue,Category,Amount (£),Confidence,Funding source,Description\n';
const LICENCE: CostLineInput = {
	financialYear: '2026/27',
	spendType: 'revenue',
	category: 'licence',
	amountPence: 100_00,
	confidence: 'estimate',
	fundingSourceId: null,
	description: 'Old'
};

/** An organisation with a system holding one line, another system, and a capital funding source. */
async function portfolio() {
	const o = await makeOrganisation();
	const careflow = await createSystem(o.actor, {
		name: 'CareFlow',
		externalRef: 'CF-1',
		directorateId: o.directorate.id
	});
	const ledger = await createSystem(o.actor, { name: 'Ledger', externalRef: 'LG-1' });
	const source = await fundingService.createFundingSource(o.actor, {
		name: 'Pooled capital',
		kind: 'pooled_capital',
		spendType: 'capital',
		allocations: []
	});
	const line = await costService.createCostLine(o.actor, { systemId: careflow.id }, LICENCE);
	if (!source.ok || !line.ok) throw new Error('portfolio not made');
	return { o, careflow, ledger, source: source.source, line: line.line };
}

/** Updates the CareFlow line (to £250, committed) and adds a capital line to Ledger. */
const fileFor = (lineId: number, extra = '') =>
	HEADER +
	`${lineId},CF-1,,,,2027/28,Revenue,Licence,250,Committed,,New\n` +
	`,LG-1,,Integration,,2026/27,Capital,Implementation,"1,000",Estimate,Pooled capital,Build\n` +
	extra;

async function importText(o: Org, text: string) {
	const actor = { ...o.actor, userId: 1 };
	const upload = await costImport.uploadFile(actor, 'costs.csv', new TextEncoder().encode(text));
	if (!upload.ok) throw new Error(upload.reason);
	const preview = (await costImport.previewCostUpload(actor, upload.uploadId))!;
	return {
		uploadId: upload.uploadId,
		preview,
		commit: () => costImport.commitCostUpload(actor, upload.uploadId, {}, preview.planHash)
	};
}

/** Runs `work` once the import has planned, before it stages its first slice: the write phase comes after every slice. */
function beforeWritePhase(work: () => Promise<unknown>): void {
	const stageSlice = CostLineStager.prototype.add;
	let done = false;
	vi.spyOn(CostLineStager.prototype, 'add').mockImplementation(async function (
		this: CostLineStager,
		...args
	) {
		if (!done) {
			done = true;
			await work();
		}
		return stageSlice.apply(this, args);
	});
}

const count = async (sql: string, args: (string | number)[] = []) =>
	Number((await database().client.execute({ sql, args })).rows[0]![0]);
const stagedRows = () =>
	count(
		'SELECT (SELECT count(*) FROM import_stage_cost_line) + (SELECT count(*) FROM import_stage_audit) + (SELECT count(*) FROM import_stage_watch) + (SELECT count(*) FROM import_stage_run)'
	);
const importAudits = (o: Org) =>
	count(
		`SELECT count(*) FROM audit_event WHERE organisation_id = ? AND (entity = 'import' OR detail LIKE 'Cost line import %')`,
		[o.org.id]
	);
const linesOf = (o: Org) =>
	count('SELECT count(*) FROM cost_line WHERE organisation_id = ?', [o.org.id]);
const totalsOf = async (o: Org) => ({
	totals: await costTotals.readCostTotals(db(), o.org.id),
	funding: await costTotals.readFundingTotals(db(), o.org.id)
});

describe('a cost-line import commit and other writes', () => {
	it('lets small writes issued before the write phase be saved before the import writes anything', async () => {
		const { o, line } = await portfolio();
		const unrelated = await createSystem(o.actor, { name: 'Unrelated' });
		const run = await importText(o, fileFor(line.id));
		const order: string[] = [];
		// Awaited inside the commit: had the import held the write lock already, these would never finish.
		beforeWritePhase(async () => {
			const saved = await systemService.updateSystem(
				o.actor,
				unrelated.id,
				unrelated.version,
				systemInput({ name: 'Unrelated', supplier: 'Changed during the import' })
			);
			order.push(saved.ok ? 'edit saved' : 'edit refused');
			const cost = await costService.createCostLine(o.actor, { systemId: unrelated.id }, LICENCE);
			order.push(cost.ok ? 'cost line saved' : 'cost line refused');
		});
		expect(await run.commit()).toMatchObject({ ok: true, counts: { create: 1, update: 1 } });
		order.push('import committed');
		expect(order).toEqual(['edit saved', 'cost line saved', 'import committed']);
		const edit = (await audit.historyOf(db(), o.org.id, 'system', unrelated.id)).find(
			(h) => h.action === 'update'
		)!;
		const imported = (await audit.listAudit(db(), o.org.id, { size: 100 })).rows.filter(
			(r) => r.entity === 'import' || r.detail.startsWith('Cost line import ')
		);
		expect(imported.length).toBe(3); // the update, the new line, the import
		expect(imported.every((r) => r.id > edit.id)).toBe(true);
		expect(await costService.rebuildCostTotals(o.actor)).toEqual([]);
	});

	it.each([
		[
			'its line saved through the form',
			({ o, line }: P) =>
				costService.updateCostLine(
					o.actor,
					line.id,
					line.version,
					{ systemId: line.systemId, workstreamId: null },
					{ ...LICENCE, amountPence: 300_00 }
				)
		],
		[
			'its line archived',
			({ o, line }: P) => costService.archiveCostLine(o.actor, line.id, line.version)
		],
		[
			'its line saved bypassing the audit trail (the version guard alone)',
			({ o, line }: P) =>
				costLines.updateCostLine(
					db(),
					o.org.id,
					line.id,
					line.version,
					{
						systemId: line.systemId,
						outcome: null,
						workstreamId: null,
						directorateId: line.directorateId
					},
					{ ...LICENCE, amountPence: 300_00 }
				)
		],
		[
			'its system moved to another directorate (its lines move with it)',
			async ({ o, careflow }: P) => {
				const elsewhere = await transaction((tx) =>
					organisations.createDirectorate(tx, o.org.id, 'Resources')
				);
				return systemService.updateSystem(
					o.actor,
					careflow.id,
					careflow.version,
					systemInput({ name: 'CareFlow', externalRef: 'CF-1', directorateId: elsewhere.id })
				);
			}
		],
		[
			'the same new line typed in by hand for a system the file adds it to',
			({ o, ledger, source }: P) =>
				costService.createCostLine(
					o.actor,
					{ systemId: ledger.id, workstreamId: o.integration.id },
					{
						financialYear: '2026/27',
						spendType: 'capital',
						category: 'implementation',
						amountPence: 1_000_00,
						confidence: 'estimate',
						fundingSourceId: source.id,
						description: 'Build'
					}
				)
		],
		[
			'a funding source it names made revenue-only',
			async ({ o, source }: P) =>
				fundingService.updateFundingSource(o.actor, source.id, source.version, {
					name: source.name,
					kind: 'revenue_budget',
					spendType: 'revenue',
					notes: '',
					allocations: []
				})
		]
	])(
		'abandons the commit as changed, writing nothing, when what it planned changes before it writes: %s',
		async (_, change) => {
			const p = await portfolio();
			const { o } = p;
			const run = await importText(o, fileFor(p.line.id));
			expect(run.preview.counts).toMatchObject({ create: 1, update: 1 });
			const auditsBefore = await importAudits(o);
			let linesAfterChange = 0;
			let totalsAfterChange: Awaited<ReturnType<typeof totalsOf>> | undefined;
			beforeWritePhase(async () => {
				await change(p);
				linesAfterChange = await linesOf(o);
				totalsAfterChange = await totalsOf(o);
			});
			const result = await run.commit();
			expect(result).toMatchObject({
				ok: false,
				reason: 'changed',
				preview: { uploadId: run.uploadId }
			});
			expect(await linesOf(o)).toBe(linesAfterChange);
			expect(await totalsOf(o)).toEqual(totalsAfterChange);
			expect((await costLines.getCostLine(db(), o.org.id, p.line.id))!.description).not.toBe('New');
			expect(await importAudits(o)).toBe(auditsBefore);
			expect(await stagedRows()).toBe(0);
		}
	);

	it('leaves nothing written, totals included, when the write phase fails late, and clears what it staged', async () => {
		const { o, line } = await portfolio();
		const rows = Array.from(
			{ length: 2_500 },
			(_, i) => `,LG-1,,,,2027/28,Revenue,Hosting,${i + 1}.25,Actual,,Row ${i}`
		);
		const run = await importText(o, fileFor(line.id, rows.join('\n') + '\n'));
		expect(run.preview.counts).toMatchObject({ create: 2_501, update: 1 });
		const before = {
			lines: await linesOf(o),
			totals: await totalsOf(o),
			audits: await importAudits(o)
		};
		// The last line's audit row fails: lines and totals of every round are written by then.
		await database().client.execute(
			`CREATE TRIGGER fail_this_cost_import BEFORE INSERT ON audit_event WHEN NEW.organisation_id = ${o.org.id} AND NEW.entity = 'cost_line' AND NEW.entity_id = CAST((SELECT max(id) FROM cost_line) AS TEXT) BEGIN SELECT RAISE(ABORT, 'injected failure'); END`
		);
		try {
			await expect(run.commit()).rejects.toThrow(/injected failure/);
		} finally {
			await database().client.execute('DROP TRIGGER fail_this_cost_import');
		}
		expect(await linesOf(o)).toBe(before.lines);
		expect(await totalsOf(o)).toEqual(before.totals);
		expect((await costLines.getCostLine(db(), o.org.id, line.id))!).toMatchObject({
			version: 1,
			description: 'Old'
		});
		expect(await importAudits(o)).toBe(before.audits);
		expect(await stagedRows()).toBe(0);
		// Nothing was lost: the same upload commits in full afterwards, its totals equal to a recount.
		expect(await run.commit()).toMatchObject({ ok: true, counts: { create: 2_501, update: 1 } });
		expect(await linesOf(o)).toBe(before.lines + 2_501);
		expect(await costService.rebuildCostTotals(o.actor)).toEqual([]);
	});

	it('gives new lines ids above any used before, in file order, each audited with the id it took', async () => {
		const { o, line } = await portfolio();
		const rows = Array.from(
			{ length: 1_200 },
			(_, i) => `,,Ledger,,,2028/29,Revenue,Training,${i + 1},Estimate,,Row ${i}`
		);
		const highest = await count('SELECT max(id) FROM cost_line');
		expect(
			await (await importText(o, fileFor(line.id, rows.join('\n') + '\n'))).commit()
		).toMatchObject({ ok: true, counts: { create: 1_201, update: 1 } });
		const created = (
			await database().client.execute({
				sql: "SELECT id, description, amount_pence FROM cost_line WHERE organisation_id = ? AND description LIKE 'Row %' ORDER BY id",
				args: [o.org.id]
			})
		).rows;
		expect(Number(created[0]!.id)).toBeGreaterThan(highest);
		expect(created.map((r) => r.description)).toEqual(rows.map((_, i) => `Row ${i}`));
		const sample = created[1_100]!;
		const history = await audit.historyOf(db(), o.org.id, 'cost_line', Number(sample.id));
		expect(history.map((h) => h.action)).toEqual(['create']);
		expect(JSON.parse(history[0]!.after!)).toMatchObject({
			amountPence: Number(sample.amount_pence),
			description: 'Row 1100',
			category: 'training'
		});
		const update = (await audit.historyOf(db(), o.org.id, 'cost_line', line.id)).find(
			(h) => h.action === 'update'
		)!;
		expect([JSON.parse(update.before!), JSON.parse(update.after!)]).toEqual([
			{ financialYear: '2026/27', amountPence: 100_00, confidence: 'estimate', description: 'Old' },
			{ financialYear: '2027/28', amountPence: 250_00, confidence: 'committed', description: 'New' }
		]);
		expect(await costService.rebuildCostTotals(o.actor)).toEqual([]);
	});

	it('writes an upload posted twice at once only once', async () => {
		const { o, line } = await portfolio();
		const run = await importText(o, fileFor(line.id));
		const lines = await linesOf(o);
		const results = await Promise.all([run.commit(), run.commit()]);
		expect(results.map((r) => r.ok).sort()).toEqual([false, true]);
		expect(results.find((r) => !r.ok)).toEqual({ ok: false, reason: 'not-found' });
		expect(await linesOf(o)).toBe(lines + 1);
		expect(await stagedRows()).toBe(0);
	});
});

type P = Awaited<ReturnType<typeof portfolio>>;
