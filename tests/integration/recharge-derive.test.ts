/**
 * A year's recharges worked out in SQL (services/recharges.ts rederiveYear, range by range) equal
 * the domain's largest-remainder split of the same lines by the same keys, to the penny, for random
 * lines and keys at every level: weights of 0, driver values up to the largest allowed, amounts up
 * to the largest line (so some lines pass 2^63 when multiplied and are shared in BigInt instead).
 * The kept totals equal the shares summed, and `costs:rebuild`'s check finds nothing to repair.
 * The kept totals by cost centre equal a GROUP BY over `recharge` after random changes of cost
 * lines, keys and the cost centres keys charge, and `costs:rebuild` repairs a damaged one.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { db, startDatabase, makeOrganisation, createSystem, expectOk } from './helpers';
import { transaction } from '$lib/server/db/database';
import { insertRows } from '$lib/server/db/bulk';
import * as partnershipService from '$lib/server/services/governance-partnerships';
import { rebuildRecharges, rederiveLines, rederiveYear } from '$lib/server/services/recharges';
import * as costCentres from '$lib/server/repos/partner-cost-centres';
import { LINES_LISTED } from '$lib/server/repos/reconciliation';
import { linesBehind } from '$lib/server/services/reconciliation';
import { partnerView, serviceView } from '$lib/server/services/recharge-views';
import * as recharges from '$lib/server/repos/recharges';
import * as totals from '$lib/server/repos/recharge-totals';
import * as keys from '$lib/server/repos/recharge-keys';
import { allocateLines, MAX_DRIVER_VALUE, type RechargeShare } from '$lib/domain/recharges';
import { MAX_AMOUNT_PENCE } from '$lib/domain/money';

const YEAR = '2027/28';
let org: number;
let partners: number[];
let systems: number[];
let streams: number[];

beforeAll(async () => {
	await startDatabase();
	const shared = await makeOrganisation('Derivation Shared ICT');
	org = shared.org.id;
	expectOk(
		await partnershipService.saveAgreement(shared.actor, null, {
			title: 'Derivation agreement',
			reference: 'D/1',
			signedOn: '2020-04-01',
			quorumRule: 'all',
			quorumMinimum: null
		})
	);
	partners = [];
	for (const name of ['North', 'East', 'South', 'West']) {
		const p = await makeOrganisation(`${name} Council`);
		expectOk(await partnershipService.addPartner(shared.actor, p.org.id, '2020-04-01'));
		partners.push(p.org.id);
	}
	systems = [
		(await createSystem(shared.actor, { name: 'Payroll' })).id,
		(await createSystem(shared.actor, { name: 'Revenues' })).id
	];
	streams = [shared.integration.id, shared.caseManagement.id];
	centres = [];
	for (const [i, p] of partners.entries())
		centres.push(
			await Promise.all(
				['A', 'B'].map(
					async (c) =>
						(
							await costCentres.insertCostCentre(db(), org, {
								partnerOrganisationId: p,
								code: `CC-${i}-${c}`,
								name: `Centre ${c} of partner ${i}`,
								kind: 'service'
							})
						).id
				)
			)
		);
});

/** Each partner's two cost centres (index as partners). */
let centres: number[][];

const amount = fc.oneof(
	fc.integer({ min: 0, max: 1_000_000 }),
	fc.integer({ min: 0, max: MAX_AMOUNT_PENCE }),
	fc.constant(MAX_AMOUNT_PENCE)
);
// Equal weights often, so ties for the leftover penny are tried too.
const weight = fc.oneof(
	fc.constantFrom(1, 2, 3333),
	fc.integer({ min: 0, max: 10_000 }),
	fc.integer({ min: 0, max: MAX_DRIVER_VALUE }),
	fc.constant(0)
);
const lineArb = fc.record({
	amountPence: amount,
	spendType: fc.constantFrom('capital' as const, 'revenue' as const),
	system: fc.option(fc.integer({ min: 0, max: 1 }), { nil: null }),
	stream: fc.option(fc.integer({ min: 0, max: 1 }), { nil: null })
});
/** A key's scope: 'service', a system, a workstream, or the n-th line of the case. */
const keyArb = fc.record({
	scope: fc.constantFrom('service', 'system', 'workstream', 'cost_line'),
	index: fc.integer({ min: 0, max: 20 }),
	weights: fc.array(fc.option(weight, { nil: null }), { minLength: 4, maxLength: 4 })
});

