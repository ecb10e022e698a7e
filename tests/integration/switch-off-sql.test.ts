/**
 * The switch-offs behind the run-cost roll-up are kept by SQL (a view and triggers) generated from one
 * definition, db/switch-off-sql.ts. The migrated database must hold exactly that definition, and on
 * random portfolios written the way the bulk import writes (multi-row INSERTs, then plain UPDATEs and
 * DELETEs that no service sees) the kept rows and the view must both equal the domain's TypeScript rule
 * (switchOffDates over the running systems' current decommission or replace outcomes).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { InValue } from '@libsql/client';
import { db, startDatabase, makeOrganisation } from './helpers';
import { database, transaction } from '$lib/server/db/database';
import { execute, insertRows } from '$lib/server/db/bulk';
import { switchOffDefinitions, switchOffMigrationSql } from '$lib/server/db/switch-off-sql';
import * as runCost from '$lib/server/repos/run-cost';
import { SWITCH_OFF_MILESTONE, SWITCH_OFF_OUTCOMES, switchOffDates } from '$lib/domain/milestones';
import {
	isOneOf,
	OUTCOMES,
	type Outcome,
	LIFECYCLE,
	RUNNING_LIFECYCLES,
	type Lifecycle
} from '$lib/domain/systems';

beforeAll(async () => {
	await startDatabase();
});

const kept = async () =>
	(
		await database().client.execute(
			"SELECT name, type, sql FROM sqlite_master WHERE name LIKE 'system_switch_off%' AND type IN ('view', 'trigger') ORDER BY name"
		)
	).rows.map((r) => ({
		name: String(r.name),
		type: String(r.type),
		sql: String(r.sql)
	}));

describe('the switch-off view and triggers', () => {
	it('in the migrated database are exactly the generated definition, and nothing else', async () => {
		const expected = switchOffDefinitions().sort((a, b) => a.name.localeCompare(b.name));
		expect(await kept()).toEqual(expected.sort((a, b) => (a.name < b.name ? -1 : 1)));
	});

	it('are put back unchanged, and the kept rows rebuilt, by the migration body db:switch-off-sql prints', async () => {
		const before = await kept();
		const statements = switchOffMigrationSql().split('--> statement-breakpoint');
		expect(statements.length).toBe(2 * switchOffDefinitions().length + 2);
		await transaction(async (tx) => {
			for (const statement of statements) await execute(tx, statement);
		});
		expect(await kept()).toEqual(before);
	});
});

// ---- The same rule, in TypeScript and in SQL, on random portfolios ---------------------------------

const day = fc
	.integer({ min: 0, max: 5 * 365 })
	.map((n) => new Date(Date.UTC(2025, 3, 1) + n * 86_400_000).toISOString().slice(0, 10));
const maybeDay = fc.option(day, { nil: null });
const KINDS = [SWITCH_OFF_MILESTONE, 'go_live'] as const;

const outcomePlan = fc.record({
	outcome: fc.constantFrom(...OUTCOMES),
	targetDate: maybeDay,
	current: fc.boolean()
});
const milestonePlan = fc.record({
	kind: fc.constantFrom(...KINDS),
	planned: day,
	forecast: maybeDay,
	actual: maybeDay,
	archived: fc.boolean()
});
const systemPlan = fc.record({
	lifecycle: fc.constantFrom(...LIFECYCLE),
	cost: fc.option(fc.integer({ min: 0, max: 50_000_000 }), { nil: null }),
	outcomes: fc.array(outcomePlan, { maxLength: 3 }),
	milestones: fc.array(milestonePlan, { maxLength: 2 })
});
const change = fc.record({
	kind: fc.constantFrom(
		'lifecycle',
		'cost',
		'target',
		'supersede',
		'outcome',
		'delete-outcome',
		'forecast',
		'actual',
		'archive',
		'milestone-kind',
		'delete-milestone'
	),
	system: fc.nat(),
	row: fc.nat(),
	lifecycle: fc.constantFrom(...LIFECYCLE),
	cost: fc.option(fc.integer({ min: 0, max: 50_000_000 }), { nil: null }),
	outcome: fc.constantFrom(...OUTCOMES),
	date: maybeDay,
	flag: fc.boolean(),
	milestoneKind: fc.constantFrom(...KINDS)
});

type Plan = typeof systemPlan extends fc.Arbitrary<infer T> ? T : never;
type Change = typeof change extends fc.Arbitrary<infer T> ? T : never;
interface ModelOutcome {
	id: number;
	outcome: Outcome;
	targetDate: string | null;
	current: boolean;
}
interface ModelMilestone {
	id: number;
	kind: (typeof KINDS)[number];
	planned: string;
	forecast: string | null;
	actual: string | null;
	archived: boolean;
}
interface ModelSystem {
	id: number;
	lifecycle: Lifecycle;
	cost: number | null;
	outcomes: ModelOutcome[];
	milestones: ModelMilestone[];
}

/** The domain's answer: what each running system being switched off stops on, and its run cost. */
function byTheDomain(systems: ModelSystem[]): runCost.SwitchOffRow[] {
	const running = systems.filter((s) =>
		(RUNNING_LIFECYCLES as readonly string[]).includes(s.lifecycle)
	);
	const outcomes = running.flatMap((s) =>
		s.outcomes
			.filter((o) => o.current && isOneOf(SWITCH_OFF_OUTCOMES, o.outcome))
			.map((o) => ({ systemId: s.id, targetDate: o.targetDate }))
	);
	const decommissions = running.flatMap((s) =>
		s.milestones
			.filter((m) => m.kind === SWITCH_OFF_MILESTONE && !m.archived)
			.map((m) => ({
				systemId: s.id,
				plannedDate: m.planned,
				forecastDate: m.forecast,
				actualDate: m.actual
			}))
	);
	const cost = new Map(systems.map((s) => [s.id, s.cost ?? 0]));
	return [...switchOffDates(outcomes, decommissions)]
		.map(([systemId, switchOffDate]) => ({
			systemId,
			switchOffDate,
			annualRunCostPence: cost.get(systemId)!
		}))
		.sort((a, b) => a.systemId - b.systemId);
}

