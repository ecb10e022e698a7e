/**
 * The recharges benchmark (`npm run bench -- --only recharges`): a shared service of 10 partners
 * with 1,000,000 cost lines, its pages against a bare SvelteKit page running one
 * `SELECT SUM(amount_pence)` over the cost table, in the same run, interleaved (issue 17, Speed).
 *
 * 1. Builds the database once and keeps it (bench/results/recharges-*.db, reused while the
 *    portfolio, the generators, the re-derivation statement and the migrations are unchanged): the
 *    generated portfolio (bench/generate.js, --recharge-systems systems), the cost lines
 *    (bench/lib/cost-lines.js), then bench/recharges-setup.ts: 10 partners with cost centres, keys
 *    at every level for every year, the cost totals, recharges and their totals in SQL, statements
 *    and ledger extracts; then `npm run costs:rebuild`, which must find nothing to repair.
 * 2. Serves a copy (a key is saved below) and the baseline; checks each page, then loads each one
 *    request at a time in interleaved rounds, with node's event-loop delay histogram in the app.
 * 3. Saves the default key of the year through the page's own form, as an officer would, timing the
 *    save (the year's recharges worked out again) and the event loop meanwhile, while another
 *    request is made again and again to show it is answered during the save.
 * 4. Times the cost-by-partner query against the bare SUM in one process (bench/recharges-query.ts).
 *
 * Never fails on timing; exits non-zero when something is broken.
 */
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createClient } from '@libsql/client';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildBaseline, prepareDatabase } from './lib/builds.js';
import { addCostLines, COST_LINES_VERSION } from './lib/cost-lines.js';
import { loopMonitorFor } from './lib/event-loop.js';
import { readForm } from './lib/forms.js';
import { median } from './lib/pages.js';
import { RESULTS, rel } from './lib/paths.js';
import { APP_ENV, APP_NODE_FLAGS, startServer, stopServer, waitForIdle } from './lib/processes.js';
import { int } from './lib/report.js';
import { checkPage, loadSequentially, percentile, runScript, timed } from './lib/sequential.js';
import { BENCH_EDITOR, BENCH_USER, ensureBenchUser, signIn } from './lib/session.js';

export const RECHARGES_OPTIONS = { '--recharge-lines': true, '--recharge-systems': true };

/** Bump when bench/recharges-setup.ts changes what it writes. */
const SETUP_VERSION = 4;
const YEAR = '2026/27';
const PARTNER_USER = {
	email: 'bench-partner@partner-council-1.gov.uk',
	password: 'bench-only partner password, never deployed 5c02b7'
};

/**
 * The pages measured against the bare SUM. `user`: who reads it (the service's officer, or a user
 * of the first partner). The statement pages are requested by URL only: their marker is the prefix
 * of both `statement-total` (a whole statement on one page) and `statement-totals` (totals and a
 * page of lines), so the benchmark runs against either.
 */
