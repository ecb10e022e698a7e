import { db, startDatabase, transaction } from '$lib/server/db/database';
import { runnerOf } from '$lib/server/db/bulk';
import { rederiveYear } from '$lib/server/services/recharges';
import { monitorEventLoopDelay } from 'node:perf_hooks';
await startDatabase();
const h = monitorEventLoopDelay({ resolution: 5 });
h.enable();
const slow: string[] = [];
let n = 0;
const started = performance.now();
let endWork = 0;
await transaction(async (tx) => {
	const runner = runnerOf(tx) as unknown as { execute: (a: unknown) => Promise<unknown> };
	const orig = runner.execute.bind(runner);
	runner.execute = async (a: unknown) => {
		const s = performance.now();
		const r = await orig(a);
		const ms = performance.now() - s;
		n++;
		if (ms > 40) slow.push(`${ms.toFixed(0)}ms ${JSON.stringify(a).slice(0, 90)}`);
		return r;
	};
	await rederiveYear(tx, 1, '2026/27');
	endWork = performance.now();
});
const commitMs = performance.now() - endWork;
h.disable();
console.log(JSON.stringify({ seconds: (performance.now() - started) / 1000, statements: n, commitMs, loopMax: h.max / 1e6, p99: h.percentile(99) / 1e6, slow: slow.slice(0, 30), slowCount: slow.length }, null, 1));
