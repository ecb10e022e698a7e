import { beforeAll, describe, expect, it } from 'vitest';
import { db, startDatabase, makeOrganisation, createSystem, systemInput } from './helpers';
import { database, transaction } from '$lib/server/db/database';
import * as organisations from '$lib/server/repos/organisations';
import * as costLines from '$lib/server/repos/cost-lines';
import * as costTotals from '$lib/server/repos/cost-totals';
import * as audit from '$lib/server/repos/audit';
import * as costService from '$lib/server/services/cost-lines';
import * as fundingService from '$lib/server/services/funding';
import * as systemService from '$lib/server/services/systems';
import * as reviewService from '$lib/server/services/reviews';
import * as rollups from '$lib/server/services/rollups';
import { COST_CATEGORIES, CONFIDENCE, SPEND_TYPES, type CostLineInput } from '$lib/domain/costs';

beforeAll(async () => {
	await startDatabase();
});

function line(overrides: Partial<CostLineInput> = {}): CostLineInput {
	return {
		financialYear: '2026/27',
		spendType: 'capital',
		category: 'implementation',
		amountPence: 100_000,
		confidence: 'estimate',
		fundingSourceId: null,
		description: '',
		...overrides
	};
}

async function totalsOf(organisationId: number) {
	return (await costTotals.readCostTotals(db(), organisationId)).sort((a, b) =>
		JSON.stringify(a).localeCompare(JSON.stringify(b))
	);
}

async function sql(text: string, args: (string | number | null)[] = []) {
	return (await database().client.execute({ sql: text, args })).rows;
}

/** A from-scratch sum straight over cost_line: what every roll-up must equal. */
async function scratch(organisationId: number, groupBy: string) {
	const rows = await sql(
		`SELECT ${groupBy} AS k, financial_year AS y, spend_type AS s, sum(amount_pence) AS p FROM cost_line WHERE organisation_id = ? AND archived_at IS NULL GROUP BY 1, 2, 3`,
		[organisationId]
	);
	return new Map(rows.map((r) => [`${r.k ?? 'null'}|${r.y}|${r.s}`, Number(r.p)]));
}