const PAGES = [
	{
		label: '`/recharges` (the service’s page: totals, keys, cost centres)',
		path: () => `/recharges?year=${encodeURIComponent(YEAR)}`,
		user: 'officer',
		marker: 'data-testid="partner-totals"'
	},
	{
		label: '`/recharges?partner=…` (one partner’s lines, first page)',
		path: (c) => `/recharges?year=${encodeURIComponent(YEAR)}&partner=${c.partners[0]}`,
		user: 'officer',
		marker: 'data-testid="recharge-lines"'
	},
	{
		label: '`/recharges?partner=…&page=1000` (a deep page of its lines)',
		path: (c) => `/recharges?year=${encodeURIComponent(YEAR)}&partner=${c.partners[0]}&page=1000`,
		user: 'officer',
		marker: 'data-testid="recharge-lines"'
	},
	{
		label: '`/recharges/shared/[id]` (the partner’s page)',
		path: () => `/recharges/shared/1?year=${encodeURIComponent(YEAR)}`,
		user: 'partner',
		marker: 'data-testid="recharge-lines"'
	},
	{
		label: '`/rollups` (with cost by partner per year)',
		path: () => '/rollups',
		user: 'officer',
		marker: 'id="cost-by-partner"'
	},
	{
		label: 'A draft statement (a whole year; the officer)',
		path: (c) => `/recharges/statements/${c.statementIds[1]}`,
		user: 'officer',
		marker: 'data-testid="statement-total'
	},
	{
		label: 'A draft statement of a partner with 2 years already stated (the officer)',
		path: (c) => `/recharges/statements/${c.statementIds[2]}`,
		user: 'officer',
		marker: 'data-testid="statement-total'
	},
	{
		label: 'An issued statement (a whole year, frozen; the partner)',
		path: (c) => `/recharges/statements/${c.statementIds[0]}`,
		user: 'partner',
		marker: 'data-testid="statement-total'
	},
	{
		label: '`/recharges/reconciliation` (the officers’ list: every partner’s status)',
		path: () => '/recharges/reconciliation',
		user: 'officer',
		marker: 'data-testid="partner-statuses"'
	},
	{
		label:
			'`/recharges/reconciliation?partner=…` (partner 3 in full: a year of recharges, a difference)',
		path: (c) => `/recharges/reconciliation?partner=${c.partners[2]}`,
		user: 'officer',
		marker: 'data-testid="reconciliation"'
	},
	{
		label:
			'`/recharges/reconciliation/shared/[id]` (the partner’s own, against its issued statement)',
		path: () => '/recharges/reconciliation/shared/1',
		user: 'partner',
		marker: 'data-testid="reconciliation"'
	}
];

export function parseRechargesOptions(args) {
	const o = { lines: 1_000_000, systems: 1_000, rounds: 3, duration: 5, queryRounds: 15 };
	for (let i = 0; i < args.length; i++) {
		if (args[i] === '--recharge-lines')
			o.lines = Math.max(1_000, Math.min(5_000_000, Math.floor(Number(args[++i]) || 0)));
		else if (args[i] === '--recharge-systems')
			o.systems = Math.max(1_000, Math.min(100_000, Math.floor(Number(args[++i]) || 0)));
		else if (args[i] === '--quick') Object.assign(o, { rounds: 2, duration: 2, queryRounds: 7 });
	}
	return o;
}

const lastJson = (output) =>
	JSON.parse(
		output
			.trim()
			.split('\n')
			.filter((l) => l.startsWith('{'))
			.pop()
	);

/** The shared-service database, built once and reused while what it is made from is unchanged. */
async function prepareRechargesDatabase(options, app) {
	const { file: portfolio, meta: portfolioMeta } = await prepareDatabase(
		options.systems,
		app.migrations
	);
	const cached = join(RESULTS, `recharges-${options.lines / 1000}k-${options.systems / 1000}k.db`);
	const key = createHash('sha256')
		.update(
			JSON.stringify([
				portfolioMeta.key,
				COST_LINES_VERSION,
				SETUP_VERSION,
				options.lines,
				// The setup, and the app's own code that works the recharges out.
				...['./recharges-setup.ts', '../src/lib/server/repos/recharge-derive.ts'].map((f) =>
					readFileSync(new URL(f, import.meta.url), 'utf8')
				)
			])
		)
		.digest('hex');
	const metaFile = `${cached}.json`;
	if (existsSync(cached) && existsSync(metaFile)) {
		const meta = JSON.parse(readFileSync(metaFile, 'utf8'));
		if (meta.key === key) {
			console.log(`  reusing ${rel(cached)} (built ${meta.builtAt})`);
			return { cached, meta };
		}
	}
	for (const suffix of ['', '-wal', '-shm']) rmSync(`${cached}${suffix}`, { force: true });
	copyFileSync(portfolio, cached);
	const env = { DATABASE_URL: pathToFileURL(cached).href };
	const generated = await timed(() =>
		addCostLines(cached, { count: options.lines, log: (line) => console.log(`  ${line}`) })
	);
	console.log(`  ${int(options.lines)} cost lines in ${generated.seconds.toFixed(1)} s`);
	const setup = await timed(() =>
		runScript('bench/recharges-setup.ts', [PARTNER_USER.email, PARTNER_USER.password], env)
	);
	if (setup.result.code !== 0)
		throw new Error(`setting up the shared service failed:\n${setup.result.output.slice(-2000)}`);
	const made = lastJson(setup.result.output);
	console.log(
		`  10 partners, ${made.keyCount} keys, ${int(made.shares)} recharges of ${int(made.lines)} lines in ${setup.seconds.toFixed(1)} s (${Object.entries(
			made.seconds
		)
			.map(([k, s]) => `${k} ${s.toFixed(0)} s`)
			.join(', ')})`
	);
	// The check: the app's own rebuild works every cost total, recharge and recharge total out
	// again from scratch (the domain's split, line by line) and must find nothing to repair.
	const check = await timed(() => runScript('src/lib/server/cli/costs.ts', ['--org', '1'], env));
	if (check.result.code !== 0)
		throw new Error(
			`costs:rebuild found the generated data wrong (exit ${check.result.code}):\n${check.result.output.slice(-3000)}`
		);
	console.log(`  checked by costs:rebuild (nothing to repair) in ${check.seconds.toFixed(1)} s`);
	await ensureBenchUser(app, cached);
	await ensureBenchUser(app, cached, BENCH_EDITOR);
	// Everything into the database file itself: each run copies that file alone.
	const client = createClient({ url: pathToFileURL(cached).href });
	await client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
	client.close();
	const meta = {
		key,
		builtAt: new Date().toISOString(),
		lines: options.lines,
		systems: options.systems,
		generatedSeconds: generated.seconds,
		checkSeconds: check.seconds,
		...made
	};
	writeFileSync(metaFile, JSON.stringify(meta, null, '\t'));
	return { cached, meta };
}

