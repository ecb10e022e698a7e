import { beforeAll, describe, expect, it } from 'vitest';
import { db, startDatabase, makeOrganisation, createSystem } from './helpers';
import { database } from '$lib/server/db/database';
import { loadDemoPortfolio } from '$lib/server/services/demo/load';
import * as audit from '$lib/server/repos/audit';
import * as milestonesRepo from '$lib/server/repos/milestones';
import * as funding from '$lib/server/repos/funding';
import * as costService from '$lib/server/services/cost-lines';
import * as fundingService from '$lib/server/services/funding';
import * as milestoneService from '$lib/server/services/milestones';
import * as outageService from '$lib/server/services/outage';
import * as reviewService from '$lib/server/services/reviews';
import * as rollups from '$lib/server/services/rollups';
import { systemActor } from '$lib/server/services/actor';
import { annualOutageRiskPence } from '$lib/domain/systems';

let organisationId = 0;

beforeAll(async () => {
	await startDatabase();
	organisationId = (await loadDemoPortfolio()).organisationId;
});

describe('the demo portfolio roll-ups', () => {
	it('loads costs once: a second load adds nothing and the kept totals equal a rebuild', async () => {
		const again = await loadDemoPortfolio();
		expect(again).toMatchObject({ organisationId, reviews: 0, costLines: 0, milestones: 0 });
		expect(await costService.rebuildCostTotals(systemActor(organisationId))).toEqual([]);
		const byWorkstream = await rollups.costRollup(organisationId, 'workstream');
		expect(byWorkstream.rows.length).toBeGreaterThanOrEqual(7);
		expect(byWorkstream.columns.map((c) => `${c.financialYear} ${c.spendType}`)).toEqual([
			'2026/27 capital',
			'2026/27 revenue',
			'2027/28 capital',
			'2027/28 revenue',
			'2028/29 capital',
			'2028/29 revenue'
		]);
		expect(byWorkstream.discrepancies).toEqual([]);
	});

	it('reports a corrupted total, repairs it, and then finds nothing', async () => {
		await database().client.execute({
			sql: 'UPDATE cost_total SET amount_pence = amount_pence + 1 WHERE rowid = (SELECT min(rowid) FROM cost_total WHERE organisation_id = ?)',
			args: [organisationId]
		});
		await database().client.execute({
			sql: 'UPDATE cost_line SET directorate_id = NULL WHERE id = (SELECT min(id) FROM cost_line WHERE organisation_id = ? AND system_id IS NOT NULL)',
			args: [organisationId]
		});
		const differences = await costService.rebuildCostTotals(systemActor(organisationId, 'test'));
		expect(differences.filter((d) => d.table === 'cost_total').length).toBeGreaterThanOrEqual(1);
		expect(
			differences.some((d) => d.table === 'cost_total' && d.keptPence === d.rebuiltPence + 1)
		).toBe(true);
		expect(differences.filter((d) => d.table === 'cost_line.directorate_id')).toHaveLength(1);
		expect(await costService.rebuildCostTotals(systemActor(organisationId))).toEqual([]);
		const rebuilds = await audit.listAudit(db(), organisationId, {
			entity: 'cost_total',
			action: 'rebuild'
		});
		expect(rebuilds.total).toBeGreaterThanOrEqual(3);
	});

	it('shows funding against cost with a gap per year, capital and revenue apart', async () => {
		const gap = await rollups.fundingGapByYear(organisationId);
		const capital2026 = gap.find(
			(g) => g.financialYear === '2026/27' && g.spendType === 'capital'
		)!;
		expect(capital2026.fundingPence).toBe(195_000_000);
		expect(capital2026.gapPence).toBe(capital2026.costPence - capital2026.fundingPence);
		const sources = await rollups.fundingBySource(organisationId);
		expect(sources.map((s) => s.name)).toContain('Pooled capital 2026/27');
		expect(sources.at(-1)?.fundingSourceId).toBeNull();
		const total = sources.flatMap((s) => s.years).reduce((a, y) => a + y.costPence, 0);
		expect(total).toBe((await rollups.costRollup(organisationId, 'outcome')).grandTotalPence);
	});

	it('lists the deliberate continuity breaches and a fully operational date', async () => {
		const breaches = await rollups.continuityBreachesOf(organisationId);
		expect(breaches.map((b) => b.systemName)).toEqual(
			expect.arrayContaining(['Edge of Care Support Tracker', 'Direct Payments Audit Workbook'])
		);
		expect(breaches.every((b) => b.reason === 'switched off before go-live')).toBe(true);
		const full = await rollups.fullyOperationalOf(organisationId);
		expect(full).toMatchObject({
			date: '2028-12-15',
			plannedDate: '2028-09-29',
			workstreamName: 'Citizen Access'
		});
	});

	it('computes run cost saved and whole-life cost that add up', async () => {
		const years = ['2026/27', '2027/28', '2028/29', '2029/30'];
		const run = await rollups.runCostRollup(organisationId, years);
		expect(run.currentRunCostPence).toBeGreaterThan(0);
		run.byYear.forEach((y, i) =>
			expect(y.savedPence).toBe(run.systems.reduce((a, s) => a + s.savedByYear[i]!, 0))
		);
		expect(run.byYear[3]!.savedPence).toBeGreaterThanOrEqual(run.byYear[0]!.savedPence);
		const wlc = await rollups.wholeLifeCostOf(organisationId, '2026/27', 4);
		expect(wlc.years.map((y) => y.runCostPence)).toEqual(run.byYear.map((y) => y.runCostPence));
		expect(wlc.costPence).toBe(
			(await rollups.costRollup(organisationId, 'workstream')).grandTotalPence
		);
		expect(wlc.totalPence).toBe(wlc.costPence + wlc.runCostPence);
	});

	it('gives the outage risk per system and per replacing workstream, reconciling to the total', async () => {
		const risk = await rollups.outageRollup(organisationId);
		expect(risk.defaultCostPerUserHourPence).toBe(1300);
		const engine = risk.systems.find((s) => s.name === 'Integration Engine')!;
		expect(engine).toMatchObject({
			concurrentUsers: 2000,
			outageMinutesPerYear: 360,
			usesDefault: true,
			riskPence: annualOutageRiskPence({
				concurrentUsers: 2000,
				outageMinutesPerYear: 360,
				costPerUserHourPence: 1300
			})
		});
		expect(risk.byWorkstream.reduce((a, w) => a + w.riskPence, 0)).toBe(risk.totalPence);
		expect(risk.byWorkstream.reduce((a, w) => a + w.systems, 0)).toBe(risk.systems.length);
	});
});

