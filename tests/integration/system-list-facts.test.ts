/**
 * /systems keeps each organisation's filter lists, data-quality figures and search-index answer
 * while its list version (raised by triggers) stands still. Whatever changes them must show on the
 * very next page, whichever way it was written, and nothing else may throw the kept facts away.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { db, startDatabase, makeOrganisation, createSystem, systemInput } from './helpers';
import { transaction } from '$lib/server/db/database';
import * as organisations from '$lib/server/repos/organisations';
import * as workstreams from '$lib/server/repos/workstreams';
import * as dataQuality from '$lib/server/repos/data-quality';
import * as systemService from '$lib/server/services/systems';
import { reachesSearchIndex } from '$lib/server/repos/system-search';
import { systemListFacts } from '$lib/server/services/system-list-facts';
import { NOT_ASSESSED } from '$lib/domain/systems';

beforeAll(async () => {
	await startDatabase();
});

/** The facts read straight from the database, as the page read them before they were kept. */
async function freshFacts(organisationId: number) {
	const options = (rows: { id: number; name: string }[]) =>
		rows.map((r) => ({ value: String(r.id), label: r.name }));
	return {
		directorates: options(await organisations.listDirectorates(db(), organisationId)),
		serviceAreas: options(await organisations.listServiceAreas(db(), organisationId)),
		workstreams: options(await workstreams.listWorkstreams(db(), organisationId)),
		dataQualityGaps: await dataQuality.countDataQualityGaps(db(), organisationId),
		reachesSearchIndex: await reachesSearchIndex(db(), organisationId)
	};
}

describe('the facts /systems keeps per organisation', () => {
	it('are read once and kept while nothing they show changes', async () => {
		const o = await makeOrganisation();
		await createSystem(o.actor, { criticality: NOT_ASSESSED });
		const first = await systemListFacts(db(), o.org.id);
		expect(first).toEqual(await freshFacts(o.org.id));
		expect(first.dataQualityGaps.criticality).toEqual({ total: 1, totalIsExact: true });
		expect(await systemListFacts(db(), o.org.id)).toBe(first);
	});

	it('show each kind of change on the next read', async () => {
		const o = await makeOrganisation();
		const system = await createSystem(o.actor);
		const kept = await systemListFacts(db(), o.org.id);
		const changes: [string, () => Promise<unknown>][] = [
			[
				'a new workstream',
				() => transaction((tx) => workstreams.createWorkstream(tx, o.org.id, { name: 'Aardvark' }))
			],
			[
				'a renamed directorate',
				() => db().run(sql`UPDATE directorate SET name = 'Place' WHERE id = ${o.directorate.id}`)
			],
			[
				'a removed service area',
				() => db().run(sql`DELETE FROM service_area WHERE id = ${o.area.id}`)
			],
			[
				'criticality set to not yet assessed',
				() =>
					systemService.updateSystem(
						o.actor,
						system.id,
						system.version,
						systemInput({ name: system.name, criticality: NOT_ASSESSED })
					)
			],
			[
				'personal data not yet assessed',
				() =>
					db().run(sql`UPDATE system SET personal_data = 'not_assessed' WHERE id = ${system.id}`)
			],
			[
				'an archived system',
				() => db().run(sql`UPDATE system SET lifecycle = 'archived' WHERE id = ${system.id}`)
			]
		];
		let before = kept;
		for (const [what, change] of changes) {
			await change();
			const after = await systemListFacts(db(), o.org.id);
			expect(after, what).toEqual(await freshFacts(o.org.id));
			expect(after, what).not.toEqual(before);
			before = after;
		}
	});

	it('are kept through an edit of columns they do not show, and through another organisation’s changes', async () => {
		const o = await makeOrganisation();
		const other = await makeOrganisation();
		const system = await createSystem(o.actor);
		const kept = await systemListFacts(db(), o.org.id);
		const version = await organisations.getListVersion(db(), o.org.id);
		await db().run(
			sql`UPDATE system SET description = 'Edited', supplier = 'Other Ltd' WHERE id = ${system.id}`
		);
		await createSystem(other.actor, { criticality: NOT_ASSESSED });
		await transaction((tx) =>
			workstreams.createWorkstream(tx, other.org.id, { name: 'Elsewhere' })
		);
		expect(await organisations.getListVersion(db(), o.org.id)).toBe(version);
		expect(await systemListFacts(db(), o.org.id)).toBe(kept);
	});

	it('always equal a fresh read, whatever sequence of writes came before (property)', async () => {
		const o = await makeOrganisation();
		const ids: number[] = [];
		const write = fc.oneof(
			fc.record({
				kind: fc.constant('add' as const),
				criticality: fc.constantFrom('high', 'low', NOT_ASSESSED),
				personalData: fc.constantFrom('none', 'personal', NOT_ASSESSED)
			}),
			fc.record({ kind: fc.constant('archive' as const), pick: fc.nat() }),
			fc.record({ kind: fc.constant('describe' as const), pick: fc.nat() }),
			fc.record({
				kind: fc.constant('criticality' as const),
				pick: fc.nat(),
				value: fc.constantFrom('low', 'high', NOT_ASSESSED)
			}),
			fc.record({
				kind: fc.constant('directorate' as const),
				name: fc.string({ minLength: 1, maxLength: 12 })
			}),
			fc.record({
				kind: fc.constant('workstream' as const),
				name: fc.string({ minLength: 1, maxLength: 12 })
			})
		);
		let n = 0;
		await fc.assert(
			fc.asyncProperty(fc.array(write, { maxLength: 6 }), async (writes) => {
				for (const w of writes) {
					const id = ids.length ? ids[('pick' in w ? w.pick : 0) % ids.length] : undefined;
					if (w.kind === 'add') {
						const s = await createSystem(o.actor, {
							criticality: w.criticality as never,
							personalData: w.personalData as never
						});
						ids.push(s.id);
					} else if (w.kind === 'archive' && id) {
						await db().run(sql`UPDATE system SET lifecycle = 'archived' WHERE id = ${id}`);
					} else if (w.kind === 'describe' && id) {
						await db().run(sql`UPDATE system SET description = ${`d${++n}`} WHERE id = ${id}`);
					} else if (w.kind === 'criticality' && id) {
						await db().run(sql`UPDATE system SET criticality = ${w.value} WHERE id = ${id}`);
					} else if (w.kind === 'directorate') {
						await transaction((tx) =>
							organisations.createDirectorate(tx, o.org.id, `${w.name} ${++n}`)
						);
					} else if (w.kind === 'workstream') {
						await transaction((tx) =>
							workstreams.createWorkstream(tx, o.org.id, { name: `${w.name} ${++n}` })
						);
					}
					expect(await systemListFacts(db(), o.org.id)).toEqual(await freshFacts(o.org.id));
				}
			}),
			{ numRuns: 12 }
		);
	});
});
