/**
 * For the recharges benchmark: makes organisation 1 of a generated portfolio (with its cost lines) a
 * shared service of 10 partner councils, each with a service's and a school's cost centre; sets
 * keys at every level for every year (the service's default, a users driver; fixed keys for some
 * workstreams, systems and cost lines), their shares charged to the partners' cost centres; then
 * fills what the app keeps beside them in SQL, in large statements, rather than line by line through
 * the services: the cost totals (repos/cost-totals-rebuild replaceTotals), each year's recharges
 * (the app's own re-derivation statement, repos/recharge-derive deriveRange, over ranges of 100,000
 * ids with no pause between them: nobody else is using the file) and their kept totals. Then one
 * issued whole-year statement (the first partner) and one draft (the second), a partner with two
 * years stated and a draft of the next (the fourth), through the statement service, and a ledger extract for the first three partners (grouped from their recharges, with a
 * mis-posting to another partner's cost centre and one difference). bench/recharges.js then runs
 * `npm run costs:rebuild`, which works every recharge and total out again from scratch in the
 * domain's code and must find nothing to repair, so this shortcut cannot lie. Signs up a user of the
 * first partner, who reads the partner's pages. Prints one JSON line. Run by bench/recharges.js:
 * `vite-node --config vite.cli.config.ts bench/recharges-setup.ts -- EMAIL PASSWORD`.
 */
import { db, startDatabase, transaction } from '$lib/server/db/database';
import { execute } from '$lib/server/db/bulk';
import * as organisations from '$lib/server/repos/organisations';
import * as keys from '$lib/server/repos/recharge-keys';
import * as costCentres from '$lib/server/repos/partner-cost-centres';
import * as costTotals from '$lib/server/repos/cost-totals';
import * as derive from '$lib/server/repos/recharge-derive';
import * as recharges from '$lib/server/repos/recharges';
import * as totals from '$lib/server/repos/recharge-totals';
import * as partnershipService from '$lib/server/services/governance-partnerships';
import * as userService from '$lib/server/services/users';
import * as statementService from '$lib/server/services/recharge-statements';
import * as statementRepo from '$lib/server/repos/recharge-statements';
import { allocateLines } from '$lib/domain/recharges';
import { contentHash } from '$lib/domain/hashing';
import { systemActor } from '$lib/server/services/actor';
import { sql } from 'drizzle-orm';

const [email, password] = process.argv.slice(-2);
const PARTNERS = 10;
/** Cost-line ids per re-derivation statement: large, as nothing else is waiting on the file. */
const RANGE = 100_000;
const seconds: Record<string, number> = {};
const timed = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
	const started = performance.now();
	const result = await work();
	seconds[label] = (seconds[label] ?? 0) + (performance.now() - started) / 1000;
	console.error(`  ${label}: ${seconds[label]!.toFixed(1)} s`);
	return result;
};

await startDatabase();
const actor = systemActor(1, 'recharges benchmark');
const agreement = await partnershipService.saveAgreement(actor, null, {
	title: 'Benchmark shared ICT service agreement',
	reference: 'BENCH/1',
	signedOn: '2020-04-01',
	quorumRule: 'all',
	quorumMinimum: null
});
if (!agreement.ok) throw new Error(`agreement: ${agreement.reason}`);
const partners: number[] = [];
for (let i = 1; i <= PARTNERS; i++) {
	const org = await transaction((tx) =>
		organisations.createOrganisation(tx, {
			slug: `bench-partner-${i}`,
			name: `Partner Council ${i}`
		})
	);
	const added = await partnershipService.addPartner(actor, org.id, '2020-04-01');
	if (!added.ok) throw new Error(`partner ${i}: ${added.reason}`);
	partners.push(org.id);
}
/** Each partner's cost centres: a service's and a school's. */
const centres = await transaction(async (tx) => {
	const out = new Map<number, { id: number; code: string }[]>();
	for (const [i, partner] of partners.entries()) {
		const made = [];
		for (const [code, name, kind] of [
			[`P${i + 1}-ICT`, 'ICT shared service charges', 'service'],
			[`P${i + 1}-SCH`, 'Schools ICT', 'school']
		] as const)
			made.push(
				await costCentres.insertCostCentre(tx, 1, {
					partnerOrganisationId: partner,
					code,
					name,
					kind
				})
			);
		out.set(partner, made);
	}
	return out;
});
const user = await userService.createUser(systemActor(partners[0]!, 'recharges benchmark'), {
	organisationId: partners[0]!,
	email: email!,
	displayName: 'Partner benchmark',
	role: 'viewer',
	password: password!
});
if (!user.ok) throw new Error(`partner user: ${user.reason}`);

