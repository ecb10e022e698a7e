/**
 * The dashboard reads kept counts (review_count, workstream_review_count) and kept continuity outcomes,
 * all kept by triggers. After random sequences of writes through every path that changes what they
 * count (systems created, edited, moved, renamed, archived and restored; reviews recorded; workstreams
 * linked and unlinked; milestones added and archived; an import; and plain bulk SQL as the import
 * writes), the dashboard's figures must equal the same figures counted from scratch by independent
 * queries, its continuity risks must equal the full guard's first 25 and total, and the check behind
 * `npm run costs:rebuild` must find nothing to repair.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { db, startDatabase, makeOrganisation, createSystem, systemInput } from './helpers';
import { transaction } from '$lib/server/db/database';
import { execute } from '$lib/server/db/bulk';
import * as importService from '$lib/server/services/imports';
import * as reviewService from '$lib/server/services/reviews';
import * as systemService from '$lib/server/services/systems';
import * as workstreamService from '$lib/server/services/workstreams';
import * as milestoneService from '$lib/server/services/milestones';
import * as systems from '$lib/server/repos/systems';
import * as organisations from '$lib/server/repos/organisations';
import * as dashboard from '$lib/server/repos/dashboard';
import * as workstreams from '$lib/server/repos/workstreams';
import { continuityBreachesOf } from '$lib/server/services/rollups';
import { continuitySummary } from '$lib/server/services/continuity-summary';
import { rebuildDashboardCounts } from '$lib/server/services/dashboard-counts';
import * as rollupRepo from '$lib/server/repos/rollups';
import { reviewCountDefinitions } from '$lib/server/db/review-count-sql';
import { continuityDefinitions } from '$lib/server/db/continuity-sql';
import * as milestones from '$lib/server/repos/milestones';
import { OUTCOMES, continuityBreaches, type Outcome, type OutcomeInput } from '$lib/domain/systems';
import { effectiveDate, latestBy, switchOffDates } from '$lib/domain/milestones';

beforeAll(async () => {
	await startDatabase();
});

type Fixture = Awaited<ReturnType<typeof makeOrganisation>> & {
	otherDirectorate: number;
	otherArea: number;
};

/** Counts from scratch: one pass over the live systems and their current outcomes, in TypeScript. */
async function fromScratch(organisationId: number) {
	const rows = (
		await execute(
			db(),
			`SELECT s.id, s.directorate_id, s.service_area_id, s.review_status, s.outcome_count,
				(SELECT group_concat(o.outcome) FROM review_outcome o WHERE o.system_id = s.id AND o.is_current = 1) AS outcomes,
				(SELECT group_concat(l.workstream_id) FROM system_workstream l WHERE l.system_id = s.id) AS links
			FROM system s WHERE s.organisation_id = ? AND s.lifecycle <> 'archived'`,
			[organisationId]
		)
	).rows;
	type Counts = { systems: number; reviewed: number; multiple: number } & Record<Outcome, number>;
	const empty = (): Counts => ({
		systems: 0,
		reviewed: 0,
		multiple: 0,
		maintain: 0,
		develop: 0,
		decommission: 0,
		replace: 0
	});
	const add = (map: Map<number | null, Counts>, key: number | null, r: (typeof rows)[number]) => {
		const c = map.get(key) ?? empty();
		c.systems++;
		if (r.review_status !== 'not_reviewed') c.reviewed++;
		if (Number(r.outcome_count) > 1) c.multiple++;
		for (const o of String(r.outcomes ?? '').split(',')) if (o) c[o as Outcome]++;
		map.set(key, c);
	};
	const total = new Map<number | null, Counts>();
	const byDirectorate = new Map<number | null, Counts>();
	const byArea = new Map<number | null, Counts>();
	const byWorkstream = new Map<number | null, Counts>();
	for (const r of rows) {
		add(total, null, r);
		add(byDirectorate, r.directorate_id == null ? null : Number(r.directorate_id), r);
		add(byArea, r.service_area_id == null ? null : Number(r.service_area_id), r);
		for (const w of String(r.links ?? '').split(',')) if (w) add(byWorkstream, Number(w), r);
	}
	return { total: total.get(null) ?? empty(), byDirectorate, byArea, byWorkstream };
}

