/**
 * The roll-ups benchmark (`npm run bench -- --only rollups`): /rollups over 100,000 systems and
 * 1,000,000 cost lines, against a bare SvelteKit page running one `SELECT SUM(amount_pence)` over
 * the cost table, measured in the same run, interleaved.
 *
 * 1. Takes the generated 100,000-system portfolio (bench/generate.js) and copies it, then adds the
 *    cost lines (bench/lib/cost-lines.js) and fills the pre-aggregated totals with the app's own
 *    rebuild command (`npm run costs:rebuild`), timed.
 * 2. Changes some hundreds of lines through the app's cost-line service (bench/rollups-keep.ts), the
 *    path that keeps the totals, then runs the rebuild again: it must find no difference.
 * 3. Serves the app and the baseline on 127.0.0.1, checks both pages, then loads each one request
 *    at a time in interleaved rounds. With one request at a time, a request's latency is an upper
 *    bound on how long it held the event loop.
 *
 * Never fails on timing; exits non-zero when something is broken (a page is not the page meant,
 * the rebuilt totals differ from the kept ones).
 */
import { copyFileSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildBaseline, prepareDatabase } from './lib/builds.js';
import { addCostLines, COST_LINES_VERSION } from './lib/cost-lines.js';
import { serveFileWithSqld } from './lib/sqld-copy.js';
import { addPlanFigures, PLAN_FIGURES_VERSION } from './lib/plan-figures.js';
import { loopMonitorFor } from './lib/event-loop.js';
import { median } from './lib/pages.js';
import { RESULTS, rel } from './lib/paths.js';
import { checkPage, loadSequentially, percentile, runScript, timed } from './lib/sequential.js';
import { APP_ENV, APP_NODE_FLAGS, startServer, stopServer, waitForIdle } from './lib/processes.js';
import { ensureBenchUser, signIn } from './lib/session.js';
import { int } from './lib/report.js';

export const ROLLUPS_OPTIONS = { '--lines': true, '--engine': true };

/** Other pages measured at the same size (not against a baseline): each reads the whole portfolio. */
const OTHER_PAGES = ['/', '/timeline', '/workstreams', '/rollups.csv?table=continuity'];

export function parseRollupsOptions(args) {
	const o = { lines: 1_000_000, rounds: 3, duration: 5, engine: 'file' };
	for (let i = 0; i < args.length; i++) {
		if (args[i] === '--engine') o.engine = args[++i] === 'sqld' ? 'sqld' : 'file';
		else if (args[i] === '--lines')
			o.lines = Math.max(1_000, Math.min(5_000_000, Math.floor(Number(args[++i]) || 0)));
		else if (args[i] === '--quick') Object.assign(o, { rounds: 2, duration: 2 });
	}
	return o;
}