const years = (
	await db().all<{ y: string }>(
		sql`SELECT DISTINCT financial_year AS y FROM cost_line WHERE organisation_id = 1 ORDER BY 1`
	)
).map((r) => r.y);
const ids = async (query: ReturnType<typeof sql>) =>
	(await db().all<{ id: number }>(query)).map((r) => r.id);
const streams = await ids(
	sql`SELECT id FROM workstream WHERE organisation_id = 1 ORDER BY id LIMIT 3`
);
const systems = await ids(
	sql`SELECT id FROM system WHERE organisation_id = 1 ORDER BY id LIMIT 50`
);
/** Fixed percentages over the partners, in hundredths, uneven and totalling exactly 100.00%. */
const fixed = (seed: number) => {
	const raw = partners.map((_, i) => 1 + ((i * 7 + seed) % 13));
	const total = raw.reduce((a, b) => a + b, 0);
	const weights = raw.map((r) => Math.floor((r * 10_000) / total));
	weights[0]! += 10_000 - weights.reduce((a, b) => a + b, 0);
	return weights;
};
/** Each share charged to one of its partner's two cost centres, varying with the key. */
const shares = (weights: number[], seed: number) =>
	weights.map((weight, i) => ({
		partnerOrganisationId: partners[i]!,
		weight,
		costCentreId: centres.get(partners[i]!)![(seed + i) % 2]!.id
	}));

let keyCount = 0;
await timed('keys', () =>
	transaction(async (tx) => {
		for (const year of years) {
			const lines = await ids(
				sql`SELECT id FROM cost_line WHERE organisation_id = 1 AND financial_year = ${year} ORDER BY id LIMIT 20`
			);
			const add = async (
				scope: 'service' | 'workstream' | 'system' | 'cost_line',
				scopeId: number,
				weights: number[],
				driver: boolean
			) => {
				const key = await keys.insertKey(tx, 1, {
					financialYear: year,
					scope,
					scopeId,
					kind: driver ? 'driver' : 'fixed',
					measure: driver ? 'users' : '',
					source: driver ? 'Active Directory count' : '',
					asAt: driver ? '2026-04-01' : null
				});
				await keys.replaceShares(tx, 1, key.id, shares(weights, keyCount));
				keyCount++;
			};
			// The default: users, in hundredths (1,200 to 48,000 users each).
			await add(
				'service',
				0,
				partners.map((_, i) => (1_200 + ((i * 4_567) % 46_800)) * 100),
				true
			);
			for (const [i, id] of streams.entries()) await add('workstream', id, fixed(i), false);
			for (const [i, id] of systems.entries()) await add('system', id, fixed(i + 3), false);
			for (const [i, id] of lines.entries()) await add('cost_line', id, fixed(i + 5), false);
		}
	})
);
await timed('cost totals', () => transaction((tx) => costTotals.replaceTotals(tx, 1)));
const last = await derive.lastLineId(db());
for (const year of years)
	await timed('recharges', () =>
		transaction(async (tx) => {
			for (let from = 0; from <= last; from += RANGE) {
				await derive.deriveRange(tx, 1, year, from, from + RANGE);
				// Lines too large to share in SQL integers (none in generated data; shared as the app would).
				const left = await derive.linesLeftOver(tx, 1, year, from, from + RANGE);
				if (left.length > 0)
					await recharges.insertShares(
						tx,
						1,
						allocateLines(left, await keys.listKeys(tx, 1, year))
					);
			}
			await totals.replaceYearTotals(
				tx,
				1,
				year,
				await derive.rangeTotals(tx, 1, year, 0, last + 1)
			);
		})
	);