/** The continuity guard's rules applied to every switching-off outcome and milestone read at once. */
async function guardFromScratch(organisationId: number) {
	const outcomes = (await rollupRepo.switchingOffOutcomes(db(), organisationId)).filter(
		(o) => o.statutoryDuties.trim() !== ''
	);
	const dates = switchOffDates(
		outcomes,
		await milestones.systemMilestonesOfKind(db(), organisationId, 'decommission')
	);
	const bySystem = new Map<number, Parameters<typeof continuityBreaches>[0][number]>();
	for (const o of outcomes) {
		const s = bySystem.get(o.systemId) ?? {
			id: o.systemId,
			name: o.systemName,
			statutoryDuties: o.statutoryDuties,
			outcomes: []
		};
		bySystem.set(o.systemId, {
			...s,
			outcomes: [
				...s.outcomes,
				{
					outcome: o.outcome,
					targetDate: dates.get(o.systemId) ?? o.targetDate,
					workstreamId: o.workstreamId
				}
			]
		});
	}
	const goLives = latestBy(
		(await milestones.workstreamMilestonesOfKind(db(), organisationId, 'go_live')).map((m) => ({
			...m,
			key: m.workstreamId!
		}))
	);
	return continuityBreaches(
		[...bySystem.values()],
		new Map([...goLives].map(([k, m]) => [k, effectiveDate(m)])),
		new Map((await workstreams.listWorkstreams(db(), organisationId)).map((w) => [w.id, w.name]))
	);
}

const shape = (c: {
	systems: number;
	reviewed: number;
	multiple: number;
	outcomes: Record<Outcome, number>;
}) => ({ systems: c.systems, reviewed: c.reviewed, multiple: c.multiple, ...c.outcomes });

async function expectKeptEqualsScratch(o: Fixture) {
	const id = o.org.id;
	const scratch = await fromScratch(id);
	const totals = await dashboard.reviewTotals(db(), id);
	expect(shape(totals)).toEqual(scratch.total);
	expect(totals.notReviewed).toBe(totals.systems - totals.reviewed);
	expect(totals.outcomeTotal).toBe(OUTCOMES.reduce((n, k) => n + scratch.total[k], 0));
	const byDirectorate = await dashboard.reviewCountsByDirectorate(db(), id);
	expect(new Map(byDirectorate.map((g) => [g.id, shape(g)]))).toEqual(scratch.byDirectorate);
	const byArea = await dashboard.reviewCountsByServiceArea(db(), id);
	expect(new Map(byArea.map((g) => [g.id, shape(g)]))).toEqual(scratch.byArea);
	const byWorkstream = await workstreams.summariseWorkstreams(db(), id);
	expect(
		new Map(
			byWorkstream
				.filter((w) => w.systems > 0)
				.map((w) => [
					w.id,
					{ systems: w.systems, reviewed: w.reviewed, multiple: w.multiple, ...w.outcomes }
				])
		)
	).toEqual(scratch.byWorkstream);
	expect(byWorkstream.map((w) => w.id).sort()).toEqual(
		(await workstreams.listWorkstreams(db(), id)).map((w) => w.id).sort()
	);
	const breaches = await guardFromScratch(id);
	expect(await continuityBreachesOf(id)).toEqual(breaches);
	const summary = await continuitySummary(id, 3);
	expect(summary.total).toBe(breaches.length);
	expect(summary.first).toEqual(breaches.slice(0, 3));
	expect(await rebuildDashboardCounts(o.actor)).toEqual([]);
}

