// Probe (not part of the app): saves 2026/27's default key on a copy of the 1M-line database, timing
// every statement of the transaction, the COMMIT, GC pauses and event-loop gaps.
import { database, startDatabase, startBackgroundCheckpoints } from '$lib/server/db/database';
import * as keys from '$lib/server/repos/recharge-keys';
import * as keyService from '$lib/server/services/recharge-keys';
import { systemActor } from '$lib/server/services/actor';
import { PerformanceObserver } from 'node:perf_hooks';

await startDatabase();
if (!process.env.PROBE_NOCKPT) await startBackgroundCheckpoints();
const client = database().client as any;
const slow: { ms: number; sql: string }[] = [];
let statements = 0;
let cpuMax = 0;
const cpuSlow: unknown[] = [];
let stmtMs = 0;
const hist = new Map<number, number>();
const orig = client.transaction.bind(client);
client.transaction = async (...a: unknown[]) => {
	const tx = await orig(...a);
	const exec = tx.execute.bind(tx);
	if (process.env.PROBE_CACHE) await exec(`PRAGMA cache_size = ${process.env.PROBE_CACHE}`);
	if (process.env.PROBE_SYNC) await exec(`PRAGMA synchronous = ${process.env.PROBE_SYNC}`);
	if (process.env.PROBE_SPILL) await exec(`PRAGMA cache_spill = ${process.env.PROBE_SPILL}`);
	tx.execute = async (s: any) => {
		const t = performance.now();
		const c0 = process.cpuUsage();
		const r = await exec(s);
		const ms = performance.now() - t;
		const cu = process.cpuUsage(c0);
		const cpu = (cu.user + cu.system) / 1000;
		cpuMax = Math.max(cpuMax, cpu);
		if (cpu > 30) cpuSlow.push({ cpu: Math.round(cpu), ms: Math.round(ms), at: statements, sql: String(s.sql ?? s).replace(/\s+/g, ' ').slice(0, 50) });
		statements++;
		stmtMs += ms;
		const b = Math.min(200, Math.floor(ms / 10) * 10);
		hist.set(b, (hist.get(b) ?? 0) + 1);
		if (ms > 30) slow.push({ ms, sql: String(s.sql ?? s).replace(/\s+/g, ' ').slice(0, 90) });
		return r;
	};
	const commit = tx.commit.bind(tx);
	tx.commit = async () => {
		if (process.env.PROBE_FLUSH) {
			const f0 = performance.now();
			const fh = await (await import('node:fs/promises')).open('/tmp/rech17k/run.db-wal', 'r+');
			await fh.datasync();
			await fh.close();
			console.log(`datasync ${(performance.now() - f0).toFixed(1)} ms`);
		}
		const t = performance.now();
		const c0 = process.cpuUsage();
		await commit();
		const cu = process.cpuUsage(c0);
		console.log(`COMMIT ${(performance.now() - t).toFixed(1)} ms, cpu ${((cu.user + cu.system) / 1000).toFixed(1)} ms`);
	};
	return tx;
};
const gaps: number[] = [];
const gapCpu: string[] = [];
const { readFileSync } = await import('node:fs');
const mainTicks = () => {
	const f = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
	return (Number(f[11]) + Number(f[12])) * 10;
};
let last = performance.now();
let lastTicks = mainTicks();
setInterval(() => {
	const now = performance.now();
	const ticks = mainTicks();
	if (now - last > 50) {
		gaps.push(now - last);
		gapCpu.push(`${Math.round(now - last)}ms/cpu${ticks - lastTicks}`);
	}
	last = now;
	lastTicks = ticks;
}, 5).unref();
const gcs: number[] = [];
new PerformanceObserver((l) => {
	for (const e of l.getEntries()) if (e.duration > 20) gcs.push(e.duration);
}).observe({ entryTypes: ['gc'] });

const actor = systemActor(1, 'probe');
const all = await keys.listKeys(database().db, 1, '2026/27');
const key = all.find((k) => k.scope === 'service')!;
const shares = key.shares.map((s, i) => (i === 0 ? { ...s, weight: s.weight + 100 } : s));
let reading = true;
let reads = 0;
const reader = (async () => {
	const { sql } = await import('drizzle-orm');
	while (reading) {
		await database().db.all(sql`SELECT partner_key, sum(amount_pence) FROM recharge_total GROUP BY 1`);
		reads++;
		await new Promise((r) => setTimeout(r, 20));
	}
})();
const started = performance.now();
const result = await keyService.saveKey(actor, key.id, key.version, {
	financialYear: key.financialYear,
	scope: key.scope,
	scopeId: key.scopeId,
	kind: key.kind,
	measure: key.measure,
	source: key.source,
	asAt: key.asAt,
	shares
});
const secs = (performance.now() - started) / 1000;
console.log('saved', result.ok, secs, 'reads', reads);
await new Promise((r) => setTimeout(r, Number(process.env.PROBE_WAIT ?? 50)));
console.log(JSON.stringify({ ok: result.ok, secs: secs.toFixed(1), statements, stmtSecs: (stmtMs / 1000).toFixed(1), hist: [...hist].sort((a, b) => a[0] - b[0]), gapCpu: gapCpu.sort((a, b) => parseInt(b) - parseInt(a)).slice(0, 15), gaps: gaps.sort((a, b) => b - a).slice(0, 15).map(Math.round), cpuMax, cpuSlow: cpuSlow.slice(0, 40), gcs: gcs.sort((a, b) => b - a).slice(0, 10).map(Math.round), slowCount: slow.length }, null, 1));
reading = false;
await reader;
console.log('reads after', reads);
process.exit(0);