/** Writes the portfolio as the bulk import does: multi-row INSERTs through the client, no services. */
async function writeInBulk(organisationId: number, plans: Plan[]): Promise<ModelSystem[]> {
	return transaction(async (tx) => {
		const ids = await insertRows(
			tx,
			'system',
			[
				'organisation_id',
				'name',
				'hosting',
				'criticality',
				'personal_data',
				'lifecycle',
				'annual_run_cost_pence'
			],
			plans.map((p, i): InValue[] => [
				organisationId,
				`Bulk ${i}`,
				'saas',
				'medium',
				'none',
				p.lifecycle,
				p.cost
			]),
			'RETURNING id'
		);
		const systems: ModelSystem[] = plans.map((p, i) => ({
			id: Number(ids[i]!.id),
			lifecycle: p.lifecycle,
			cost: p.cost,
			outcomes: [],
			milestones: []
		}));
		const reviews = await insertRows(
			tx,
			'review',
			['organisation_id', 'system_id', 'reviewed_on', 'reviewer'],
			systems.map((s) => [organisationId, s.id, '2025-04-01', 'Import']),
			'RETURNING id'
		);
		const outcomeRows = plans.flatMap((p, i) =>
			p.outcomes.map((o) => ({ system: systems[i]!, review: Number(reviews[i]!.id), o }))
		);
		if (outcomeRows.length) {
			const outcomeIds = await insertRows(
				tx,
				'review_outcome',
				[
					'organisation_id',
					'review_id',
					'system_id',
					'outcome',
					'rationale',
					'status',
					'target_date',
					'is_current'
				],
				outcomeRows.map(({ system, review, o }) => [
					organisationId,
					review,
					system.id,
					o.outcome,
					'Bulk',
					'proposed',
					o.targetDate,
					o.current ? 1 : 0
				]),
				'RETURNING id'
			);
			outcomeRows.forEach(({ system, o }, i) =>
				system.outcomes.push({ id: Number(outcomeIds[i]!.id), ...o })
			);
		}
		const milestoneRows = plans.flatMap((p, i) =>
			p.milestones.map((m) => ({ system: systems[i]!, m }))
		);
		if (milestoneRows.length) {
			const milestoneIds = await insertRows(
				tx,
				'milestone',
				[
					'organisation_id',
					'system_id',
					'kind',
					'planned_date',
					'forecast_date',
					'actual_date',
					'archived_at'
				],
				milestoneRows.map(({ system, m }) => [
					organisationId,
					system.id,
					m.kind,
					m.planned,
					m.forecast,
					m.actual,
					m.archived ? '2025-05-01T00:00:00.000Z' : null
				]),
				'RETURNING id'
			);
			milestoneRows.forEach(({ system, m }, i) =>
				system.milestones.push({ id: Number(milestoneIds[i]!.id), ...m })
			);
		}
		return systems;
	});
}

