/**
 * For the recharges benchmark: makes organisation 1 of a generated portfolio (with its cost lines) a
 * shared service of 10 partner councils through the app's own services, sets keys at every level
 * for every year (the service's default, a driver; fixed keys for some workstreams, systems and cost
 * lines), then works each year's recharges out with the app's own re-derivation (services/recharges
 * rederiveYear, the path a key change takes), timed. Signs up a user of the first partner, who reads
 * the partner's page. Prints one JSON line. Run by bench/recharges.js through vite-node with
 * DATABASE_URL set: `vite-node --config vite.cli.config.ts bench/recharges-setup.ts -- EMAIL PASSWORD`.
 */
import { db, startDatabase, transaction } from '$lib/server/db/database';
import * as organisations from '$lib/server/repos/organisations';
import * as keys from '$lib/server/repos/recharge-keys';
import * as partnershipService from '$lib/server/services/governance-partnerships';
import * as userService from '$lib/server/services/users';
import { rederiveYear } from '$lib/server/services/recharges';
import * as statementService from '$lib/server/services/recharge-statements';
import * as statementRepo from '$lib/server/repos/recharge-statements';
import { contentHash } from '$lib/domain/hashing';
import { systemActor } from '$lib/server/services/actor';
import { sql } from 'drizzle-orm';

const [email, password] = process.argv.slice(-2);
const PARTNERS = 10;
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
const shares = (weights: number[]) =>
	weights.map((weight, i) => ({ partnerOrganisationId: partners[i]!, weight, costCentreId: null }));

const derivedSeconds: Record<string, number> = {};
let keyCount = 0;
for (const year of years) {
	const lines = await ids(
		sql`SELECT id FROM cost_line WHERE organisation_id = 1 AND financial_year = ${year} ORDER BY id LIMIT 20`
	);
	await transaction(async (tx) => {
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
			await keys.replaceShares(tx, 1, key.id, shares(weights));
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
	});
	const started = performance.now();
	await transaction((tx) => rederiveYear(tx, 1, year));
	derivedSeconds[year] = (performance.now() - started) / 1000;
	console.error(`  ${year}: recharges worked out in ${derivedSeconds[year]!.toFixed(1)} s`);
}
/**
 * Two whole-year statements of the benchmark's year: the first partner's issued (its frozen lines,
 * read by the partner), the second's left as a draft (worked out live from the recharges, read by
 * the service's officer).
 */
const STATEMENT_YEAR = '2026/27';
const statementIds: number[] = [];
for (const partner of partners.slice(0, 2)) {
	const draft = await statementService.createStatementDraft(actor, {
		partnerOrganisationId: partner,
		financialYear: STATEMENT_YEAR,
		quarter: 0
	});
	if (!draft.ok) throw new Error(`statement draft: ${draft.reason}`);
	statementIds.push(draft.statement.id);
}
{
	const row = (await statementRepo.getStatement(db(), 1, statementIds[0]!))!;
	const fingerprint = await contentHash(await statementService.contentOf(db(), row));
	const issued = await statementService.issueStatement(actor, row.id, row.version, fingerprint);
	if (!issued.ok) throw new Error(`statement issue: ${issued.reason}`);
}

const [counts] = await db().all<{ shares: number; lines: number }>(
	sql`SELECT count(*) AS shares, count(DISTINCT cost_line_id) AS lines FROM recharge WHERE organisation_id = 1`
);
console.log(JSON.stringify({ partners, years, keyCount, derivedSeconds, statementIds, ...counts }));
