import { beforeAll, describe, expect, it } from 'vitest';
import { db, startDatabase, makeOrganisation, createSystem, systemInput } from './helpers';
import { transaction } from '$lib/server/db/database';
import { sql } from 'drizzle-orm';
import { system } from '$lib/server/db/schema';
import * as systems from '$lib/server/repos/systems';
import * as dataQuality from '$lib/server/repos/data-quality';
import * as runCost from '$lib/server/repos/run-cost';
import * as reviewService from '$lib/server/services/reviews';
import * as systemService from '$lib/server/services/systems';
import { dashboardFigures } from '$lib/server/services/dashboard';
import {
	DEFAULT_QUERY,
	type SystemQuery,
	DATA_QUALITY_FILTER,
	DATA_QUALITY_GAPS
} from '$lib/domain/systems';
import type { OutcomeInput, ReviewInput } from '$lib/domain/systems';
import type { Actor } from '$lib/server/services/actor';

beforeAll(async () => {
	await startDatabase();
});

function review(outcomes: OutcomeInput[]): ReviewInput {
	return { reviewedOn: '2026-11-14', reviewer: 'CFA ICT Strategy Group', summary: '', outcomes };
}

async function reviewed(
	actor: Actor,
	id: number,
	basedOn: number | null,
	outcomes: OutcomeInput[]
) {
	const result = await reviewService.recordReview(actor, id, basedOn, review(outcomes));
	if (!result.ok) throw new Error(JSON.stringify(result));
	return result.review;
}

const names = async (organisationId: number, q: Partial<SystemQuery>) =>
	(await systems.listSystems(db(), organisationId, { ...DEFAULT_QUERY, ...q })).rows.map(
		(r) => r.name
	);