/** Saves the year's default key through the page's form with one partner's value changed. */
async function saveDefaultKey(appServer, editor, partner, monitor) {
	const origin = appServer.origin;
	const headers = editor;
	const html = await checkPage(
		`${origin}/recharges?year=${encodeURIComponent(YEAR)}`,
		'data-testid="keys"',
		headers
	);
	const keyId = [...html.matchAll(/[?;&]key=(\d+)#key-form/g)].map((m) => Number(m[1]))[0];
	if (!keyId) throw new Error('no key to change on /recharges');
	const formPage = await checkPage(
		`${origin}/recharges?year=${encodeURIComponent(YEAR)}&key=${keyId}`,
		'data-testid="key-form"',
		headers
	);
	const form = readForm(formPage, (f) => f.includes('data-testid="key-form"'));
	const first = [...form.fields.keys()].find((k) => k.startsWith('value-'));
	if (form.fields.get('appliesTo') !== 'service:0' && form.fields.get('appliesTo'))
		console.warn(`  the first key is for ${form.fields.get('appliesTo')}, not the service`);
	form.fields.set(first, String(Number(form.fields.get(first).replaceAll(',', '')) + 1));
	await waitForIdle(appServer);
	await monitor.read(appServer); // start afresh
	// Meanwhile: another request again and again, to show the app answers during the save.
	let saving = true;
	const others = [];
	const probe = (async () => {
		while (saving) {
			const started = performance.now();
			const r = await fetch(`${origin}/recharges/shared/1?year=2025%2F26`, {
				headers: partner,
				signal: AbortSignal.timeout(120_000)
			});
			await r.arrayBuffer();
			others.push(performance.now() - started);
		}
		// A failed save (say the server went away) is reported by the save itself: the probe stops
		// quietly, so the page table measured before is still written.
	})().catch(() => {});
	const save = await timed(() =>
		fetch(new URL(form.action || '?/saveKey', `${origin}/recharges?year=${YEAR}`), {
			method: 'POST',
			redirect: 'manual',
			headers: {
				...headers,
				origin,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: form.fields,
			signal: AbortSignal.timeout(600_000)
		})
	);
	saving = false;
	await probe;
	const loop = await monitor.read(appServer);
	const status = save.result.status;
	await save.result.arrayBuffer();
	if (status !== 303) throw new Error(`saving the key answered ${status}, not 303`);
	return { seconds: save.seconds, loop, others };
}

export async function runRechargesBenchmark(options, app) {
	const startedAt = new Date();
	const baselineApp = await buildBaseline();
	console.log('Database');
	const { cached, meta } = await prepareRechargesDatabase(options, app);
	const file = join(RESULTS, 'recharges-run.db');
	for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
	copyFileSync(cached, file);
	const env = { DATABASE_URL: pathToFileURL(file).href };
	const monitor = loopMonitorFor('recharges-app');
	const appServer = await startServer('recharges-app', {
		...app,
		env: { ...APP_ENV, ...env, SEED_DEMO: 'false', MIGRATIONS_DIR: app.migrations, ...monitor.env },
		nodeArgs: [...APP_NODE_FLAGS, ...monitor.nodeArgs]
	});
	const baselineServer = await startServer('recharges-baseline', { ...baselineApp, env });
	const results = [];
	let save;
	try {
		const officer = await signIn(appServer, BENCH_USER);
		const partner = await signIn(appServer, PARTNER_USER);
		const editor = await signIn(appServer, BENCH_EDITOR);
		const targets = [
			{
				label: 'Baseline: bare page, one `SELECT SUM(amount_pence)` over cost_line',
				url: `${baselineServer.origin}/sum`,
				headers: {},
				marker: 'data-testid="baseline-sum"'
			},
			...PAGES.map((p) => ({
				label: p.label,
				url: `${appServer.origin}${p.path(meta)}`,
				headers: p.user === 'partner' ? partner : officer,
				marker: p.marker
			}))
		];
		for (const t of targets) {
			const html = await checkPage(t.url, t.marker, t.headers);
			t.bytes = html.length;
			t.rounds = [];
			t.loops = [];
		}
		console.log(
			`Measuring: ${options.rounds} rounds × ${targets.length} pages × ${options.duration} s, one request at a time`
		);
		for (let round = 0; round < options.rounds; round++) {
			const order = [
				targets[0],
				...targets.slice(1).slice(round % (targets.length - 1)),
				...targets.slice(1, 1 + (round % (targets.length - 1)))
			];
			for (const t of order) {
				const isApp = t !== targets[0];
				await waitForIdle(isApp ? appServer : baselineServer);
				if (isApp) await monitor.read(appServer);
				const latencies = await loadSequentially(t.url, t.headers, options.duration);
				if (isApp) t.loops.push(await monitor.read(appServer));
				t.rounds.push(latencies);
				console.log(
					`  round ${round + 1} ${t.label.slice(0, 50)}: p50 ${median(latencies).toFixed(1)} ms, ${latencies.length} requests`
				);
			}
		}
		for (const t of targets) {
			const all = t.rounds.flat();
			results.push({
				label: t.label,
				bytes: t.bytes,
				p50: median(t.rounds.map((r) => median(r))),
				roundP50: t.rounds.map((r) => median(r)),
				p99: percentile(all, 0.99),
				max: Math.max(...all),
				requests: all.length,
				loopMax: t.loops.length ? Math.max(...t.loops.map((l) => l.maxMs)) : null
			});
		}
		console.log('Saving the default key of the year through its form');
		save = await saveDefaultKey(appServer, editor, partner, monitor).catch((error) => {
			console.error(`  the key save failed: ${error.message}`);
			return null;
		});
		if (save)
			console.log(
				`  saved in ${save.seconds.toFixed(1)} s; event loop held at most ${save.loop.maxMs.toFixed(0)} ms; ${save.others.length} other requests answered meanwhile`
			);
	} finally {
		await stopServer(appServer);
		await stopServer(baselineServer);
	}
	console.log('The cost-by-partner query against the bare SUM, in one process');
	const query = await runScript('bench/recharges-query.ts', [String(options.queryRounds)], env);
	if (query.code !== 0) throw new Error(`the query timing failed:\n${query.output.slice(-2000)}`);
	const q = lastJson(query.output);
	const qRatios = q.partnerMs.map((ms, i) => ms / q.sumMs[i]);

	const [baseline, ...pages] = results;
	// Each round's ratio to the baseline's median in the same round; the median of those.
	const ratioOf = (r) => median(r.roundP50.map((p, i) => p / baseline.roundP50[i]));
	const loopWorst = Math.max(...pages.map((p) => p.loopMax), save?.loop.maxMs ?? 0);
	const report = [
		`### Recharges at ${int(meta.lines)} cost lines`,
		'',
		`Run ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, Node ${process.version}; app source ${app.source}; load average at the start ${(
			await import('node:os')
		)
			.loadavg()
			.map((l) => l.toFixed(1))
			.join(
				', '
			)}. Data: a portfolio of ${int(meta.systems)} systems (bench/generate.js) with ${int(meta.lines)} cost lines (bench/lib/cost-lines.js v${COST_LINES_VERSION}) over ${meta.years.length} years, made a shared service of 10 partners with ${meta.keyCount} keys (each year: a users driver as the default, fixed keys for 3 workstreams, 50 systems and 20 cost lines, shares charged to each partner's 2 cost centres; ledger extracts for 3 partners; bench/recharges-setup.ts v${SETUP_VERSION}, built in SQL in ${(meta.seconds ? Object.values(meta.seconds).reduce((a, b) => a + b, 0) : 0).toFixed(0)} s and checked by \`npm run costs:rebuild\` in ${(meta.checkSeconds ?? 0).toFixed(0)} s): ${int(meta.shares)} recharges. One request at a time, ${options.rounds} interleaved rounds of ${options.duration} s per page; p50 is the median of the rounds' medians, and the ratio the median of each round's ratio to the baseline's. The event loop: node's delay histogram in the app's server (bench/lib/loop-monitor.cjs), worst round.`,
		'',
		'| Page | p50 ms | vs bare SUM | p99 ms | max ms | Requests | HTML kB | Event loop held, max ms |',
		'|---|---:|---:|---:|---:|---:|---:|---:|',
		...results.map(
			(r) =>
				`| ${r.label} | ${r.p50.toFixed(1)} | ${r === baseline ? '1.0×' : `**${ratioOf(r).toFixed(2)}×**`} | ${r.p99.toFixed(1)} | ${r.max.toFixed(1)} | ${int(r.requests)} | ${(r.bytes / 1024).toFixed(0)} | ${r.loopMax == null ? '' : r.loopMax.toFixed(0)} |`
		),
		'',
		`**The cost-by-partner roll-up query** (repos/recharges \`totalsByPartnerYear\`, ${q.rows} rows from \`recharge_total\`) against the bare \`SELECT SUM(amount_pence) FROM cost_line\`, one process, ${q.sumMs.length} interleaved rounds: median ${median(q.partnerMs).toFixed(2)} ms against ${median(q.sumMs).toFixed(1)} ms, **${median(qRatios).toFixed(3)}×**.`,
		'',
		save == null
			? '**A key change**: the save through the form FAILED (see the log above); not measured.'
			: `**A key change**: the ${YEAR} default key saved through its form, working out that year's ${int(Math.round(meta.shares / meta.years.length))} or so recharges again in its transaction: ${save.seconds.toFixed(1)} s; the event loop was held at most ${save.loop.maxMs.toFixed(0)} ms meanwhile by the wall clock (99th percentile ${save.loop.p99Ms.toFixed(0)} ms; ${save.loop.wallOver100} gaps over 100 ms), the most CPU the server used between two ticks ${save.loop.maxCpuMs.toFixed(0)} ms (${save.loop.cpuOver100} over 100 ms; every thread counts, the key save's worker included), its main thread's ${save.loop.maxMainCpuMs ?? '?'} ms (${save.loop.mainCpuOver100 ?? '?'} over 100 ms; 10 ms ticks), and ${save.others.length} requests for another page were answered during the save (slowest ${Math.max(0, ...save.others).toFixed(0)} ms). Building the data: ${Object.entries(
					meta.seconds
				)
					.map(([k, s]) => `${k} ${s.toFixed(0)} s`)
					.join(', ')}.`,
		'',
		`**Targets.** Every page at most 2× the bare SUM: ${pages.every((p) => ratioOf(p) <= 2) ? '**met**' : '**not met**'} (worst ${Math.max(...pages.map(ratioOf)).toFixed(2)}×). No request holds the event loop over 100 ms: ${loopWorst <= 100 ? '**met**' : '**not met**'} (at most ${loopWorst.toFixed(0)} ms, the key save included).`
	].join('\n');
	const latest = join(RESULTS, 'recharges-latest.md');
	writeFileSync(latest, `${report}\n`);
	console.log(`\n${report}\n\nWritten to ${rel(latest)}`);
	return [];
}