/** One later change as a plain SQL statement, mirrored in the model. */
async function applyChange(systems: ModelSystem[], c: Change): Promise<void> {
	const s = systems[c.system % systems.length]!;
	const o = s.outcomes.length ? s.outcomes[c.row % s.outcomes.length]! : null;
	const m = s.milestones.length ? s.milestones[c.row % s.milestones.length]! : null;
	const run = (sql: string, args: InValue[]) => database().client.execute({ sql, args });
	if (c.kind === 'lifecycle') {
		await run('UPDATE system SET lifecycle = ? WHERE id = ?', [c.lifecycle, s.id]);
		s.lifecycle = c.lifecycle;
	} else if (c.kind === 'cost') {
		await run('UPDATE system SET annual_run_cost_pence = ? WHERE id = ?', [c.cost, s.id]);
		s.cost = c.cost;
	} else if (c.kind === 'target' && o) {
		await run('UPDATE review_outcome SET target_date = ? WHERE id = ?', [c.date, o.id]);
		o.targetDate = c.date;
	} else if (c.kind === 'supersede') {
		// As a new review does (and the import's bulk UPDATE): every current outcome of the system stops being current.
		await run('UPDATE review_outcome SET is_current = 0 WHERE system_id = ? AND is_current = 1', [
			s.id
		]);
		for (const each of s.outcomes) each.current = false;
	} else if (c.kind === 'outcome' && o) {
		await run('UPDATE review_outcome SET outcome = ?, is_current = ? WHERE id = ?', [
			c.outcome,
			c.flag ? 1 : 0,
			o.id
		]);
		o.outcome = c.outcome;
		o.current = c.flag;
	} else if (c.kind === 'delete-outcome' && o) {
		await run('DELETE FROM review_outcome WHERE id = ?', [o.id]);
		s.outcomes.splice(s.outcomes.indexOf(o), 1);
	} else if ((c.kind === 'forecast' || c.kind === 'actual') && m) {
		await run(`UPDATE milestone SET ${c.kind}_date = ? WHERE id = ?`, [c.date, m.id]);
		m[c.kind] = c.date;
	} else if (c.kind === 'archive' && m) {
		await run('UPDATE milestone SET archived_at = ? WHERE id = ?', [
			c.flag ? '2025-06-01T00:00:00.000Z' : null,
			m.id
		]);
		m.archived = c.flag;
	} else if (c.kind === 'milestone-kind' && m) {
		await run('UPDATE milestone SET kind = ? WHERE id = ?', [c.milestoneKind, m.id]);
		m.kind = c.milestoneKind;
	} else if (c.kind === 'delete-milestone' && m) {
		await run('DELETE FROM milestone WHERE id = ?', [m.id]);
		s.milestones.splice(s.milestones.indexOf(m), 1);
	}
}

describe('the switch-off rule, in SQL and in TypeScript', () => {
	// Random portfolios written and changed in SQL: a few seconds alone, more on a loaded machine.
	it(
		'agree on random portfolios written in bulk and then changed by plain SQL, system by system',
		{ timeout: 120_000 },
		async () => {
			await fc.assert(
				fc.asyncProperty(
					fc.array(systemPlan, { minLength: 1, maxLength: 10 }),
					fc.array(change, { maxLength: 15 }),
					async (plans, changes) => {
						const { org } = await makeOrganisation();
						const systems = await writeInBulk(org.id, plans);
						const check = async (when: string) => {
							const expected = byTheDomain(systems);
							expect(await runCost.readSwitchOffs(db(), org.id), `kept rows ${when}`).toEqual(
								expected
							);
							expect(await runCost.switchOffsFromScratch(db(), org.id), `view ${when}`).toEqual(
								expected
							);
						};
						await check('after the bulk insert');
						for (const [i, c] of changes.entries()) {
							await applyChange(systems, c);
							await check(`after change ${i + 1} (${c.kind})`);
						}
					}
				),
				{ numRuns: 40 }
			);
		}
	);
});
