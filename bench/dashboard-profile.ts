/**
 * Where the dashboard's time goes: each figure's function timed alone on DATABASE_URL (median of 5).
 *   DATABASE_URL=file:... npx vite-node --config vite.cli.config.ts bench/dashboard-profile.ts [orgId]
 */
import { db, startDatabase } from '$lib/server/db/database';
import * as dashboard from '$lib/server/repos/dashboard';
import * as dataQuality from '$lib/server/repos/data-quality';
import * as workstreams from '$lib/server/repos/workstreams';
import { continuityBreachesOf } from '$lib/server/services/rollups';
import { dashboardFigures } from '$lib/server/services/dashboard';
import { continuitySummary } from '$lib/server/services/continuity-summary';

await startDatabase();
const org = Number(process.argv[2] ?? 1);
const t0 = performance.now();
console.log('started (migrated) in', (t0 / 1000).toFixed(1), 's');
const parts: [string, () => Promise<unknown>][] = [
	['reviewTotals', () => dashboard.reviewTotals(db(), org)],
	['byDirectorate', () => dashboard.reviewCountsByDirectorate(db(), org)],
	['byServiceArea', () => dashboard.reviewCountsByServiceArea(db(), org)],
	['summariseWorkstreams', () => workstreams.summariseWorkstreams(db(), org)],
	['continuityBreaches', () => continuityBreachesOf(org)],
	['dataQualityGaps', () => dataQuality.countDataQualityGaps(db(), org)],
	['continuitySummary', () => continuitySummary(org, 25).then((s) => s.first)],
	['dashboardFigures', () => dashboardFigures(org, 25)]
];
for (const [name, run] of parts) {
	const times: number[] = [];
	let size = 0;
	for (let i = 0; i < 5; i++) {
		const t = performance.now();
		const r = await run();
		times.push(performance.now() - t);
		size = Array.isArray(r) ? r.length : 0;
	}
	times.sort((a, b) => a - b);
	console.log(
		`${name.padEnd(22)} ${times[2]!.toFixed(1).padStart(8)} ms  (min ${times[0]!.toFixed(1)})${size ? `  rows ${size}` : ''}`
	);
}
process.exit(0);