describe('funding, milestones and outage services', () => {
	it('version-check and audit funding sources and their allocations', async () => {
		const { actor, org } = await makeOrganisation();
		const created = await fundingService.createFundingSource(actor, {
			name: 'Grant',
			kind: 'grant',
			spendType: 'revenue',
			allocations: [{ financialYear: '2026/27', amountPence: 500 }]
		});
		if (!created.ok) throw new Error('not created');
		expect(
			await fundingService.createFundingSource(actor, {
				name: 'Grant',
				kind: 'grant',
				spendType: 'revenue',
				allocations: []
			})
		).toEqual({
			ok: false,
			reason: 'invalid',
			errors: { name: 'A funding source with this name already exists' }
		});
		const set = await fundingService.setFundingAllocations(
			actor,
			created.source.id,
			created.source.version,
			[{ financialYear: '2027/28', amountPence: 700 }]
		);
		expect(set.ok).toBe(true);
		const stale = await fundingService.updateFundingSource(
			actor,
			created.source.id,
			created.source.version,
			{ name: 'Renamed', kind: 'grant', spendType: 'revenue', allocations: [] }
		);
		expect(stale).toMatchObject({
			ok: false,
			reason: 'conflict',
			current: { allocations: [{ financialYear: '2027/28', amountPence: 700 }] }
		});
		expect(
			(await funding.listFundingSources(db(), org.id)).map((s) => [s.name, s.allocations])
		).toEqual([['Grant', [{ financialYear: '2027/28', amountPence: 700 }]]]);
		expect(
			(await audit.historyOf(db(), org.id, 'funding_source', created.source.id)).map(
				(h) => h.action
			)
		).toEqual(['set-allocations', 'create']);
	});

	it('version-check and audit milestones; a slipped go-live raises a continuity breach', async () => {
		const { actor, org, caseManagement } = await makeOrganisation();
		const system = await createSystem(actor, { statutoryDuties: 'Children Act 1989 s47' });
		await reviewService.recordReview(actor, system.id, null, {
			reviewedOn: '2026-01-22',
			reviewer: 'Group',
			summary: '',
			outcomes: [
				{
					outcome: 'replace',
					rationale: 'Old',
					status: 'agreed',
					targetDate: '2027-12-31',
					workstreamId: caseManagement.id
				}
			]
		});
		expect((await rollups.continuityBreachesOf(org.id)).map((b) => b.reason)).toEqual([
			'no go-live planned'
		]);
		const goLive = await milestoneService.createMilestone(
			actor,
			{ workstreamId: caseManagement.id },
			{ kind: 'go_live', plannedDate: '2027-09-30', forecastDate: null, actualDate: null, note: '' }
		);
		if (!goLive.ok) throw new Error('not created');
		expect(await rollups.continuityBreachesOf(org.id)).toEqual([]);
		const slipped = await milestoneService.updateMilestone(
			actor,
			goLive.milestone.id,
			goLive.milestone.version,
			{
				kind: 'go_live',
				plannedDate: '2027-09-30',
				forecastDate: '2028-02-29',
				actualDate: null,
				note: 'Supplier delay'
			}
		);
		expect(slipped.ok).toBe(true);
		expect(
			await milestoneService.updateMilestone(actor, goLive.milestone.id, goLive.milestone.version, {
				kind: 'go_live',
				plannedDate: '2027-09-30',
				forecastDate: null,
				actualDate: null,
				note: ''
			})
		).toMatchObject({ ok: false, reason: 'conflict' });
		expect(
			(await rollups.continuityBreachesOf(org.id)).map((b) => [b.systemId, b.goLive, b.reason])
		).toEqual([[system.id, '2028-02-29', 'switched off before go-live']]);
		const full = await rollups.fullyOperationalOf(org.id, [caseManagement.id]);
		expect(full).toMatchObject({ date: '2028-02-29', slipDays: 152 });
		if (!slipped.ok) return;
		expect(
			(
				await milestoneService.archiveMilestone(
					actor,
					goLive.milestone.id,
					slipped.milestone.version
				)
			).ok
		).toBe(true);
		expect(
			await milestonesRepo.listMilestonesOfWorkstream(db(), org.id, caseManagement.id)
		).toEqual([]);
		expect(
			(await audit.historyOf(db(), org.id, 'milestone', goLive.milestone.id)).map((h) => h.action)
		).toEqual(['archive', 'update', 'create']);
		const other = await makeOrganisation();
		expect(
			await milestoneService.createMilestone(
				other.actor,
				{ workstreamId: caseManagement.id },
				{
					kind: 'go_live',
					plannedDate: '2027-09-30',
					forecastDate: null,
					actualDate: null,
					note: ''
				}
			)
		).toEqual({ ok: false, reason: 'not-found' });
	});

	it('sets outage inputs with a version check, and uses the organisation default until a system has its own', async () => {
		const { actor, org } = await makeOrganisation();
		const system = await createSystem(actor);
		const set = await outageService.setSystemOutage(actor, system.id, system.version, {
			concurrentUsers: 2000,
			outageMinutesPerYear: 60,
			costPerUserHourPence: null
		});
		expect(set.ok).toBe(true);
		expect(
			await outageService.setSystemOutage(actor, system.id, system.version, null)
		).toMatchObject({ ok: false, reason: 'conflict' });
		expect((await rollups.outageRollup(org.id)).totalPence).toBe(2_600_000);
		await outageService.setOutageDefault(actor, {
			costPerUserHourPence: 1500,
			basis: '£30,000 salary plus 30% on-costs'
		});
		expect(await rollups.outageRollup(org.id)).toMatchObject({
			totalPence: 3_000_000,
			defaultCostPerUserHourPence: 1500,
			byWorkstream: [{ workstreamId: null, riskPence: 3_000_000 }]
		});
		expect((await audit.historyOf(db(), org.id, 'system', system.id)).map((h) => h.action)).toEqual(
			['set-outage', 'create']
		);
		expect(
			(await audit.historyOf(db(), org.id, 'organisation', org.id)).map((h) => h.action)
		).toEqual(['set-outage-default']);
	});
});
