/**
 * /systems.csv is streamed: read a batch at a time after the last row's (sort key, id) and written as
 * it is read. It must give byte for byte the file the single-statement export gave (the query it
 * ran is kept below as the reference), for every sort and direction, over ties and awkward cells.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { asc, desc, eq } from 'drizzle-orm';
import { db, startDatabase, makeOrganisation, createSystem } from './helpers';
import { system, serviceArea } from '$lib/server/db/schema';
import {
	outcomesOfFlags,
	DEFAULT_QUERY,
	SORT_COLUMNS,
	type SystemQuery
} from '$lib/domain/systems';
import { systemsCsv } from '$lib/domain/csv/systems';
import { todayInUk } from '$lib/domain/dates';
import { SORT_KEY, systemFilter } from '$lib/server/repos/system-list';
import { searchReadsIndex } from '$lib/server/repos/system-search';
import * as systems from '$lib/server/repos/systems';
import * as systemService from '$lib/server/services/systems';
import { snapshotRead } from '$lib/server/db/database';
import { execute } from '$lib/server/db/bulk';
import { isDatabaseServerUrl } from '$lib/server/db/server-check';
import { systemsCsvResponse } from '$lib/server/web/systems-download';

/** The export as it was before it streamed: one statement, every row at once. */
async function exportedAtOnce(organisationId: number, query: SystemQuery) {
	const key = SORT_KEY[query.sort];
	const order = query.dir === 'asc' ? [asc(key), asc(system.id)] : [desc(key), desc(system.id)];
	const rows = await db()
		.select({
			id: system.id,
			externalRef: system.externalRef,
			name: system.name,
			supplier: system.supplier,
			product: system.product,
			directorateName: system.directorateName,
			serviceAreaName: serviceArea.name,
			hosting: system.hosting,
			criticality: system.criticality,
			userCount: system.userCount,
			annualRunCostPence: system.annualRunCostPence,
			contractStart: system.contractStart,
			contractEnd: system.contractEnd,
			contractNotice: system.contractNotice,
			personalData: system.personalData,
			lifecycle: system.lifecycle,
			reviewStatus: system.reviewStatus,
			outcomeFlags: system.outcomeFlags
		})
		.from(system)
		.leftJoin(serviceArea, eq(serviceArea.id, system.serviceAreaId))
		.where(
			systemFilter(
				organisationId,
				query,
				todayInUk(),
				await searchReadsIndex(db(), organisationId, query)
			)
		)
		.orderBy(...order)
		.limit(200_000);
	return rows.map(({ outcomeFlags, ...r }) => ({ ...r, outcomes: outcomesOfFlags(outcomeFlags) }));
}

/** The body as sent, its BOM kept (Response.text() drops a leading BOM). */
const bodyOf = async (response: Response) =>
	new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());

let org: Awaited<ReturnType<typeof makeOrganisation>>;
let other: Awaited<ReturnType<typeof makeOrganisation>>;

beforeAll(async () => {
	await startDatabase();
	org = await makeOrganisation();
	other = await makeOrganisation();
	// Few distinct values, so every sort key ties across batches; cells a CSV must quote or neutralise.
	const names = [
		'Payroll',
		'payroll',
		'Café "Bookings"',
		'=HYPERLINK("x")',
		'Line\nbreak, too',
		'£ ledger'
	];
	const suppliers = ['Acme', 'Zed, Ltd', '-5', '@risk'];
	for (let i = 0; i < 41; i++) {
		const made = await createSystem(org.actor, {
			name: names[i % names.length]!,
			supplier: suppliers[i % suppliers.length]!,
			hosting: i % 3 === 0 ? 'saas' : 'on_premises',
			criticality: (['low', 'medium', 'high'] as const)[i % 3]!,
			userCount: i % 5 === 0 ? null : (i % 4) * 10,
			annualRunCostPence: i % 7 === 0 ? null : (i % 3) * 99_999,
			contractEnd: i % 2 === 0 ? null : `2027-0${(i % 3) + 1}-01`,
			serviceAreaId: i % 2 === 0 ? org.area.id : null,
			lifecycle: i % 11 === 0 ? 'decommissioned' : 'live'
		});
		if (i % 9 === 0) await systemService.archiveSystem(org.actor, made.id, made.version);
	}
	await createSystem(other.actor, { name: 'Payroll', supplier: 'Another council’s supplier' });
});

