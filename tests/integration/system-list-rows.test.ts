// The systems list reads its page and count without drizzle's execution and row mapping (rows
// mapped by position from libsql's arrays, db/raw-rows.ts). For any filter, sort and direction,
// walking every page must give exactly the rows drizzle's own select gives for the same filter, in
// the same order and shape; and the page read inside a transaction (drizzle's values route) must be
// the same as outside it (the cached prepared statements on an embedded file).
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { asc, desc } from 'drizzle-orm';
import { db, startDatabase, makeOrganisation, createSystem } from './helpers';
import { transaction } from '$lib/server/db/database';
import { system } from '$lib/server/db/schema';
import * as systems from '$lib/server/repos/systems';
import { SORT_KEY, systemFilter } from '$lib/server/repos/system-list';
import {
	CRITICALITY,
	DEFAULT_QUERY,
	HOSTING,
	SORT_COLUMNS,
	outcomesOfFlags,
	type SystemQuery
} from '$lib/domain/systems';
import { addMonths, todayInUk } from '$lib/domain/dates';

let organisationId = 0;

beforeAll(async () => {
	await startDatabase();
	const { actor, org, directorate } = await makeOrganisation();
	organisationId = org.id;
	const today = todayInUk();
	// Repeated names, suppliers and costs, NULLs and text needing care: ties and gaps for every sort key.
	for (let i = 0; i < 23; i++)
		await createSystem(actor, {
			name: ['Care Portal', 'Áine’s “Rota”', 'Payroll', 'care portal', '100% Systems'][i % 5]!,
			supplier: ['Acme', 'Borough IT', '', 'Acme'][i % 4]!,
			product: i % 3 === 0 ? '' : `Product <${i}>`,
			hosting: HOSTING[i % HOSTING.length]!,
			criticality: CRITICALITY[i % CRITICALITY.length]!,
			userCount: i % 4 === 0 ? null : (i * 37) % 500,
			annualRunCostPence: i % 5 === 0 ? null : ((i * 7919) % 40) * 10_000,
			contractEnd: i % 3 === 0 ? null : addMonths(today, (i * 5) % 30),
			directorateId: i % 2 === 0 ? directorate.id : null
		});
});

/** Every matching row through drizzle's own select and mapping, in the list's order. */
async function throughDrizzle(query: SystemQuery) {
	const key = SORT_KEY[query.sort];
	const order = query.dir === 'asc' ? [asc(key), asc(system.id)] : [desc(key), desc(system.id)];
	const rows = await db()
		.select({
			id: system.id,
			name: system.name,
			supplier: system.supplier,
			product: system.product,
			directorateName: system.directorateName,
			hosting: system.hosting,
			criticality: system.criticality,
			userCount: system.userCount,
			annualRunCostPence: system.annualRunCostPence,
			contractEnd: system.contractEnd,
			reviewStatus: system.reviewStatus,
			outcomeFlags: system.outcomeFlags
		})
		.from(system)
		.where(systemFilter(organisationId, query))
		.orderBy(...order);
	return rows.map(({ outcomeFlags, ...r }) => ({ ...r, outcomes: outcomesOfFlags(outcomeFlags) }));
}

const queries = fc.record({
	hosting: fc.option(fc.constantFrom(...HOSTING), { nil: null }),
	criticality: fc.option(fc.constantFrom(...CRITICALITY), { nil: null }),
	q: fc.constantFrom('', 'care', 'acme', '%', 'Rota', 'zzz'),
	sort: fc.constantFrom(...SORT_COLUMNS),
	dir: fc.constantFrom('asc' as const, 'desc' as const),
	size: fc.integer({ min: 1, max: 9 })
});

describe('the systems list without drizzle on its hot path', () => {
	it('walks to exactly the rows drizzle selects, for any filter and sort (property)', async () => {
		await fc.assert(
			fc.asyncProperty(queries, async (picked) => {
				const query: SystemQuery = { ...DEFAULT_QUERY, ...picked };
				const expected = await throughDrizzle(query);
				const walked = [];
				let after = '';
				for (let pages = 0; pages < 30; pages++) {
					const page = await systems.listSystems(db(), organisationId, { ...query, after });
					expect(page.total).toBe(expected.length);
					expect(page.totalIsExact).toBe(true);
					walked.push(...page.rows);
					if (!page.next) break;
					after = page.next;
				}
				expect(walked).toEqual(expected);
			}),
			{ numRuns: 40 }
		);
	});

	it('gives the same page inside a transaction as outside it (property)', async () => {
		await fc.assert(
			fc.asyncProperty(queries, async (picked) => {
				const query: SystemQuery = { ...DEFAULT_QUERY, ...picked };
				const outside = await systems.listSystems(db(), organisationId, query);
				const inside = await transaction((tx) => systems.listSystems(tx, organisationId, query));
				expect(inside).toEqual(outside);
				expect(outside.rows.length).toBe(Math.min(query.size, outside.total));
			}),
			{ numRuns: 25 }
		);
	});
});