describe('data-quality figures', () => {
	it('count only the organisation’s own live systems, and each equals the list its link opens', async () => {
		const a = await makeOrganisation();
		const b = await makeOrganisation();
		await createSystem(a.actor, { name: 'Alpha', criticality: 'not_assessed' });
		await createSystem(a.actor, {
			name: 'Bravo',
			criticality: 'not_assessed',
			personalData: 'not_assessed'
		});
		const archived = await createSystem(a.actor, {
			name: 'Archived',
			criticality: 'not_assessed',
			personalData: 'not_assessed'
		});
		expect((await systemService.archiveSystem(a.actor, archived.id, archived.version)).ok).toBe(
			true
		);
		const charlie = await createSystem(a.actor, { name: 'Charlie' });
		await reviewed(a.actor, charlie.id, null, [
			{
				outcome: 'replace',
				rationale: 'New case system',
				status: 'proposed',
				targetDate: null,
				workstreamId: a.caseManagement.id
			}
		]);
		const delta = await createSystem(a.actor, { name: 'Delta' });
		await reviewed(a.actor, delta.id, null, [
			{
				outcome: 'decommission',
				rationale: 'Unused',
				status: 'proposed',
				targetDate: '2028-03-31',
				workstreamId: null
			}
		]);
		const echo = await createSystem(a.actor, { name: 'Echo' });
		await reviewed(a.actor, echo.id, null, [
			{
				outcome: 'develop',
				rationale: 'Reports',
				status: 'proposed',
				targetDate: null,
				workstreamId: null
			}
		]);
		const foxtrot = await createSystem(a.actor, { name: 'Foxtrot' });
		await reviewed(a.actor, foxtrot.id, null, [
			{
				outcome: 'replace',
				rationale: 'Something newer',
				status: 'proposed',
				targetDate: '2028-03-31',
				workstreamId: null
			}
		]);
		// The other organisation has every gap, many times: none of it may show in the first's figures.
		for (let i = 0; i < 3; i++) {
			const s = await createSystem(b.actor, {
				name: `Other ${i}`,
				criticality: 'not_assessed',
				personalData: 'not_assessed'
			});
			await reviewed(b.actor, s.id, null, [
				{
					outcome: 'decommission',
					rationale: 'x',
					status: 'proposed',
					targetDate: null,
					workstreamId: null
				}
			]);
		}

		const counts = await dataQuality.countDataQualityGaps(db(), a.org.id);
		expect(counts).toEqual({
			criticality: { total: 2, totalIsExact: true },
			personalData: { total: 1, totalIsExact: true },
			targetDate: { total: 1, totalIsExact: true },
			replaceWorkstream: { total: 1, totalIsExact: true }
		});
		expect(await names(a.org.id, DATA_QUALITY_FILTER.criticality)).toEqual(['Alpha', 'Bravo']);
		expect(await names(a.org.id, DATA_QUALITY_FILTER.personalData)).toEqual(['Bravo']);
		expect(await names(a.org.id, DATA_QUALITY_FILTER.targetDate)).toEqual(['Charlie']);
		expect(await names(a.org.id, DATA_QUALITY_FILTER.replaceWorkstream)).toEqual(['Foxtrot']);
		for (const gap of DATA_QUALITY_GAPS) {
			const list = await systems.listSystems(db(), a.org.id, {
				...DEFAULT_QUERY,
				...DATA_QUALITY_FILTER[gap]
			});
			expect(list.total, gap).toBe(counts[gap].total);
		}
		expect((await dataQuality.countDataQualityGaps(db(), b.org.id)).targetDate.total).toBe(3);
		expect((await dashboardFigures(a.org.id, 25)).dataQualityGaps).toEqual(counts);
	});

	it('clears the target-date gap when a later review sets the date, and keeps it through a re-review that does not', async () => {
		const { actor, org, caseManagement } = await makeOrganisation();
		const s = await createSystem(actor, { name: 'Early Help Module' });
		const replace = (
			targetDate: string | null,
			status: 'proposed' | 'agreed' = 'proposed'
		): OutcomeInput => ({
			outcome: 'replace',
			rationale: 'New case system',
			status,
			targetDate,
			workstreamId: caseManagement.id
		});
		const first = await reviewed(actor, s.id, null, [replace(null)]);
		expect((await dataQuality.countDataQualityGaps(db(), org.id)).targetDate.total).toBe(1);
		// Undated: in no dated view (no switch-off kept, none from scratch either).
		expect(await runCost.readSwitchOffs(db(), org.id)).toEqual([]);
		expect(await runCost.switchOffsFromScratch(db(), org.id)).toEqual([]);
		const second = await reviewed(actor, s.id, first.id, [
			replace(null),
			{
				outcome: 'develop',
				rationale: 'Reports',
				status: 'agreed',
				targetDate: null,
				workstreamId: null
			}
		]);
		expect(await names(org.id, { targetDate: 'none' })).toEqual(['Early Help Module']);
		await reviewed(actor, s.id, second.id, [replace('2028-03-31', 'agreed')]);
		expect((await dataQuality.countDataQualityGaps(db(), org.id)).targetDate.total).toBe(0);
		expect(await names(org.id, { targetDate: 'none' })).toEqual([]);
		expect((await runCost.readSwitchOffs(db(), org.id)).map((r) => r.switchOffDate)).toEqual([
			'2028-03-31'
		]);
		expect(await runCost.readSwitchOffs(db(), org.id)).toEqual(
			await runCost.switchOffsFromScratch(db(), org.id)
		);
	});

	it('refuses, in the database itself, an agreed decommission or replace with no target date; a proposed one is kept', async () => {
		const { actor, org, caseManagement } = await makeOrganisation();
		const s = await createSystem(actor, { name: 'Scripted Register' });
		const r = await reviewed(actor, s.id, null, [
			{
				outcome: 'develop',
				rationale: 'x',
				status: 'proposed',
				targetDate: null,
				workstreamId: null
			}
		]);
		// What the database answered: 'saved', or its refusal (drizzle wraps it as the cause of its own error).
		const answer = (write: Promise<unknown>) =>
			write.then(
				() => 'saved',
				(e: { cause?: { message?: string }; message?: string }) =>
					e.cause?.message ?? e.message ?? String(e)
			);
		const insert = (outcome: string, status: string, targetDate: string | null) =>
			// A replace names its workstream, so only the missing date is refused.
			db().run(
				sql`INSERT INTO review_outcome (organisation_id, review_id, system_id, outcome, rationale, status, target_date, workstream_id) VALUES (${org.id}, ${r.id}, ${s.id}, ${outcome}, 'scripted', ${status}, ${targetDate}, ${outcome === 'replace' ? caseManagement.id : null})`
			);
		for (const outcome of ['decommission', 'replace']) {
			expect(await answer(insert(outcome, 'agreed', null))).toMatch(/needs a target date/);
			expect(await answer(insert(outcome, 'agreed', ''))).toMatch(/needs a target date/);
		}
		expect(await answer(insert('decommission', 'proposed', null))).toBe('saved');
		expect(await answer(insert('develop', 'agreed', null))).toBe('saved');
		expect(
			await answer(
				db().run(
					sql`UPDATE review_outcome SET status = 'agreed' WHERE system_id = ${s.id} AND outcome = 'decommission'`
				)
			)
		).toMatch(/needs a target date/);
		await db().run(
			sql`UPDATE review_outcome SET status = 'agreed', target_date = '2028-03-31' WHERE system_id = ${s.id} AND outcome = 'decommission'`
		);
		expect(
			await answer(
				db().run(
					sql`UPDATE review_outcome SET target_date = NULL WHERE system_id = ${s.id} AND outcome = 'decommission'`
				)
			)
		).toMatch(/needs a target date/);
	});

	it('refuses, in the database itself, an agreed replace with no workstream; a proposed one is kept, and a later review naming one clears the gap', async () => {
		const { actor, org, caseManagement } = await makeOrganisation();
		const s = await createSystem(actor, { name: 'Undelivered Register' });
		const replace = (status: 'proposed' | 'agreed', workstreamId: number | null): OutcomeInput => ({
			outcome: 'replace',
			rationale: 'x',
			status,
			targetDate: '2028-03-31',
			workstreamId
		});
		const r = await reviewed(actor, s.id, null, [replace('proposed', null)]);
		expect(await names(org.id, { replaceWorkstream: 'none' })).toEqual(['Undelivered Register']);
		const answer = (write: Promise<unknown>) =>
			write.then(
				() => 'saved',
				(e: { cause?: { message?: string }; message?: string }) =>
					e.cause?.message ?? e.message ?? String(e)
			);
		expect(
			await answer(
				db().run(sql`UPDATE review_outcome SET status = 'agreed' WHERE review_id = ${r.id}`)
			)
		).toMatch(/needs the workstream delivering it/);
		expect(
			await answer(
				db().run(
					sql`INSERT INTO review_outcome (organisation_id, review_id, system_id, outcome, rationale, status, target_date) VALUES (${org.id}, ${r.id}, ${s.id}, 'replace', 'scripted', 'agreed', '2028-03-31')`
				)
			)
		).toMatch(/needs the workstream delivering it/);
		await db().run(
			sql`UPDATE review_outcome SET status = 'agreed', workstream_id = ${caseManagement.id} WHERE review_id = ${r.id}`
		);
		expect(
			await answer(
				db().run(sql`UPDATE review_outcome SET workstream_id = NULL WHERE review_id = ${r.id}`)
			)
		).toMatch(/needs the workstream delivering it/);
		await reviewed(actor, s.id, r.id, [replace('agreed', caseManagement.id)]);
		expect((await dataQuality.countDataQualityGaps(db(), org.id)).replaceWorkstream.total).toBe(0);
	});

	it('sorts Not yet assessed below Low (after it, most critical first) and never with Critical', async () => {
		const { actor, org } = await makeOrganisation();
		await createSystem(actor, { name: 'Critical one', criticality: 'critical' });
		await createSystem(actor, { name: 'Unknown one', criticality: 'not_assessed' });
		await createSystem(actor, { name: 'Low one', criticality: 'low' });
		expect(await names(org.id, { sort: 'criticality', dir: 'desc' })).toEqual([
			'Critical one',
			'Low one',
			'Unknown one'
		]);
		expect(await names(org.id, { sort: 'criticality' })).toEqual([
			'Unknown one',
			'Low one',
			'Critical one'
		]);
		expect(await names(org.id, { criticality: 'critical' })).toEqual(['Critical one']);
		expect(await names(org.id, { personalData: 'personal' })).toEqual([
			'Critical one',
			'Low one',
			'Unknown one'
		]);
	});

	it('pages a gap list the same whichever index reads it: few through the gap’s own index, more than 1,000 through the sort key’s', async () => {
		const { actor, org } = await makeOrganisation();
		const few = ['Golf', 'Alpha', 'Foxtrot', 'Charlie', 'Echo', 'Bravo', 'Delta'];
		for (const name of few) await createSystem(actor, { name, personalData: 'not_assessed' });
		await createSystem(actor, { name: 'Assessed', personalData: 'none' });
		const walk = async (q: Partial<SystemQuery>) => {
			const seen: string[] = [];
			let page = await systems.listSystems(db(), org.id, { ...DEFAULT_QUERY, ...q, size: 3 });
			seen.push(...page.rows.map((r) => r.name));
			while (page.next) {
				page = await systems.listSystems(db(), org.id, {
					...DEFAULT_QUERY,
					...q,
					size: 3,
					after: page.next
				});
				seen.push(...page.rows.map((r) => r.name));
			}
			const back = await systems.listSystems(db(), org.id, {
				...DEFAULT_QUERY,
				...q,
				size: 3,
				before: page.previous
			});
			return { seen, back: back.rows.map((r) => r.name), total: page.total };
		};
		const sorted = [...few].sort();
		expect(await walk({ personalData: 'not_assessed' })).toEqual({
			seen: sorted,
			back: sorted.slice(3, 6),
			total: 7
		});
		expect((await walk({ personalData: 'not_assessed', dir: 'desc' })).seen).toEqual(
			[...sorted].reverse()
		);

		const many = await makeOrganisation();
		const inputs = Array.from({ length: 1_003 }, (_, i) =>
			systemInput({ name: `Gap ${String(i).padStart(4, '0')}`, criticality: 'not_assessed' })
		);
		await transaction((tx) => systems.createSystems(tx, many.org.id, inputs));
		const first = await systems.listSystems(db(), many.org.id, {
			...DEFAULT_QUERY,
			criticality: 'not_assessed',
			size: 2,
			dir: 'desc'
		});
		expect(first).toMatchObject({ total: 1_000, totalIsExact: false });
		expect(first.rows.map((r) => r.name)).toEqual(['Gap 1002', 'Gap 1001']);
		expect(await dataQuality.countDataQualityGaps(db(), many.org.id)).toMatchObject({
			criticality: { total: 1_000, totalIsExact: false }
		});
	});

	it('counts from the partial indexes, and the list filters use an index', async () => {
		const { org } = await makeOrganisation();
		const planOf = async (query: { sql: string; params: unknown[] }) =>
			(await db().all<{ detail: string }>(sql.raw(`EXPLAIN QUERY PLAN ${inline(query)}`)))
				.map((r) => r.detail)
				.join(' | ');
		expect(await planOf(dataQuality.gapCountQuery(db(), org.id, 'personalData').toSQL())).toMatch(
			/COVERING INDEX system_org_personal_not_assessed_idx/
		);
		expect(await planOf(dataQuality.gapCountQuery(db(), org.id, 'targetDate').toSQL())).toMatch(
			/COVERING INDEX system_org_target_date_not_set_idx/
		);
		expect(
			await planOf(dataQuality.gapCountQuery(db(), org.id, 'replaceWorkstream').toSQL())
		).toMatch(/COVERING INDEX system_org_workstream_not_set_idx/);
		expect(await planOf(dataQuality.gapCountQuery(db(), org.id, 'criticality').toSQL())).toMatch(
			/INDEX system_org_criticality_rank_idx \(organisation_id=\? AND criticality_rank=\?\)/
		);
		for (const gap of DATA_QUALITY_GAPS) {
			const where = systems.systemFilter(org.id, { ...DEFAULT_QUERY, ...DATA_QUALITY_FILTER[gap] });
			const list = db()
				.select({ id: system.id })
				.from(system)
				.where(where)
				.orderBy(system.name, system.id)
				.limit(51)
				.toSQL();
			expect(await planOf(list), gap).toMatch(/SEARCH system USING (COVERING )?INDEX system_org_/);
		}
	});
});

/** The statement with its parameters written in (numbers and simple strings only), for EXPLAIN. */
function inline(query: { sql: string; params: unknown[] }): string {
	let i = 0;
	return query.sql.replace(/\?/g, () => {
		const p = query.params[i++];
		return typeof p === 'number' ? String(p) : `'${String(p).replace(/'/g, "''")}'`;
	});
}
