/**
 * For the recharges benchmark: the cost-by-partner query the recharge pages use
 * (repos/recharges totalsByPartnerYear, every partner's total by year and capital/revenue) against a
 * bare `SELECT SUM(amount_pence) FROM cost_line`, in one process on one connection, interleaved, so
 * the ratio holds whatever the machine's load. Stands in for the /rollups cost-by-partner table
 * until that page has one. Prints one JSON line: each round's milliseconds for both.
 * `vite-node --config vite.cli.config.ts bench/recharges-query.ts -- ROUNDS`
 */
import { db, startDatabase } from '$lib/server/db/database';
import * as recharges from '$lib/server/repos/recharges';
import { sql } from 'drizzle-orm';

const rounds = Number(process.argv[process.argv.length - 1]) || 15;
await startDatabase();
const time = async (work: () => Promise<unknown>) => {
	const started = performance.now();
	await work();
	return performance.now() - started;
};
const sum = () => db().all(sql`SELECT SUM(amount_pence) AS total FROM cost_line`);
const byPartner = () => recharges.totalsByPartnerYear(db(), 1);
// Warm both (page cache, prepared statements), then alternate which goes first.
await sum();
const rows = (await byPartner()).length;
const sumMs: number[] = [];
const partnerMs: number[] = [];
for (let i = 0; i < rounds; i++) {
	if (i % 2) {
		partnerMs.push(await time(byPartner));
		sumMs.push(await time(sum));
	} else {
		sumMs.push(await time(sum));
		partnerMs.push(await time(byPartner));
	}
}
console.log(JSON.stringify({ rows, sumMs, partnerMs }));