describe('/systems.csv streamed a batch at a time', () => {
	it('is byte for byte the single-statement export, for every sort, direction and batch size', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom(...SORT_COLUMNS),
				fc.constantFrom('asc' as const, 'desc' as const),
				fc.integer({ min: 1, max: 45 }),
				fc.constantFrom<Partial<SystemQuery>>({}, { hosting: 'saas' }, { q: 'pay' }, { q: 'Ltd' }),
				async (sort, dir, batchRows, filter) => {
					const query = { ...DEFAULT_QUERY, ...filter, sort, dir };
					const expected = systemsCsv(await exportedAtOnce(org.org.id, query));
					const streamed = await bodyOf(systemsCsvResponse(org.org.id, query, { batchRows }));
					expect(streamed).toBe(expected);
				}
			),
			{ numRuns: 60 }
		);
	});

	it('holds every live system of the organisation once, and none of another organisation', async () => {
		const text = await bodyOf(systemsCsvResponse(org.org.id, DEFAULT_QUERY, { batchRows: 4 }));
		const lines = text.split('\r\n').filter(Boolean);
		// 41 made, 5 archived (every ninth), left out of the list's default view; one name spans two lines.
		const live = (await exportedAtOnce(org.org.id, DEFAULT_QUERY)).length;
		expect(live).toBe(36);
		expect(lines.length).toBe(1 + live + lines.filter((l) => l.startsWith('break')).length);
		expect(text).not.toContain('Another council');
		expect(text.startsWith('\uFEFFExternal reference,Name,')).toBe(true);
	});

	it('reads in batches: the generator yields at most batchRows rows each time, in order', async () => {
		const sizes: number[] = [];
		const ids: number[] = [];
		for await (const batch of systems.exportSystemBatches(db(), org.org.id, DEFAULT_QUERY, {
			batchRows: 10
		})) {
			sizes.push(batch.length);
			ids.push(...batch.map((r) => r.id));
		}
		expect(sizes).toEqual([10, 10, 10, 6]);
		expect(ids).toEqual((await exportedAtOnce(org.org.id, DEFAULT_QUERY)).map((r) => r.id));
		expect(new Set(ids).size).toBe(ids.length);
	});

	it('stops at the limit', async () => {
		const rows = await systems.exportSystems(db(), org.org.id, DEFAULT_QUERY, 7);
		expect(rows.map((r) => r.id)).toEqual(
			(await exportedAtOnce(org.org.id, DEFAULT_QUERY)).slice(0, 7).map((r) => r.id)
		);
	});
});

// On a server the batches are read statement by statement (db/index.ts withSnapshotReader says why).
describe.runIf(!isDatabaseServerUrl())(
	'a download read a batch at a time while someone edits',
	() => {
		/** Reads the names batch by batch, renaming systems after the first batch: one moved back past the boundary, one written already moved ahead. */
		async function namesWhileRenaming(ex: Parameters<Parameters<typeof snapshotRead>[0]>[0]) {
			const fresh = await makeOrganisation();
			const ids: number[] = [];
			for (const name of ['A1', 'A2', 'A3', 'A4', 'A5', 'A6'])
				ids.push((await createSystem(fresh.actor, { name })).id);
			const query: SystemQuery = { ...DEFAULT_QUERY, sort: 'name', dir: 'asc' };
			const batches = systems.exportSystemBatches(ex, fresh.org.id, query, { batchRows: 2 });
			const names: string[] = [];
			let first = true;
			for await (const batch of batches) {
				names.push(...batch.map((r) => r.name));
				if (first) {
					first = false;
					await execute(db(), "UPDATE system SET name = 'A0' WHERE id = ?", [ids[5]!]);
					await execute(db(), "UPDATE system SET name = 'A9' WHERE id = ?", [ids[0]!]);
				}
			}
			return names;
		}

		it('holds each system once, as it was when the download began, inside snapshotRead', async () => {
			expect(await snapshotRead((ex) => namesWhileRenaming(ex))).toEqual([
				'A1',
				'A2',
				'A3',
				'A4',
				'A5',
				'A6'
			]);
		});

		it('without one read transaction, would miss one system and repeat another (why it is needed)', async () => {
			const names = await namesWhileRenaming(db());
			expect(names).not.toContain('A0');
			expect(names.filter((n) => n === 'A1' || n === 'A9')).toHaveLength(2);
		});
	}
);