export async function runRollupsBenchmark(options, app) {
	const startedAt = new Date();
	const baselineApp = await buildBaseline();
	console.log('Database');
	const { file: portfolio } = await prepareDatabase(100_000, app.migrations);
	const file = join(RESULTS, `rollups-${options.lines / 1000}k.db`);
	for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
	copyFileSync(portfolio, file);
	const env = { DATABASE_URL: pathToFileURL(file).href };
	const generated = await timed(() =>
		addCostLines(file, { count: options.lines, log: (line) => console.log(`  ${line}`) })
	);
	console.log(
		`  ${int(options.lines)} cost lines (v${COST_LINES_VERSION}) in ${generated.seconds.toFixed(1)} s`
	);
	const plan = await addPlanFigures(file);
	console.log(
		`  ${int(plan.milestones)} milestones and ${int(plan.outage)} systems' outage figures (v${PLAN_FIGURES_VERSION})`
	);

	console.log('Filling the totals with the app’s rebuild command');
	const fill = await timed(() => runScript('src/lib/server/cli/costs.ts', ['--org', '1'], env));
	if (fill.result.code !== 1)
		throw new Error(
			`the first rebuild should report the empty totals as differences (exit 1), got ${fill.result.code}:\n${fill.result.output.slice(-2000)}`
		);
	console.log(`  filled in ${fill.seconds.toFixed(1)} s`);
	const keep = await timed(() => runScript('bench/rollups-keep.ts', ['600'], env));
	if (keep.result.code !== 0)
		throw new Error(
			`changing lines through the service failed:\n${keep.result.output.slice(-2000)}`
		);
	const kept = JSON.parse(keep.result.output.trim().split('\n').pop());
	console.log(
		`  through the service: ${kept.created} created, ${kept.updated} updated, ${kept.archived} archived in ${keep.seconds.toFixed(1)} s`
	);
	const check = await timed(() => runScript('src/lib/server/cli/costs.ts', ['--org', '1'], env));
	const rebuildMatches = check.result.code === 0;
	console.log(
		`  rebuild after those changes: ${rebuildMatches ? 'kept totals equal the recount' : 'DIFFERENCES'} (${check.seconds.toFixed(1)} s)`
	);

	await ensureBenchUser(app, file);
	// On sqld, a fresh server serves a copy of the same file (the totals filled, the user added).
	const server = options.engine === 'sqld' ? await serveFileWithSqld(file, 'rollups') : null;
	if (server) Object.assign(env, server.env);
	const monitor = loopMonitorFor('rollups-app');
	const appServer = await startServer('rollups-app', {
		...app,
		env: { ...APP_ENV, ...env, SEED_DEMO: 'false', MIGRATIONS_DIR: app.migrations, ...monitor.env },
		nodeArgs: [...APP_NODE_FLAGS, ...monitor.nodeArgs]
	});
	const baselineServer = await startServer('rollups-baseline', { ...baselineApp, env });
	const results = [];
	const others = [];
	try {
		const headers = await signIn(appServer);
		const targets = [
			{
				label: 'Baseline: bare page, one `SELECT SUM(amount_pence)` over cost_line',
				url: `${baselineServer.origin}/sum`,
				headers: {},
				marker: 'data-testid="baseline-sum"'
			},
			{ label: '`/rollups`', url: `${appServer.origin}/rollups`, headers, marker: '<h1' }
		];
		for (const t of targets) {
			await checkPage(t.url, t.marker, t.headers);
			t.rounds = [];
		}
		for (let round = 0; round < options.rounds; round++) {
			for (const t of targets) {
				const isApp = t !== targets[0];
				if (isApp) await monitor.read(appServer); // start afresh
				const latencies = await loadSequentially(t.url, t.headers, options.duration);
				if (isApp) (t.loops ??= []).push(await monitor.read(appServer));
				t.rounds.push(latencies);
				await waitForIdle(t === targets[0] ? baselineServer : appServer);
				console.log(
					`  round ${round + 1} ${t.label}: p50 ${median(latencies).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms, ${latencies.length} requests`
				);
			}
		}
		// The other pages that read the whole portfolio, at the same size: a few loads each, one at a time.
		for (const path of OTHER_PAGES) {
			await waitForIdle(appServer);
			await monitor.read(appServer);
			const latencies = await loadSequentially(`${appServer.origin}${path}`, headers, 0);
			others.push({
				path,
				median: median(latencies),
				max: Math.max(...latencies),
				loopMax: (await monitor.read(appServer)).maxMs
			});
			console.log(
				`  ${path}: median ${median(latencies).toFixed(0)} ms, event loop held at most ${others.at(-1).loopMax.toFixed(0)} ms`
			);
		}
		for (const t of targets) {
			const all = t.rounds.flat();
			results.push({
				label: t.label,
				p50: median(t.rounds.map((r) => median(r))),
				p99: percentile(all, 0.99),
				max: Math.max(...all),
				requests: all.length,
				errors: 0,
				loop: t.loops && {
					maxMs: Math.max(...t.loops.map((l) => l.maxMs)),
					p99Ms: Math.max(...t.loops.map((l) => l.p99Ms))
				}
			});
		}
	} finally {
		await stopServer(appServer);
		await stopServer(baselineServer);
		await server?.stop();
	}
	const [baseline, rollups] = results;
	const ratio = rollups.p50 / baseline.p50;
	const otherLoopMax = Math.max(0, ...others.map((o) => o.loopMax));
	const rows = results.map(
		(r) =>
			`| ${r.label} | ${r.p50.toFixed(1)} | ${r === baseline ? '1.0×' : `**${ratio.toFixed(2)}×**`} | ${r.p99.toFixed(1)} | ${r.max.toFixed(1)} | ${int(r.requests)} | ${r.errors || ''} | ${r.loop ? `${r.loop.p99Ms.toFixed(1)} | ${r.loop.maxMs.toFixed(1)}` : ' | '} |`
	);
	const report = [
		`### Roll-ups over 1,000,000 cost lines, ${options.engine === 'sqld' ? 'on sqld' : 'on the embedded file'}`,
		'',
		`Run ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, Node ${process.version}; app source ${app.source}. Data: the 100,000-system portfolio plus ${int(options.lines)} cost lines (bench/lib/cost-lines.js v${COST_LINES_VERSION}, written in ${generated.seconds.toFixed(1)} s), ${int(plan.milestones)} milestones (every workstream's phases, and a decommission milestone for a quarter of the systems being switched off) and outage figures for ${int(plan.outage)} systems (bench/lib/plan-figures.js v${PLAN_FIGURES_VERSION}). One request at a time, ${options.rounds} interleaved rounds of ${options.duration} s (at least 3 requests) per page; p50 is the median of the rounds' medians. Meanwhile node's event-loop delay histogram, preloaded into the app's server by the benchmark (bench/lib/loop-monitor.cjs, sampled every 5 ms), records how long the event loop is held; the worst round's 99th percentile and maximum are shown.`,
		'',
		'| Page | p50 ms | vs baseline | p99 ms | max ms | Requests | Errors | Event loop held, p99 ms | Event loop held, max ms |',
		'|---|---:|---:|---:|---:|---:|---:|---:|---:|',
		...rows,
		'',
		`**Targets.** /rollups at most 2× the bare SUM: ${ratio.toFixed(2)}×, **${ratio <= 2 ? 'met' : 'not met'}**. No request holds the event loop over 100 ms: while /rollups was loaded the event loop was held for at most ${rollups.loop.maxMs.toFixed(0)} ms, and while the other pages below were, at most ${otherLoopMax.toFixed(0)} ms: **${rollups.loop.maxMs <= 100 && otherLoopMax <= 100 ? 'met' : 'not met'}** (the slowest /rollups request took ${rollups.max.toFixed(0)} ms end to end). Rebuilt totals equal the kept totals after ${kept.created + kept.updated + kept.archived} changes through the service: **${rebuildMatches ? 'yes' : 'NO'}**. Filling the totals from scratch with \`npm run costs:rebuild\` took ${fill.seconds.toFixed(1)} s.`,
		'',
		'Other pages at the same size (3 loads each, one at a time; no baseline):',
		'',
		'| Page | median ms | max ms | Event loop held, max ms |',
		'|---|---:|---:|---:|',
		...others.map(
			(o) =>
				`| \`${o.path}\` | ${o.median.toFixed(0)} | ${o.max.toFixed(0)} | ${o.loopMax.toFixed(0)}${o.loopMax > 100 ? ' (over 100 ms)' : ''} |`
		)
	].join('\n');
	const latest = join(
		RESULTS,
		options.engine === 'sqld' ? 'rollups-latest-sqld.md' : 'rollups-latest.md'
	);
	writeFileSync(latest, `${report}\n`);
	console.log(`\n${report}\n\nWritten to ${rel(latest)}`);
	if (!existsSync(file)) throw new Error('database vanished');
	return rebuildMatches && results.every((r) => r.errors === 0)
		? []
		: ['rebuild or requests failed'];
}