describe('cost lines and their pre-aggregated totals', () => {
	it('keeps cost_total in step with each create, update and archive, and audits each', async () => {
		const { actor, org, integration, directorate } = await makeOrganisation();
		const system = await createSystem(actor, { directorateId: directorate.id });
		const created = await costService.createCostLine(
			actor,
			{ systemId: system.id, workstreamId: integration.id },
			line({ amountPence: 123_45 })
		);
		expect(created.ok).toBe(true);
		if (!created.ok) return;
		expect(await totalsOf(org.id)).toEqual([
			{
				workstreamKey: integration.id,
				directorateKey: directorate.id,
				outcomeKey: '',
				financialYear: '2026/27',
				spendType: 'capital',
				confidence: 'estimate',
				amountPence: 123_45,
				lineCount: 1
			}
		]);

		const updated = await costService.updateCostLine(
			actor,
			created.line.id,
			created.line.version,
			{ systemId: system.id, workstreamId: null },
			line({ amountPence: 99, confidence: 'committed' })
		);
		expect(updated.ok).toBe(true);
		expect(await totalsOf(org.id)).toEqual([
			{
				workstreamKey: 0,
				directorateKey: directorate.id,
				outcomeKey: '',
				financialYear: '2026/27',
				spendType: 'capital',
				confidence: 'committed',
				amountPence: 99,
				lineCount: 1
			}
		]);
		if (!updated.ok) return;
		const archived = await costService.archiveCostLine(
			actor,
			created.line.id,
			updated.line.version
		);
		expect(archived.ok).toBe(true);
		expect(await totalsOf(org.id)).toEqual([]);
		expect(await costLines.listCostLinesOfSystem(db(), org.id, system.id)).toEqual([]);

		const history = await audit.historyOf(db(), org.id, 'cost_line', created.line.id);
		expect(history.map((h) => h.action)).toEqual(['archive', 'update', 'create']);
		expect(JSON.parse(history[1]!.after!)).toMatchObject({
			amountPence: 99,
			confidence: 'committed',
			workstreamId: null
		});
	});

	it('writes nothing on a version conflict: the line and the totals stay as they were', async () => {
		const { actor, org, caseManagement } = await makeOrganisation();
		const created = await costService.createCostLine(
			actor,
			{ workstreamId: caseManagement.id },
			line({ amountPence: 5_000 })
		);
		if (!created.ok) throw new Error('not created');
		const first = await costService.updateCostLine(
			actor,
			created.line.id,
			created.line.version,
			{ workstreamId: caseManagement.id },
			line({ amountPence: 6_000 })
		);
		expect(first.ok).toBe(true);
		const before = await totalsOf(org.id);
		const stale = await costService.updateCostLine(
			actor,
			created.line.id,
			created.line.version,
			{ workstreamId: caseManagement.id },
			line({ amountPence: 7_000 })
		);
		expect(stale).toMatchObject({ ok: false, reason: 'conflict', current: { amountPence: 6_000 } });
		const staleArchive = await costService.archiveCostLine(
			actor,
			created.line.id,
			created.line.version
		);
		expect(staleArchive).toMatchObject({ ok: false, reason: 'conflict' });
		expect(await totalsOf(org.id)).toEqual(before);
		expect(before).toMatchObject([{ amountPence: 6_000, lineCount: 1 }]);
		expect((await costLines.getCostLine(db(), org.id, created.line.id))?.amountPence).toBe(6_000);
	});

	it('rolls back the line and the totals together when the transaction fails after both are written', async () => {
		const { org, caseManagement } = await makeOrganisation();
		const lineCount = async () =>
			Number(
				(await sql('SELECT count(*) AS n FROM cost_line WHERE organisation_id = ?', [org.id]))[0]!.n
			);
		await expect(
			transaction(async (tx) => {
				const written = await costLines.insertCostLine(
					tx,
					org.id,
					{ systemId: null, outcome: null, workstreamId: caseManagement.id, directorateId: null },
					line()
				);
				await costTotals.applyLineChange(tx, org.id, undefined, written);
				expect(await costTotals.readCostTotals(tx, org.id)).toHaveLength(1);
				throw new Error('fails after writing');
			})
		).rejects.toThrow('fails after writing');
		expect(await lineCount()).toBe(0);
		expect(await totalsOf(org.id)).toEqual([]);
	});

	it('refuses a workstream line with an outcome at the database too (CHECK)', async () => {
		const { org, caseManagement } = await makeOrganisation();
		await expect(
			transaction((tx) =>
				costLines.insertCostLine(
					tx,
					org.id,
					{
						systemId: null,
						outcome: 'replace',
						workstreamId: caseManagement.id,
						directorateId: null
					},
					line()
				)
			)
		).rejects.toThrow();
		await expect(
			transaction((tx) =>
				costLines.insertCostLine(
					tx,
					org.id,
					{ systemId: null, outcome: null, workstreamId: null, directorateId: null },
					line()
				)
			)
		).rejects.toThrow();
	});

	it('defaults a system line to the workstream of its current replace outcome, and checks outcome and funding', async () => {
		const { actor, org, caseManagement } = await makeOrganisation();
		const system = await createSystem(actor);
		await reviewService.recordReview(actor, system.id, null, {
			reviewedOn: '2026-01-22',
			reviewer: 'Group',
			summary: '',
			outcomes: [
				{
					outcome: 'replace',
					rationale: 'Old',
					status: 'agreed',
					targetDate: '2028-03-31',
					workstreamId: caseManagement.id
				}
			]
		});
		const created = await costService.createCostLine(
			actor,
			{ systemId: system.id, outcome: 'replace' },
			line()
		);
		expect(created).toMatchObject({
			ok: true,
			line: { workstreamId: caseManagement.id, outcome: 'replace' }
		});
		const wrongOutcome = await costService.createCostLine(
			actor,
			{ systemId: system.id, outcome: 'develop' },
			line()
		);
		expect(wrongOutcome).toMatchObject({
			ok: false,
			reason: 'invalid',
			errors: { outcome: expect.any(String) }
		});
		const capital = await fundingService.createFundingSource(actor, {
			name: 'Capital',
			kind: 'departmental_capital',
			spendType: 'capital',
			allocations: []
		});
		if (!capital.ok) throw new Error('no source');
		const revenueOnCapital = await costService.createCostLine(
			actor,
			{ systemId: system.id },
			line({ spendType: 'revenue', category: 'licence', fundingSourceId: capital.source.id })
		);
		expect(revenueOnCapital).toMatchObject({
			ok: false,
			reason: 'invalid',
			errors: { fundingSourceId: expect.stringMatching(/capital funding/) }
		});
		expect(await totalsOf(org.id)).toMatchObject([
			{ workstreamKey: caseManagement.id, outcomeKey: 'replace', lineCount: 1 }
		]);
	});

	it("moves a system's totals to its new directorate in the system edit's transaction", async () => {
		const { actor, org, directorate } = await makeOrganisation();
		const other = await transaction((tx) => organisations.createDirectorate(tx, org.id, 'Place'));
		const system = await createSystem(actor, { directorateId: directorate.id });
		await costService.createCostLine(actor, { systemId: system.id }, line({ amountPence: 700 }));
		await costService.createCostLine(
			actor,
			{ systemId: system.id },
			line({ amountPence: 300, financialYear: '2027/28' })
		);
		const moved = await systemService.updateSystem(
			actor,
			system.id,
			system.version,
			systemInput({ name: system.name, directorateId: other.id })
		);
		expect(moved.ok).toBe(true);
		const byDirectorate = await rollups.costRollup(org.id, 'directorate');
		expect(byDirectorate.rows.map((r) => [r.label, r.totalPence])).toEqual([['Place', 1000]]);
		expect(
			(await costLines.listCostLinesOfSystem(db(), org.id, system.id)).map((l) => l.directorateId)
		).toEqual([other.id, other.id]);
		expect(await costService.rebuildCostTotals(actor)).toEqual([]);
	});

	it('keeps organisations apart: no reading, editing or funding across them', async () => {
		const a = await makeOrganisation();
		const b = await makeOrganisation();
		const systemA = await createSystem(a.actor);
		const lineA = await costService.createCostLine(
			a.actor,
			{ systemId: systemA.id },
			line({ amountPence: 1_111 })
		);
		if (!lineA.ok) throw new Error('not created');
		expect(await costService.createCostLine(b.actor, { systemId: systemA.id }, line())).toEqual({
			ok: false,
			reason: 'not-found'
		});
		expect(
			await costService.createCostLine(b.actor, { workstreamId: a.integration.id }, line())
		).toEqual({ ok: false, reason: 'not-found' });
		expect(
			await costService.updateCostLine(
				b.actor,
				lineA.line.id,
				lineA.line.version,
				{ systemId: systemA.id },
				line()
			)
		).toEqual({ ok: false, reason: 'not-found' });
		expect(await costService.archiveCostLine(b.actor, lineA.line.id, lineA.line.version)).toEqual({
			ok: false,
			reason: 'not-found'
		});
		const sourceA = await fundingService.createFundingSource(a.actor, {
			name: 'Pot',
			kind: 'pooled_capital',
			spendType: 'capital',
			allocations: []
		});
		if (!sourceA.ok) throw new Error('no source');
		expect(
			await costService.createCostLine(
				b.actor,
				{ workstreamId: b.integration.id },
				line({ fundingSourceId: sourceA.source.id })
			)
		).toMatchObject({ ok: false, reason: 'invalid' });
		expect((await rollups.costRollup(b.org.id, 'workstream')).grandTotalPence).toBe(0);
		expect(await costLines.listCostLinesOfSystem(db(), b.org.id, systemA.id)).toEqual([]);
		expect((await rollups.costRollup(a.org.id, 'workstream')).grandTotalPence).toBe(1_111);
	});
});