/** Empties the year: recharges, keys and lines written by the last case. */
async function clearYear() {
	await db().run(sql`DELETE FROM recharge WHERE organisation_id = ${org}`);
	await db().run(sql`DELETE FROM recharge_total WHERE organisation_id = ${org}`);
	await db().run(sql`DELETE FROM recharge_centre_total WHERE organisation_id = ${org}`);
	await db().run(
		sql`DELETE FROM allocation_key_share WHERE key_id IN (SELECT id FROM allocation_key WHERE organisation_id = ${org})`
	);
	await db().run(sql`DELETE FROM allocation_key WHERE organisation_id = ${org}`);
	await db().run(sql`DELETE FROM cost_line WHERE organisation_id = ${org}`);
}

const byLineAndPartner = (a: RechargeShare, b: RechargeShare) =>
	a.costLineId - b.costLineId || (a.partnerOrganisationId ?? 0) - (b.partnerOrganisationId ?? 0);

describe('recharges worked out in SQL', () => {
	it('equal the domain’s split of the same lines by the same keys, to the penny', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(lineArb, { minLength: 1, maxLength: 20 }),
				fc.array(keyArb, { maxLength: 6 }),
				async (lines, keyCases) => {
					await clearYear();
					const ids = await transaction(async (tx) => {
						const rows = lines.map((l) => [
							org,
							l.system == null ? null : systems[l.system]!,
							// A line belongs to a system or a workstream (or both).
							l.stream == null ? (l.system == null ? streams[0]! : null) : streams[l.stream]!,
							YEAR,
							l.spendType,
							'licence',
							l.amountPence,
							'committed',
							''
						]);
						const written = await insertRows(
							tx,
							'cost_line',
							[
								'organisation_id',
								'system_id',
								'workstream_id',
								'financial_year',
								'spend_type',
								'category',
								'amount_pence',
								'confidence',
								'description'
							],
							rows,
							'RETURNING id'
						);
						return written.map((r) => Number(r.id));
					});
					const scopeIds = {
						service: () => 0,
						system: (i: number) => systems[i % systems.length]!,
						workstream: (i: number) => streams[i % streams.length]!,
						cost_line: (i: number) => ids[i % ids.length]!
					};
					await transaction(async (tx) => {
						const seen = new Set<string>();
						for (const k of keyCases) {
							const scope = k.scope as keyof typeof scopeIds;
							const scopeId = scopeIds[scope](k.index);
							if (seen.has(`${scope}:${scopeId}`)) continue;
							seen.add(`${scope}:${scopeId}`);
							const key = await keys.insertKey(tx, org, {
								financialYear: YEAR,
								scope,
								scopeId,
								kind: 'driver',
								measure: 'users',
								source: 'test',
								asAt: '2027-04-01'
							});
							await keys.replaceShares(
								tx,
								org,
								key.id,
								k.weights.flatMap((w, i) =>
									w == null
										? []
										: [{ partnerOrganisationId: partners[i]!, weight: w, costCentreId: null }]
								)
							);
						}
						await rederiveYear(tx, org, YEAR);
					});
					const expected = allocateLines(
						await recharges.linesOf(db(), org, YEAR),
						await keys.listKeys(db(), org, YEAR)
					).sort(byLineAndPartner);
					const kept = (await recharges.readShares(db(), org)).sort(byLineAndPartner);
					expect(kept).toEqual(expected);
					const keptTotals = (await totals.readTotals(db(), org)).sort((a, b) =>
						`${a.partnerOrganisationId}${a.spendType}`.localeCompare(
							`${b.partnerOrganisationId}${b.spendType}`
						)
					);
					const expectedTotals = totals
						.sharesAsTotals(expected)
						.sort((a, b) =>
							`${a.partnerOrganisationId}${a.spendType}`.localeCompare(
								`${b.partnerOrganisationId}${b.spendType}`
							)
						);
					expect(keptTotals).toEqual(expectedTotals);
					expect(await transaction((tx) => rebuildRecharges(tx, org))).toEqual([]);
				}
			),
			{ numRuns: 40 }
		);
	}, 120_000);

	it('covers lines on both sides of a range boundary and removes a line’s shares when it is archived', async () => {
		await clearYear();
		const many = Array.from({ length: 2_500 }, (_, i) => [
			org,
			systems[i % 2]!,
			null,
			YEAR,
			'revenue',
			'licence',
			1_000 + i,
			'committed',
			''
		]);
		await transaction((tx) =>
			insertRows(
				tx,
				'cost_line',
				[
					'organisation_id',
					'system_id',
					'workstream_id',
					'financial_year',
					'spend_type',
					'category',
					'amount_pence',
					'confidence',
					'description'
				],
				many
			)
		);
		await db().run(
			sql`UPDATE cost_line SET archived_at = '2027-05-01T00:00:00Z' WHERE organisation_id = ${org} AND amount_pence = 1000`
		);
		await transaction(async (tx) => {
			const key = await keys.insertKey(tx, org, {
				financialYear: YEAR,
				scope: 'service',
				scopeId: 0,
				kind: 'fixed',
				measure: '',
				source: '',
				asAt: null
			});
			await keys.replaceShares(tx, org, key.id, [
				{ partnerOrganisationId: partners[0]!, weight: 3333, costCentreId: null },
				{ partnerOrganisationId: partners[1]!, weight: 3333, costCentreId: null },
				{ partnerOrganisationId: partners[2]!, weight: 3334, costCentreId: null }
			]);
			await rederiveYear(tx, org, YEAR);
		});
		const [counts] = await db().all<{
			lines: number;
			shares: number;
			pence: number;
		}>(
			sql`SELECT count(DISTINCT cost_line_id) AS lines, count(*) AS shares, sum(amount_pence) AS pence FROM recharge WHERE organisation_id = ${org}`
		);
		// 2,499 live lines of 1,001p to 3,499p, each shared between three partners.
		expect(counts).toEqual({
			lines: 2_499,
			shares: 2_499 * 3,
			pence: ((1_001 + 3_499) * 2_499) / 2
		});
	});

	it('shows a partner’s lines and the overhead a page at a time, counted from the kept totals', async () => {
		const first = await serviceView(db(), org, YEAR, partners[0]!, 1);
		const last = await serviceView(db(), org, YEAR, partners[0]!, 25);
		expect([first.lines.count, first.lines.pages, first.lines.rows.length]).toEqual([
			2_499, 25, 100
		]);
		expect(last.lines.rows.length).toBe(99);
		const ids = [...first.lines.rows, ...last.lines.rows].map((r) => r.costLineId);
		expect(ids).toEqual([...ids].sort((a, b) => a - b));
		expect(first.overhead).toEqual({ rows: [], page: 1, pages: 1, count: 0 });
		const partnerPage = await partnerView(db(), org, partners[1]!, YEAR, 2);
		expect(partnerPage.lines.rows[0]!.costLineId).toBe(first.lines.rows[0]!.costLineId + 100);
	});

	it('has costs:rebuild find a kept total that drifted, and put it right', async () => {
		await db().run(
			sql`UPDATE recharge_total SET amount_pence = amount_pence + 1 WHERE organisation_id = ${org} AND partner_key = ${partners[1]!}`
		);
		const found = await transaction((tx) => rebuildRecharges(tx, org));
		expect(found).toEqual([
			{
				key: `recharge total partner organisation ${partners[1]}, ${YEAR}, revenue`,
				keptPence: expect.any(Number),
				rebuiltPence: expect.any(Number)
			}
		]);
		expect(found[0]!.keptPence - found[0]!.rebuiltPence).toBe(1);
		expect(await transaction((tx) => rebuildRecharges(tx, org))).toEqual([]);
	});

	it('reads any page of a partner’s lines from where it starts: the same lines as skipping to it', async () => {
		const whole = await recharges.rechargesOfPartner(db(), org, partners[1]!, YEAR);
		expect(whole).toHaveLength(2_499);
		for (const offset of [0, 1, 99, 100, 1_234, 2_400, 2_498, 2_499, 5_000]) {
			const page = await recharges.rechargesOfPartner(db(), org, partners[1]!, YEAR, {
				offset,
				limit: 100
			});
			expect(page).toEqual(whole.slice(offset, offset + 100));
		}
		// The page itself is a range of the partner-year index, not a scan from its first entry.
		const plan = await db().all<{ detail: string }>(
			sql.raw(
				`EXPLAIN QUERY PLAN SELECT r.cost_line_id FROM recharge r JOIN cost_line l ON l.id = r.cost_line_id
				 WHERE r.organisation_id = ${org} AND r.partner_key = ${partners[1]!} AND r.financial_year = '${YEAR}'
				 AND (r.spend_type, r.cost_line_id) >= ('revenue', 5) ORDER BY r.spend_type, r.cost_line_id LIMIT 100`
			)
		);
		expect(plan.map((p) => p.detail).join('\n')).toMatch(
			/SEARCH r USING COVERING INDEX recharge_partner_year_idx \(organisation_id=\? AND partner_key=\? AND financial_year=\? AND \(spend_type,cost_line_id\)>\(\?,\?\)\)/
		);
	});

	it('lists the lines behind a reconciliation row a page at a time, each after the last', async () => {
		const row = { costCentreId: null, financialYear: YEAR, spendType: 'revenue' as const };
		const pages = [];
		for (let after: number | null = 0; after != null;) {
			const page = await linesBehind(db(), org, partners[0]!, row, after);
			pages.push(page.lines);
			after = page.after;
		}
		// 2,499 lines: twelve full pages and one of 99, in cost-line order, none twice.
		expect(pages.map((p) => p.length)).toEqual([...Array(12).fill(LINES_LISTED), 99]);
		const ids = pages.flat().map((l) => l.costLineId);
		expect(new Set(ids).size).toBe(2_499);
		expect(ids).toEqual([...ids].sort((a, b) => a - b));
		// Another partner's row, or a cost centre it has no lines under, lists nothing.
		expect(
			(await linesBehind(db(), org, partners[3]!, row)).lines.length +
				(await linesBehind(db(), org, partners[0]!, { ...row, costCentreId: centres[0]![0]! }))
					.lines.length
		).toBe(0);
	});

	it('keeps totals by cost centre equal to the recharges summed, after random changes of lines, keys and cost centres', async () => {
		type Change =
			| { kind: 'amount'; at: number; amountPence: number }
			| { kind: 'archive'; at: number }
			| { kind: 'spend'; at: number }
			| { kind: 'recentre'; at: number; centre: (number | null)[]; weights: number[] }
			| { kind: 'new line'; amountPence: number; system: number };
		const change: fc.Arbitrary<Change> = fc.oneof(
			fc.record({ kind: fc.constant('amount' as const), at: fc.nat(), amountPence: amount }),
			fc.record({ kind: fc.constant('archive' as const), at: fc.nat() }),
			fc.record({ kind: fc.constant('spend' as const), at: fc.nat() }),
			fc.record({
				kind: fc.constant('recentre' as const),
				at: fc.nat(),
				centre: fc.array(fc.option(fc.integer({ min: 0, max: 1 }), { nil: null }), {
					minLength: 4,
					maxLength: 4
				}),
				weights: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 4, maxLength: 4 })
			}),
			fc.record({
				kind: fc.constant('new line' as const),
				amountPence: amount,
				system: fc.integer({ min: 0, max: 1 })
			})
		);
		/** The kept totals by cost centre, and the same summed from `recharge`, in one order. */
		const keptAndSummed = async () => {
			const order = 'ORDER BY partner_key, cost_centre_key, financial_year, spend_type';
			const kept = await db().all(
				sql.raw(
					`SELECT partner_key, cost_centre_key, financial_year, spend_type, amount_pence, line_count FROM recharge_centre_total WHERE organisation_id = ${org} ${order}`
				)
			);
			const summed = await db().all(
				sql.raw(
					`SELECT partner_key, coalesce(cost_centre_id, 0) AS cost_centre_key, financial_year, spend_type, sum(amount_pence) AS amount_pence, count(*) AS line_count FROM recharge WHERE organisation_id = ${org} GROUP BY 1, 2, 3, 4 ${order}`
				)
			);
			return { kept, summed };
		};
		let changed = 0;
		let mostCentres = 0;
		await fc.assert(
			fc.asyncProperty(
				fc.array(lineArb, { minLength: 1, maxLength: 12 }),
				fc.array(change, { minLength: 1, maxLength: 8 }),
				async (lines, changes) => {
					await clearYear();
					const insert = (tx: Parameters<Parameters<typeof transaction>[0]>[0], ls: typeof lines) =>
						insertRows(
							tx,
							'cost_line',
							[
								'organisation_id',
								'system_id',
								'workstream_id',
								'financial_year',
								'spend_type',
								'category',
								'amount_pence',
								'confidence',
								'description'
							],
							ls.map((l) => [
								org,
								systems[l.system ?? 0]!,
								null,
								YEAR,
								l.spendType,
								'licence',
								l.amountPence,
								'committed',
								''
							]),
							'RETURNING id'
						).then((rows) => rows.map((r) => Number(r.id)));
					const ids = await transaction((tx) => insert(tx, lines));
					// A service key charging each partner's first cost centre, and one per system.
					const keyIds = await transaction(async (tx) => {
						const made: number[] = [];
						for (const [scope, scopeId] of [
							['service', 0],
							['system', systems[0]!]
						] as const) {
							const key = await keys.insertKey(tx, org, {
								financialYear: YEAR,
								scope,
								scopeId,
								kind: 'fixed',
								measure: '',
								source: '',
								asAt: null
							});
							await keys.replaceShares(
								tx,
								org,
								key.id,
								partners.map((p, i) => ({
									partnerOrganisationId: p,
									weight: 2500,
									costCentreId: centres[i]![0]!
								}))
							);
							made.push(key.id);
						}
						await rederiveYear(tx, org, YEAR);
						return made;
					});
					for (const c of changes)
						await transaction(async (tx) => {
							if (c.kind === 'recentre') {
								await keys.replaceShares(
									tx,
									org,
									keyIds[c.at % keyIds.length]!,
									partners.map((p, i) => ({
										partnerOrganisationId: p,
										weight: c.weights[i]!,
										costCentreId: c.centre[i] == null ? null : centres[i]![c.centre[i]!]!
									}))
								);
								await rederiveYear(tx, org, YEAR);
								return;
							}
							if (c.kind === 'new line') {
								ids.push(
									...(await insert(tx, [
										{
											amountPence: c.amountPence,
											spendType: 'revenue',
											system: c.system,
											stream: null
										}
									]))
								);
								await rederiveLines(tx, org, ids.slice(-1));
								return;
							}
							const id = ids[c.at % ids.length]!;
							if (c.kind === 'amount')
								await tx.run(
									sql`UPDATE cost_line SET amount_pence = ${c.amountPence} WHERE id = ${id}`
								);
							else if (c.kind === 'archive')
								await tx.run(
									sql`UPDATE cost_line SET archived_at = '2027-05-01T00:00:00Z' WHERE id = ${id}`
								);
							else
								await tx.run(
									sql`UPDATE cost_line SET spend_type = CASE spend_type WHEN 'capital' THEN 'revenue' ELSE 'capital' END WHERE id = ${id}`
								);
							await rederiveLines(tx, org, [id]);
						});
					const { kept, summed } = await keptAndSummed();
					expect(kept).toEqual(summed);
					changed += changes.length;
					mostCentres = Math.max(
						mostCentres,
						new Set(kept.map((k) => (k as { cost_centre_key: number }).cost_centre_key)).size
					);
					expect(await transaction((tx) => rebuildRecharges(tx, org))).toEqual([]);
				}
			),
			{ numRuns: 25 }
		);
		expect(changed).toBeGreaterThan(25);
		// Totals of no cost centre and of both a partner's cost centres were compared.
		expect(mostCentres).toBeGreaterThanOrEqual(3);
	}, 180_000);

	it('has costs:rebuild find a total by cost centre that drifted or went missing, and put it right', async () => {
		const [row] = await db().all<{ id: number; partner_key: number; cost_centre_key: number }>(
			sql`SELECT rowid AS id, partner_key, cost_centre_key FROM recharge_centre_total WHERE organisation_id = ${org} AND cost_centre_key > 0 LIMIT 1`
		);
		expect(row).toBeDefined();
		await db().run(
			sql`UPDATE recharge_centre_total SET amount_pence = amount_pence + 7 WHERE rowid = ${row!.id}`
		);
		const found = await transaction((tx) => rebuildRecharges(tx, org));
		expect(found.map((d) => d.key)).toEqual([
			expect.stringMatching(
				new RegExp(
					`^recharge total partner organisation ${row!.partner_key}, cost centre ${row!.cost_centre_key}, `
				)
			)
		]);
		expect(found[0]!.keptPence - found[0]!.rebuiltPence).toBe(7);
		expect(await transaction((tx) => rebuildRecharges(tx, org))).toEqual([]);
		// A lost row is found (and put back) too.
		await db().run(
			sql`DELETE FROM recharge_centre_total WHERE organisation_id = ${org} AND partner_key = ${row!.partner_key}`
		);
		expect((await transaction((tx) => rebuildRecharges(tx, org))).length).toBeGreaterThan(0);
		expect(await transaction((tx) => rebuildRecharges(tx, org))).toEqual([]);
	});
});