const day = fc
	.integer({ min: 0, max: 3 * 365 })
	.map((n) => new Date(Date.UTC(2026, 3, 1) + n * 86_400_000).toISOString().slice(0, 10));

const outcomePlan = fc.record({
	outcome: fc.constantFrom(...OUTCOMES),
	agreed: fc.boolean(),
	target: fc.option(day, { nil: null }),
	workstream: fc.constantFrom(null, 0, 1)
});

const op = fc.oneof(
	fc.record({
		kind: fc.constant('create' as const),
		directorate: fc.constantFrom(null, 0, 1),
		area: fc.boolean(),
		duties: fc.constantFrom('', ' ', 'Care Act 2014'),
		archived: fc.boolean()
	}),
	fc.record({
		kind: fc.constant('review' as const),
		system: fc.nat(),
		outcomes: fc.uniqueArray(outcomePlan, { maxLength: 3, selector: (p) => p.outcome })
	}),
	fc.record({ kind: fc.constant('archive' as const), system: fc.nat() }),
	fc.record({ kind: fc.constant('restore' as const), system: fc.nat() }),
	fc.record({
		kind: fc.constant('edit' as const),
		system: fc.nat(),
		directorate: fc.constantFrom(null, 0, 1),
		area: fc.boolean(),
		duties: fc.constantFrom('', 'Children Act 1989'),
		lifecycle: fc.constantFrom(
			'live' as const,
			'being_replaced' as const,
			'decommissioned' as const
		)
	}),
	fc.record({
		kind: fc.constant('link' as const),
		system: fc.nat(),
		workstream: fc.constantFrom(0, 1)
	}),
	fc.record({
		kind: fc.constant('unlink' as const),
		system: fc.nat(),
		workstream: fc.constantFrom(0, 1)
	}),
	fc.record({
		kind: fc.constant('milestone' as const),
		system: fc.option(fc.nat(), { nil: null }),
		workstream: fc.constantFrom(0, 1),
		date: day
	}),
	fc.record({ kind: fc.constant('unmilestone' as const), index: fc.nat() }),
	fc.record({
		kind: fc.constant('bulk' as const),
		system: fc.nat(),
		lifecycle: fc.constantFrom('live', 'archived')
	}),
	fc.record({ kind: fc.constant('import' as const), outcome: fc.constantFrom(...OUTCOMES) })
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

async function apply(o: Fixture, ids: number[], milestoneIds: number[], step: Op, n: number) {
	const ws = [o.integration.id, o.caseManagement.id];
	const dirs = [o.directorate.id, o.otherDirectorate];
	const pick = (i: number) => ids[i % ids.length];
	const current = async (i: number) =>
		(await systems.getSystem(db(), o.org.id, pick(i)!, { includeArchived: true }))!;
	if (step.kind === 'create') {
		const directorateId = step.directorate == null ? null : dirs[step.directorate]!;
		const s = await createSystem(o.actor, {
			name: `System ${n}`,
			directorateId,
			serviceAreaId: step.area && directorateId === o.directorate.id ? o.area.id : null,
			statutoryDuties: step.duties
		});
		ids.push(s.id);
		if (step.archived) await systemService.archiveSystem(o.actor, s.id, s.version);
		return;
	}
	if (step.kind === 'import') {
		const text =
			'Ref,System name,Hosting,Criticality,Personal data,Statutory duties,Outcomes,Target date,Replacing workstream,Outcome status,Reason\n' +
			`IMP-${n},Imported ${n},SaaS,High,Yes,Care Act 2014,${{ maintain: 'Maintain only', develop: 'Development required', decommission: 'Decommission', replace: 'Replace with the new main system' }[step.outcome]},31/03/2028,Integration,,\n` +
			`IMP-${n}-2,Imported ${n} b,SaaS,Low,No,,Maintain only; Decommission,,,,\n`;
		const actor = { ...o.actor, userId: 1 };
		const upload = await importService.uploadFile(
			actor,
			'minutes.csv',
			new TextEncoder().encode(text)
		);
		if (!upload.ok) throw new Error(upload.reason);
		const preview = (await importService.previewUpload(actor, upload.uploadId))!;
		const done = await importService.commitUpload(actor, upload.uploadId, {}, preview.planHash);
		if (!done.ok) throw new Error(`import failed: ${JSON.stringify(done)}`);
		for (const r of (
			await execute(
				db(),
				'SELECT id FROM system WHERE organisation_id = ? AND external_ref LIKE ?',
				[o.org.id, `IMP-${n}%`]
			)
		).rows)
			ids.push(Number(r.id));
		return;
	}
	if (step.kind === 'milestone') {
		const target =
			step.system == null || ids.length === 0
				? { workstreamId: ws[step.workstream]! }
				: { systemId: pick(step.system)! };
		const m = await milestoneService.createMilestone(o.actor, target, {
			kind: 'workstreamId' in target ? 'go_live' : 'decommission',
			plannedDate: step.date,
			forecastDate: null,
			actualDate: null,
			note: ''
		});
		if (m.ok) milestoneIds.push((m as { milestone: { id: number } }).milestone.id);
		return;
	}
	if (step.kind === 'unmilestone') {
		const id = milestoneIds[step.index % Math.max(1, milestoneIds.length)];
		if (id != null)
			await execute(
				db(),
				`UPDATE milestone SET archived_at = '2026-12-01T00:00:00Z' WHERE id = ?`,
				[id]
			);
		return;
	}
	if (ids.length === 0) return;
	const s = await current(step.system);
	if (step.kind === 'review') {
		if (s.lifecycle === 'archived') return;
		const outcomes: OutcomeInput[] = step.outcomes.map((p) => {
			const needsDate = p.outcome === 'decommission' || p.outcome === 'replace';
			const workstreamId = p.workstream == null ? null : ws[p.workstream]!;
			const agreed =
				p.agreed &&
				(!needsDate || p.target != null) &&
				(p.outcome !== 'replace' || workstreamId != null);
			return {
				outcome: p.outcome,
				rationale: 'Test',
				status: agreed ? 'agreed' : 'proposed',
				targetDate: p.target,
				workstreamId
			};
		});
		const current = (
			await execute(db(), 'SELECT id FROM review WHERE system_id = ? AND is_current = 1', [s.id])
		).rows[0];
		const r = await reviewService.recordReview(o.actor, s.id, current ? Number(current.id) : null, {
			reviewedOn: '2026-06-01',
			reviewer: 'Group',
			summary: '',
			outcomes
		});
		if (!r.ok) throw new Error(`review not recorded: ${JSON.stringify(r)}`);
	} else if (step.kind === 'archive') {
		if (s.lifecycle !== 'archived') await systemService.archiveSystem(o.actor, s.id, s.version);
	} else if (step.kind === 'restore') {
		// The app has no restore of an archived system; a restored backup or an administrator's SQL
		// brings one back with a plain UPDATE, which only the triggers see.
		if (s.lifecycle === 'archived')
			await execute(db(), `UPDATE system SET lifecycle = 'live' WHERE id = ?`, [s.id]);
	} else if (step.kind === 'edit') {
		if (s.lifecycle === 'archived') return;
		const stored = (await systems.getSystem(db(), o.org.id, s.id))!;
		const defaults = systemInput();
		const input = Object.fromEntries(
			Object.keys(defaults).map((k) => [k, stored[k as keyof typeof stored]])
		) as unknown as typeof defaults;
		const directorateId = step.directorate == null ? null : dirs[step.directorate]!;
		const r = await systemService.updateSystem(o.actor, s.id, s.version, {
			...input,
			name: `${s.name} renamed`,
			directorateId,
			serviceAreaId: step.area && directorateId === o.directorate.id ? o.area.id : null,
			statutoryDuties: step.duties,
			lifecycle: step.lifecycle,
			contactName: '',
			contactEmail: '',
			contactPhone: ''
		});
		if (!r.ok) throw new Error(`edit not saved: ${JSON.stringify(r)}`);
	} else if (step.kind === 'link') {
		await workstreamService.linkSystemToWorkstream(o.actor, ws[step.workstream]!, s.id, 'Test');
	} else if (step.kind === 'unlink') {
		// Plain SQL, as a bulk path would: no service sees it, the triggers must.
		await execute(db(), 'DELETE FROM system_workstream WHERE system_id = ? AND workstream_id = ?', [
			s.id,
			ws[step.workstream]!
		]);
	} else if (step.kind === 'bulk') {
		await transaction((tx) =>
			execute(tx, 'UPDATE system SET lifecycle = ? WHERE id = ?', [step.lifecycle, s.id])
		);
	}
}

describe('the dashboard’s kept counts and continuity outcomes', () => {
	it(
		'equal the figures counted from scratch after random writes on every path',
		{ timeout: 600_000 },
		async () => {
			let n = 0;
			await fc.assert(
				fc.asyncProperty(fc.array(op, { minLength: 3, maxLength: 18 }), async (steps) => {
					const base = await makeOrganisation();
					const other = await transaction(async (tx) => {
						const d = await organisations.createDirectorate(tx, base.org.id, 'Place');
						const a = await organisations.createServiceArea(tx, base.org.id, d.id, 'Highways');
						return { d: d.id, a: a.id };
					});
					const o: Fixture = { ...base, otherDirectorate: other.d, otherArea: other.a };
					const ids: number[] = [];
					const milestoneIds: number[] = [];
					for (const step of steps) await apply(o, ids, milestoneIds, step, ++n);
					await expectKeptEqualsScratch(o);
				}),
				{ numRuns: 8 }
			);
		}
	);

	it('are repaired and reported by the costs:rebuild check when something writes around the triggers', async () => {
		const o = await makeOrganisation();
		const s = await createSystem(o.actor, { statutoryDuties: 'Care Act 2014' });
		await reviewService.recordReview(o.actor, s.id, null, {
			reviewedOn: '2026-06-01',
			reviewer: 'Group',
			summary: '',
			outcomes: [
				{
					outcome: 'decommission',
					rationale: 'Test',
					status: 'proposed',
					targetDate: null,
					workstreamId: null
				}
			]
		});
		await execute(db(), 'UPDATE review_count SET systems = systems + 5 WHERE organisation_id = ?', [
			o.org.id
		]);
		await execute(db(), 'DELETE FROM continuity_outcome WHERE organisation_id = ?', [o.org.id]);
		const found = await rebuildDashboardCounts(o.actor);
		expect(found.map((d) => d.table).sort()).toEqual(['continuity_outcome', 'review_count']);
		expect((await dashboard.reviewTotals(db(), o.org.id)).systems).toBe(1);
		expect((await continuitySummary(o.org.id, 25)).total).toBe(1);
		expect(await rebuildDashboardCounts(o.actor)).toEqual([]);
	});
});

describe('the views and triggers that keep them', () => {
	it('in the migrated database are exactly the generated definitions, and nothing else', async () => {
		const expected = [...reviewCountDefinitions(), ...continuityDefinitions()].sort((a, b) =>
			a.name < b.name ? -1 : 1
		);
		const kept = (
			await execute(
				db(),
				"SELECT name, type, sql FROM sqlite_master WHERE type IN ('view', 'trigger') AND (name LIKE 'review\\_count%' ESCAPE '\\' OR name LIKE 'workstream\\_review\\_count%' ESCAPE '\\' OR name LIKE 'continuity\\_outcome%' ESCAPE '\\') ORDER BY name"
			)
		).rows.map((r) => ({ name: String(r.name), type: String(r.type), sql: String(r.sql) }));
		expect(kept).toEqual(expected);
		expect(kept.length).toBe(2 + 9 + 1 + 8);
	});
});