/** A small seeded generator, so a failure can be replayed. */
function random(seed: number) {
	let s = seed >>> 0;
	return () => {
		s = (s + 0x6d2b79f5) >>> 0;
		let t = s;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

describe('roll-ups reconcile to the penny with a from-scratch sum over cost_line', () => {
	it('after hundreds of random creates, edits, archives and directorate moves in two organisations', async () => {
		const next = random(20261202);
		const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
		const years = ['2026/27', '2027/28', '2028/29', '2029/30'];
		const setups = [];
		for (let o = 0; o < 2; o++) {
			const setup = await makeOrganisation();
			const second = await transaction((tx) =>
				organisations.createDirectorate(tx, setup.org.id, `Place ${o}`)
			);
			const directorates = [setup.directorate.id, second.id, null];
			const systems = [];
			for (let i = 0; i < 5; i++)
				systems.push(await createSystem(setup.actor, { directorateId: pick(directorates) }));
			const sources = [];
			for (const spendType of SPEND_TYPES) {
				const s = await fundingService.createFundingSource(setup.actor, {
					name: `${spendType} ${o}`,
					kind: spendType === 'capital' ? 'departmental_capital' : 'revenue_budget',
					spendType,
					allocations: [{ financialYear: '2026/27', amountPence: 5_000_000 }]
				});
				if (s.ok) sources.push(s.source);
			}
			setups.push({
				...setup,
				directorates,
				systems,
				sources,
				lines: [] as costLines.CostLineRow[]
			});
		}
		for (let step = 0; step < 300; step++) {
			const o = pick(setups);
			const workstreamIds = [o.integration.id, o.caseManagement.id];
			const spendType = pick(SPEND_TYPES);
			const source = pick([
				null,
				...o.sources.filter((s) => s.spendType === spendType || s.spendType === 'revenue')
			]);
			const input = line({
				financialYear: pick(years),
				spendType,
				category:
					spendType === 'capital'
						? pick(['implementation', 'development', 'data_migration'] as const)
						: pick(COST_CATEGORIES),
				amountPence: Math.floor(next() * 10_000_000),
				confidence: pick(CONFIDENCE),
				fundingSourceId: source?.id ?? null
			});
			const target =
				next() < 0.6
					? { systemId: pick(o.systems).id, workstreamId: pick([null, ...workstreamIds]) }
					: { workstreamId: pick(workstreamIds) };
			const roll = next();
			const live = o.lines.filter((l) => l.archivedAt == null);
			if (roll < 0.55 || live.length === 0) {
				const r = await costService.createCostLine(o.actor, target, input);
				if (r.ok) o.lines.push(r.line);
			} else if (roll < 0.85) {
				const victim = pick(live);
				const r = await costService.updateCostLine(
					o.actor,
					victim.id,
					victim.version,
					victim.systemId
						? { systemId: victim.systemId, workstreamId: pick([null, ...workstreamIds]) }
						: { workstreamId: pick(workstreamIds) },
					input
				);
				if (r.ok) o.lines[o.lines.indexOf(victim)] = r.line;
			} else if (roll < 0.95) {
				const victim = pick(live);
				const r = await costService.archiveCostLine(o.actor, victim.id, victim.version);
				if (r.ok) o.lines[o.lines.indexOf(victim)] = r.line;
			} else {
				const i = Math.floor(next() * o.systems.length);
				const s = o.systems[i]!;
				const r = await systemService.updateSystem(
					o.actor,
					s.id,
					s.version,
					systemInput({ name: s.name, directorateId: pick(o.directorates) })
				);
				if (r.ok) o.systems[i] = r.system;
			}
		}

		for (const o of setups) {
			const [total] = await sql(
				'SELECT coalesce(sum(amount_pence), 0) AS p, count(*) AS n FROM cost_line WHERE organisation_id = ? AND archived_at IS NULL',
				[o.org.id]
			);
			expect(Number(total!.n)).toBeGreaterThan(50);
			for (const [by, column] of [
				['workstream', 'workstream_id'],
				['directorate', 'directorate_id'],
				['outcome', 'outcome']
			] as const) {
				const rollup = await rollups.costRollup(o.org.id, by);
				expect(rollup.discrepancies).toEqual([]);
				expect(rollup.grandTotalPence).toBe(Number(total!.p));
				expect(rollup.lineCount).toBe(Number(total!.n));
				const expected = await scratch(o.org.id, column);
				const shown = new Map<string, number>();
				for (const row of rollup.rows)
					rollup.columns.forEach(
						(c, i) =>
							row.cells[i] !== 0 &&
							shown.set(`${row.key ?? 'null'}|${c.financialYear}|${c.spendType}`, row.cells[i]!)
					);
				expect(shown).toEqual(new Map([...expected].filter(([, p]) => p !== 0)));
			}
			const gap = await rollups.fundingGapByYear(o.org.id);
			const bySpend = await scratch(o.org.id, "''");
			for (const g of gap)
				expect(g.costPence).toBe(bySpend.get(`|${g.financialYear}|${g.spendType}`) ?? 0);
			const bySource = await rollups.fundingBySource(o.org.id);
			const sourceScratch = await sql(
				'SELECT funding_source_id AS f, financial_year AS y, sum(amount_pence) AS p FROM cost_line WHERE organisation_id = ? AND archived_at IS NULL GROUP BY 1, 2',
				[o.org.id]
			);
			for (const r of sourceScratch) {
				const row = bySource.find((s) => s.fundingSourceId === (r.f == null ? null : Number(r.f)));
				expect(row?.years.find((y) => y.financialYear === r.y)?.costPence).toBe(Number(r.p));
			}
			// Another organisation's workstreams never appear.
			const other = setups.find((s) => s !== o)!;
			const keys = (await rollups.costRollup(o.org.id, 'workstream')).rows.map((r) => r.key);
			expect(keys).not.toContain(other.integration.id);
			expect(keys).not.toContain(other.caseManagement.id);
			expect(await costService.rebuildCostTotals(o.actor)).toEqual([]);
		}
	}, 120_000);
});
