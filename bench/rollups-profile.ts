/**
 * Where /rollups's time goes: each step of the page's report timed alone on DATABASE_URL (median of 5),
 * then the whole report, and how many statements each sent (issue 15: the roll-ups on sqld).
 *   DATABASE_URL=... [DATABASE_AUTH_TOKEN=...] npx vite-node --config vite.cli.config.ts bench/rollups-profile.ts [orgId]
 */
import { database, startDatabase } from '$lib/server/db/database';
import * as rollups from '$lib/server/services/rollups';
import { rollupReport } from '$lib/server/services/rollup-report';
import { todayInUk } from '$lib/domain/dates';
import { planYears, PAGE_ROWS } from '$lib/domain/rollups';

await startDatabase();
const org = Number(process.argv[2] ?? 1);
const client = database().client;
let statements = 0;
const execute = client.execute.bind(client);
(client as { execute: typeof client.execute }).execute = ((...args: Parameters<typeof execute>) => {
	statements++;
	return execute(...args);
}) as typeof client.execute;
const today = todayInUk();
const plan = planYears(
	(await rollups.fundingGapByYear(org)).map((r) => r.financialYear),
	today
);
const savings = await rollups.runCostSavings(org);
const parts: [string, () => Promise<unknown>][] = [
	['fundingGapByYear (plan)', () => rollups.fundingGapByYear(org)],
	['runCostSavings', () => rollups.runCostSavings(org)],
	['costRollup workstream', () => rollups.costRollup(org, 'workstream')],
	['costRollup outcome', () => rollups.costRollup(org, 'outcome')],
	['costRollup directorate', () => rollups.costRollup(org, 'directorate')],
	['fundingGapByYear', () => rollups.fundingGapByYear(org, plan)],
	['runCostRollup', () => rollups.runCostRollup(org, plan, { systems: PAGE_ROWS, savings })],
	['fullyOperationalOf', () => rollups.fullyOperationalOf(org)],
	['outageRollup', () => rollups.outageRollup(org, { systems: PAGE_ROWS })],
	['wholeLifeCostOf', () => rollups.wholeLifeCostOf(org, plan[0]!, 10, { savings })],
	['rollupReport (the page)', () => rollupReport(org, { today, years: 10 })]
];
for (const [name, run] of parts) {
	const times: number[] = [];
	statements = 0;
	for (let i = 0; i < 5; i++) {
		const t = performance.now();
		await run();
		times.push(performance.now() - t);
	}
	times.sort((a, b) => a - b);
	console.log(
		`${name.padEnd(26)} ${times[2]!.toFixed(1).padStart(8)} ms  (min ${times[0]!.toFixed(1)})  ${statements / 5} statements`
	);
}
process.exit(0);