/**
 * Whole-year statements of the benchmark's year: the first partner's issued (its frozen lines, read
 * by the partner), the second's left as a draft (worked out live from the recharges, read by the
 * service's officer); and a partner with years already stated: the fourth partner's 2025/26 and
 * 2026/27 issued (the second compared with the first), then its 2027/28 draft, which compares both
 * years stated with the recharges now.
 */
const STATEMENT_YEAR = '2026/27';
const statementIds: number[] = [];
const issue = async (id: number) => {
	const row = (await statementRepo.getStatement(db(), 1, id))!;
	const fingerprint = await contentHash(await statementService.contentOf(db(), row));
	const issued = await statementService.issueStatement(actor, row.id, row.version, fingerprint);
	if (!issued.ok) throw new Error(`statement issue: ${issued.reason}`);
};
const prepare = async (partner: number, financialYear: string) => {
	const draft = await statementService.createStatementDraft(actor, {
		partnerOrganisationId: partner,
		financialYear,
		quarter: 0
	});
	if (!draft.ok) throw new Error(`statement draft: ${draft.reason}`);
	return draft.statement.id;
};
await timed('statements', async () => {
	for (const partner of partners.slice(0, 2))
		statementIds.push(await prepare(partner, STATEMENT_YEAR));
	await issue(statementIds[0]!);
	for (const year of ['2025/26', STATEMENT_YEAR]) await issue(await prepare(partners[3]!, year));
	statementIds.push(await prepare(partners[3]!, '2027/28'));
});

/**
 * A ledger extract for each of the first three partners, of the statement's year: their recharges
 * of the year grouped into about 100 postings per cost centre and capital/revenue, as a ledger
 * would hold them; the first posting of the second partner moved to the first partner's cost centre
 * (a mis-posting) and the third partner's first posting £25.00 short (a difference).
 */
await timed('ledger extracts', () =>
	transaction(async (tx) => {
		for (const [i, partner] of partners.slice(0, 3).entries()) {
			const extract = await execute(
				tx,
				`INSERT INTO ledger_extract (organisation_id, partner_organisation_id, file_name, sha256, financial_years, line_count, uploaded_by)
				 VALUES (1, ?, ?, ?, ?, 0, 'recharges benchmark') RETURNING id`,
				[partner, `ledger-partner-${i + 1}.csv`, `bench-${i + 1}`.padEnd(64, '0'), STATEMENT_YEAR]
			);
			const extractId = Number(extract.rows[0]!.id);
			await execute(
				tx,
				`INSERT INTO ledger_line (extract_id, organisation_id, partner_organisation_id, "row_number",
					cost_centre_code, financial_year, posting_date, spend_type, amount_pence, description, reference)
				 SELECT ?1, 1, ?2, row_number() OVER (ORDER BY c.code, r.spend_type, r.cost_line_id % 100) + 1,
					c.code, ?3, '2027-03-31', r.spend_type, sum(r.amount_pence), 'Shared ICT recharge', 'BENCH'
				 FROM recharge r JOIN partner_cost_centre c ON c.id = r.cost_centre_id
				 WHERE r.organisation_id = 1 AND r.partner_key = ?2 AND r.financial_year = ?3
				 GROUP BY c.code, r.spend_type, r.cost_line_id % 100`,
				[extractId, partner, STATEMENT_YEAR]
			);
			if (i === 1)
				await execute(
					tx,
					`UPDATE ledger_line SET cost_centre_code = ? WHERE id = (SELECT min(id) FROM ledger_line WHERE extract_id = ?)`,
					[centres.get(partners[0]!)![0]!.code, extractId]
				);
			if (i === 2)
				await execute(
					tx,
					`UPDATE ledger_line SET amount_pence = amount_pence - 2500 WHERE id = (SELECT min(id) FROM ledger_line WHERE extract_id = ?)`,
					[extractId]
				);
			await execute(
				tx,
				'UPDATE ledger_extract SET line_count = (SELECT count(*) FROM ledger_line WHERE extract_id = ?1) WHERE id = ?1',
				[extractId]
			);
		}
	})
);

const [counts] = await db().all<{ shares: number; lines: number }>(
	sql`SELECT count(*) AS shares, count(DISTINCT cost_line_id) AS lines FROM recharge WHERE organisation_id = 1`
);
console.log(JSON.stringify({ partners, years, keyCount, seconds, statementIds, ...counts }));
