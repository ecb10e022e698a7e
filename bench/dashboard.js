/**
 * `npm run bench -- --only dashboard`: how long the dashboard (/) takes to answer at 100,000 systems in
 * one organisation, against one read of the bare SvelteKit page showing 50 rows from the same database,
 * in the same run (issue 15: at most 5x). Both are asked one request at a time (one connection), in
 * interleaved rounds whose order alternates; the figure is the median over rounds of each round's
 * median latency, and the ratio is the dashboard's over the bare page's.
 *
 * Options: --dashboard-rounds N (5), --dashboard-seconds S per page per round (5),
 * --dashboard-systems N (100,000; the /systems benchmark's generated file is reused).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildBaseline, prepareDatabase } from './lib/builds.js';
import { checkPage, measure, median } from './lib/pages.js';
import { RESULTS, rel } from './lib/paths.js';
import {
	APP_ENV,
	APP_NODE_FLAGS,
	assertRunning,
	startServer,
	stopServer,
	waitForIdle
} from './lib/processes.js';
import { int } from './lib/report.js';
import { ensureBenchUser, signIn } from './lib/session.js';

export const DASHBOARD_OPTIONS = {
	'--dashboard-rounds': true,
	'--dashboard-seconds': true,
	'--dashboard-systems': true
};
const TARGET = 5;

export function parseDashboardOptions(args) {
	const o = { rounds: 5, seconds: 5, systems: 100_000 };
	for (let i = 0; i < args.length; i++) {
		const arg = args[i];
		if (arg === '--quick') {
			Object.assign(o, { rounds: 2, seconds: 2 });
			continue;
		}
		const v = Number(args[++i]);
		if (!Number.isFinite(v) || v <= 0) throw new Error(`${arg} needs a positive number`);
		if (arg === '--dashboard-rounds') o.rounds = Math.floor(v);
		else if (arg === '--dashboard-seconds') o.seconds = v;
		else if (arg === '--dashboard-systems') o.systems = Math.floor(v);
		else throw new Error(`unknown dashboard option ${arg}`);
	}
	return o;
}

const ms = (n) => (n >= 100 ? int(n) : n.toFixed(1));

export async function runDashboardBenchmark(options, app) {
	const startedAt = new Date();
	const baselineApp = await buildBaseline();
	console.log('Database');
	const { file, meta } = await prepareDatabase(options.systems, app.migrations);
	await ensureBenchUser(app, file);
	const dbEnv = { DATABASE_URL: pathToFileURL(file).href };
	const appServer = await startServer('dashboard-app', {
		...app,
		env: { ...APP_ENV, ...dbEnv, SEED_DEMO: 'false', MIGRATIONS_DIR: app.migrations },
		nodeArgs: APP_NODE_FLAGS
	});
	const baselineServer = await startServer('dashboard-baseline', { ...baselineApp, env: dbEnv });
	try {
		const targets = [
			{
				label: 'Bare SvelteKit page, 50 rows',
				url: `${baselineServer.origin}/`,
				marker: 'data-testid="baseline-table"',
				headers: {}
			},
			{
				label: 'Dashboard `/`',
				url: `${appServer.origin}/`,
				marker: 'data-testid="continuity-risks"',
				headers: await signIn(appServer)
			}
		];
		for (const t of targets) {
			const page = await checkPage(t.url, t.marker, t.headers);
			t.bytes = page.html.length;
			console.log(`  ${t.url}: 200, ${page.rows} table rows, ${(t.bytes / 1000).toFixed(1)} kB`);
		}
		const run = async (t, seconds) => {
			await waitForIdle(appServer);
			await waitForIdle(baselineServer);
			const r = await measure(t.url, { duration: seconds, connections: 1, headers: t.headers });
			assertRunning(appServer);
			assertRunning(baselineServer);
			return r;
		};
		console.log('Warming up');
		for (const t of targets) await run(t, 1);
		const samples = new Map(targets.map((t) => [t, []]));
		for (let round = 0; round < options.rounds; round++) {
			const order = round % 2 ? [...targets].reverse() : targets;
			const line = [];
			for (const t of order) {
				const r = await run(t, options.seconds);
				samples.get(t).push({
					p50: r.latency.p50,
					p99: r.latency.p99,
					requests: r.requests.total,
					bad: r.non2xx + r.errors
				});
				line.push(`${t.label}: p50 ${r.latency.p50} ms (${r.requests.total} requests)`);
			}
			console.log(`  round ${round + 1}: ${line.join('; ')}`);
		}
		const [bare, dash] = targets.map((t) => samples.get(t));
		const ratios = dash.map((d, i) => d.p50 / Math.max(0.1, bare[i].p50));
		const p50 = (s) => median(s.map((x) => x.p50));
		const ratio = p50(dash) / Math.max(0.1, p50(bare));
		const rows = targets.map((t) => {
			const s = samples.get(t);
			const isDash = t === targets[1];
			return `| ${t.label} | ${ms(p50(s))} | ${ms(median(s.map((x) => x.p99)))} | ${isDash ? `**${ratio.toFixed(2)}×**` : '1×'} | ${isDash ? `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}` : ''} | ${int(s.reduce((n, x) => n + x.requests, 0))} | ${s.reduce((n, x) => n + x.bad, 0) || ''} | ${(t.bytes / 1000).toFixed(1)} |`;
		});
		const report = [
			`Run ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC; ${options.rounds} interleaved rounds of ${options.seconds} s per page, one request at a time. Data: ${int(meta.systems ?? options.systems)} systems in one organisation (${rel(file)}).`,
			'',
			'| Page | p50 ms | p99 ms | vs bare page | Per round | Requests | Errors | Page kB |',
			'|---|---:|---:|---:|---:|---:|---:|---:|',
			...rows,
			'',
			`**Target: the dashboard at most ${TARGET}× one bare page read: ${ratio <= TARGET ? 'met' : 'not met'}** (${ratio.toFixed(2)}×).`
		].join('\n');
		console.log(`\n${report}\n`);
		const out = join(RESULTS, 'dashboard-latest.md');
		writeFileSync(out, `${report}\n`);
		console.log(`Written to ${rel(out)}`);
	} finally {
		await stopServer(appServer);
		await stopServer(baselineServer);
	}
}
