/**
 * The hostile-uploads benchmark (`npm run bench -- --only hostile`; issue 12, 'Speed'): while 20
 * signed-in sessions read pages, an editor uploads the files that once took the service down, on
 * both import routes, and opens the preview of one such file stored before the limits existed.
 * Against a baseline phase of the same readers with no uploads, in the same run, interleaved.
 *
 * 1. Copies the generated 1,000-system portfolio (a large council's inventory) (bench/generate.js), adds a viewer and an editor
 *    with the app's own user command, and stores a 1,000,000-column upload straight into the
 *    database, as an upload kept before the limits would be.
 * 2. Serves the built app with the event-loop monitor preloaded (bench/lib/loop-monitor.cjs).
 * 3. Each round: a baseline phase (the readers alone, as long as the last hostile phase took, at
 *    least 10 s), then a hostile phase (the readers, while every hostile file is uploaded to
 *    /import and /costs/import and the stored upload's previews are opened), then the same uploads
 *    with no readers, whose longest event-loop hold is the uploads' own. Each phase records
 *    the readers' latencies, the server's peak RSS (the whole process: the upload-check worker
 *    threads included) and the event loop's longest hold, and the machine's load average.
 *
 * Prints figures and never fails on timing; it exits non-zero only when something is broken: a
 * hostile file is accepted, a refusal does not name its limit, a reader gets an error, the server dies.
 */
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createClient } from '@libsql/client';
import { prepareDatabase } from './lib/builds.js';
import { loopMonitorFor } from './lib/event-loop.js';
import { readMemory, sampleMemory } from './lib/monitor.js';
import { median } from './lib/pages.js';
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
import { BENCH_EDITOR, BENCH_USER, ensureBenchUser, signIn } from './lib/session.js';

export const HOSTILE_OPTIONS = {
	'--readers': true,
	'--hostile-rounds': true,
	'--upload-check-workers': true
};

export function parseHostileOptions(args) {
	// checkWorkers: the server's UPLOAD_CHECK_WORKERS (0: the checks run on its own thread, in slices).
	const o = {
		readers: 20,
		rounds: 3,
		systems: 1_000,
		thinkMs: 1_000,
		checkWorkers: availableParallelism() > 2 ? 2 : 1
	};
	for (let i = 0; i < args.length; i++) {
		if (args[i] === '--readers')
			o.readers = Math.max(1, Math.min(100, Math.floor(Number(args[++i]) || 0)));
		else if (args[i] === '--hostile-rounds')
			o.rounds = Math.max(1, Math.min(10, Math.floor(Number(args[++i]) || 0)));
		else if (args[i] === '--upload-check-workers')
			o.checkWorkers = Math.max(0, Math.min(8, Math.floor(Number(args[++i]) || 0)));
		else if (args[i] === '--quick') o.rounds = 1;
	}
	return o;
}

/** The pages the readers go round, each starting at a different one. */
const READ_PATHS = [
	'/systems',
	'/',
	'/workstreams',
	'/systems?sort=name&hosting=saas',
	'/systems?q=portal'
];

const enc = (s) => new TextEncoder().encode(s);
const columns = (n) => Array.from({ length: n }, (_, i) => `col${i}`).join(',');

/** The files of issue 12 and what each must be refused for. */
function hostileFiles() {
	return [
		{
			name: '1,000,000 columns',
			file: 'wide-1m.csv',
			bytes: enc(`${columns(1_000_000)}\nA\n`),
			expect: /more than 200 columns/
		},
		{
			name: '100,000 columns',
			file: 'wide-100k.csv',
			bytes: enc(`${columns(100_000)}\nA\n`),
			expect: /more than 200 columns/
		},
		{
			name: '19 MB, a quote never closed',
			file: 'unclosed.csv',
			bytes: enc(`Name,Notes\nCareFlow,"${'q'.repeat(19_000_000)}\nLedger,x\n`),
			expect: /quoted cell starting in row 2, column 2 is longer than 32,767/
		},
		{
			name: '20 MB in one cell',
			file: 'one-cell.csv',
			bytes: enc(`Name,Notes\nA,${'x'.repeat(20_000_000 - 13)}\n`),
			expect: /cell in row 2, column 2 is longer than 32,767/
		},
		{
			name: '250,000 rows',
			file: 'rows.csv',
			bytes: enc(`Name,Annual cost\n${'System name here,1200\n'.repeat(250_000)}`),
			expect: /more than 200,000 rows/
		}
	];
}

const decode = (text) =>
	text
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&amp;/g, '&')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>');
const textOf = (html) =>
	decode(html.replace(/<[^>]*>/g, ' '))
		.replace(/\s+/g, ' ')
		.trim();

/**
 * The multipart body a browser sends for the upload form, encoded once before any phase: encoding
 * 20 MB takes this process's own event loop for a while, which would otherwise delay the readers'
 * requests and timers in this same process and be charged to the server.
 */
async function encodeForm(file, bytes) {
	const form = new FormData();
	form.append('file', new File([bytes], file, { type: 'text/csv' }));
	const request = new Request('http://bench.invalid/', { method: 'POST', body: form });
	return {
		body: new Uint8Array(await request.arrayBuffer()),
		type: request.headers.get('content-type')
	};
}

/** Posts an encoded upload form as a browser without JavaScript would; the refusal's message, or null when it was kept. */
async function upload(origin, session, route, form) {
	const started = performance.now();
	const response = await fetch(`${origin}${route}?/upload`, {
		method: 'POST',
		headers: { ...session, origin, accept: 'text/html', 'content-type': form.type },
		body: form.body,
		redirect: 'manual',
		signal: AbortSignal.timeout(600_000)
	});
	const html = await response.text();
	const ms = performance.now() - started;
	const message = html.match(/<p id="file-error"[^>]*>([\s\S]*?)<\/p>/)?.[1];
	return {
		status: response.status,
		ms,
		message: message ? textOf(message).replace(/^Error:\s*/, '') : null,
		location: response.headers.get('location')
	};
}

/** Opens a preview page; the file problem it shows. */
async function preview(origin, session, path) {
	const started = performance.now();
	const response = await fetch(`${origin}${path}`, {
		headers: session,
		redirect: 'manual',
		signal: AbortSignal.timeout(600_000)
	});
	const html = await response.text();
	const ms = performance.now() - started;
	const problem = html.match(
		/<div class="govuk-error-summary__body"><p class="govuk-body"[^>]*>([\s\S]*?)<\/p>/
	)?.[1];
	return {
		status: response.status,
		ms,
		message: problem ? textOf(problem) : null,
		bytes: html.length
	};
}

/** `count` readers, each with its own session, loading pages one after another with `thinkMs` between, until stopped. */
function startReaders(origin, sessions, thinkMs) {
	const latencies = [];
	const byPath = new Map(READ_PATHS.map((p) => [p, []]));
	const failures = [];
	let stopped = false;
	const loops = sessions.map(async (session, reader) => {
		for (let i = reader; !stopped && i < reader + 100_000; i++) {
			const path = READ_PATHS[i % READ_PATHS.length];
			const started = performance.now();
			try {
				const response = await fetch(`${origin}${path}`, {
					headers: session,
					redirect: 'manual',
					signal: AbortSignal.timeout(120_000)
				});
				await response.arrayBuffer();
				if (response.status !== 200) failures.push(`${path} answered ${response.status}`);
			} catch (error) {
				failures.push(`${path}: ${error instanceof Error ? error.message : error}`);
			}
			latencies.push(performance.now() - started);
			byPath.get(path).push(performance.now() - started);
			if (!stopped) await new Promise((r) => setTimeout(r, thinkMs));
		}
	});
	return {
		async stop() {
			stopped = true;
			await Promise.all(loops);
			return { latencies, failures, byPath };
		}
	};
}

/**
 * CPU seconds used so far by the server's main thread (the one that answers requests) and by the
 * whole process (GC helpers, worker threads), from /proc: unlike latency, not moved by other work
 * on a shared machine. NaN where /proc is missing.
 */
function cpuSeconds(pid) {
	const ticks = (path) => {
		try {
			const fields = readFileSync(path, 'utf8').split(') ')[1].split(' ');
			return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in USER_HZ (100 on Linux)
		} catch {
			return NaN;
		}
	};
	return { main: ticks(`/proc/${pid}/task/${pid}/stat`), all: ticks(`/proc/${pid}/stat`) };
}

const percentile = (values, p) =>
	[...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];

/** Runs `work` while the readers read, watching memory and the event loop; the phase's figures. */
async function phase(server, sessions, options, work) {
	await waitForIdle(server);
	await server.monitor.read(server); // start afresh
	const memory = sampleMemory(server.child.pid);
	const cpuBefore = cpuSeconds(server.child.pid);
	const readers = startReaders(server.origin, sessions, options.thinkMs);
	const started = performance.now();
	let result, loads, sampled;
	try {
		result = await work();
	} finally {
		loads = await readers.stop();
		sampled = memory.stop();
	}
	assertRunning(server);
	const cpuAfter = cpuSeconds(server.child.pid);
	const cpu = { main: cpuAfter.main - cpuBefore.main, all: cpuAfter.all - cpuBefore.all };
	const loop = await server.monitor.read(server);
	const slowest = [...loads.byPath]
		.map(([path, l]) => `${path} ${l.length ? median(l).toFixed(0) : '-'}`)
		.join(', ');
	const some = (f) => (loads.latencies.length ? f(loads.latencies) : NaN);
	return {
		cpu,
		load: loadavg()[0],
		slowest,
		seconds: (performance.now() - started) / 1000,
		loads: loads.latencies.length,
		failures: loads.failures,
		p50: some(median),
		p99: some((l) => percentile(l, 0.99)),
		max: some((l) => Math.max(...l)),
		rss: sampled.maxRss,
		loopMax: loop.maxMs,
		result
	};
}

async function userId(file, email) {
	const client = createClient({ url: pathToFileURL(file).href });
	try {
		return Number(
			(await client.execute({ sql: 'SELECT id FROM app_user WHERE email = ?', args: [email] }))
				.rows[0].id
		);
	} finally {
		client.close();
	}
}

/** Stores an upload straight into the database, as one kept before the limits existed would be. */
async function storeOldUpload(file, editorId, bytes) {
	const client = createClient({ url: pathToFileURL(file).href });
	try {
		const result = await client.execute({
			sql: "INSERT INTO import_upload (organisation_id, user_id, file_name, sha256, bytes, created_at) VALUES (1, ?, 'kept-before-limits.csv', ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) RETURNING id",
			args: [editorId, '0'.repeat(64), bytes]
		});
		return Number(result.rows[0].id);
	} finally {
		client.close();
	}
}

export async function runHostileBenchmark(options, app) {
	const startedAt = new Date();
	const broken = [];
	console.log('Database');
	const { file: portfolio } = await prepareDatabase(options.systems, app.migrations);
	const file = join(RESULTS, 'hostile.db');
	for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
	copyFileSync(portfolio, file);
	await ensureBenchUser(app, file, BENCH_USER);
	await ensureBenchUser(app, file, BENCH_EDITOR);
	const files = hostileFiles();
	for (const f of files) f.form = await encodeForm(f.file, f.bytes);
	const oldUpload = await storeOldUpload(
		file,
		await userId(file, BENCH_EDITOR.email),
		files[0].bytes
	);

	const monitor = loopMonitorFor('hostile-app');
	const server = await startServer('hostile-app', {
		...app,
		env: {
			...APP_ENV,
			DATABASE_URL: pathToFileURL(file).href,
			SEED_DEMO: 'false',
			MIGRATIONS_DIR: app.migrations,
			BODY_SIZE_LIMIT: '21M',
			UPLOAD_CHECK_WORKERS: String(options.checkWorkers),
			...monitor.env
		},
		nodeArgs: [...APP_NODE_FLAGS, ...monitor.nodeArgs]
	});
	server.monitor = monitor;
	const rounds = [];
	const refusals = [];
	let peakRss = NaN;
	try {
		const editor = await signIn(server, BENCH_EDITOR);
		const sessions = [];
		for (let i = 0; i < options.readers; i++) sessions.push(await signIn(server, BENCH_USER));
		const hostileWork = async () => {
			const seen = [];
			for (const f of files) {
				for (const route of ['/import', '/costs/import']) {
					const r = await upload(server.origin, editor, route, f.form);
					seen.push({ name: f.name, route, ...r });
					console.log(
						`    ${route} ${f.name}: ${r.status} in ${int(r.ms)} ms: ${r.message ?? r.location}`
					);
					if (r.status !== 400 || !r.message || !f.expect.test(r.message))
						broken.push(
							`${route}: ${f.name} answered ${r.status} ${r.location ?? ''} ${r.message ?? ''}`.trim()
						);
				}
			}
			for (const path of [`/import/${oldUpload}`, `/costs/import/${oldUpload}`]) {
				const r = await preview(server.origin, editor, path);
				seen.push({
					name: 'preview of a 1,000,000-column upload kept before the limits',
					route: path.replace(/\d+$/, '[id]'),
					...r
				});
				console.log(
					`    ${path}: ${r.status} in ${int(r.ms)} ms, ${int(r.bytes / 1000)} kB: ${r.message}`
				);
				if (r.status !== 200 || !/more than 200 columns/.test(r.message ?? ''))
					broken.push(`${path} answered ${r.status}: ${r.message}`);
			}
			return seen;
		};
		let lastHostileMs = 10_000;
		for (let round = 1; round <= options.rounds; round++) {
			const baseline = await phase(
				server,
				sessions,
				options,
				() => new Promise((r) => setTimeout(r, Math.max(10_000, lastHostileMs)))
			);
			console.log(
				`  round ${round} baseline: ${baseline.loads} loads, p50 ${baseline.p50.toFixed(0)} ms, p99 ${baseline.p99.toFixed(0)} ms, loop held ≤ ${baseline.loopMax.toFixed(0)} ms, RSS ≤ ${(baseline.rss / 1e6).toFixed(0)} MB, load ${baseline.load.toFixed(1)}; median ms by page: ${baseline.slowest}`
			);
			const hostile = await phase(server, sessions, options, hostileWork);
			lastHostileMs = hostile.seconds * 1000;
			console.log(
				`  round ${round} hostile: ${hostile.loads} loads, p50 ${hostile.p50.toFixed(0)} ms, p99 ${hostile.p99.toFixed(0)} ms, loop held ≤ ${hostile.loopMax.toFixed(0)} ms, RSS ≤ ${(hostile.rss / 1e6).toFixed(0)} MB, load ${hostile.load.toFixed(1)}`
			);
			// The uploads with no readers: the event loop's longest hold is then the uploads' own.
			const alone = await phase(server, [], options, hostileWork);
			console.log(
				`  round ${round} uploads alone: loop held ≤ ${alone.loopMax.toFixed(0)} ms, RSS ≤ ${(alone.rss / 1e6).toFixed(0)} MB, load ${alone.load.toFixed(1)}, CPU ${alone.cpu.main.toFixed(2)} s on the server thread of ${alone.cpu.all.toFixed(2)} s`
			);
			rounds.push({ baseline, hostile, alone });
			if (round === 1) refusals.push(...hostile.result);
			for (const p of [baseline, hostile])
				for (const f of p.failures) broken.push(`a reader's load failed: ${f}`);
		}
		peakRss = readMemory(server.child.pid)?.hwm ?? NaN;
	} finally {
		await stopServer(server);
	}

	const summary = (key) => ({
		loads: int(median(rounds.map((r) => r[key].loads))),
		p50: median(rounds.map((r) => r[key].p50)),
		p99: median(rounds.map((r) => r[key].p99)),
		max: Math.max(...rounds.map((r) => r[key].max)),
		loopMax: Math.max(...rounds.map((r) => r[key].loopMax)),
		rss: Math.max(...rounds.map((r) => r[key].rss)),
		cpuMain: median(rounds.map((r) => r[key].cpu.main)),
		cpuAll: median(rounds.map((r) => r[key].cpu.all))
	});
	const base = summary('baseline');
	const hostile = summary('hostile');
	const alone = summary('alone');
	const mb = (bytes) => (bytes / 1e6).toFixed(0);
	const ms = (n) => (Number.isNaN(n) ? '–' : n.toFixed(0));
	const row = (label, s, ratio) =>
		`| ${label} | ${s.loads} | ${ms(s.p50)} | ${ms(s.p99)} | ${ms(s.max)} | ${ms(s.loopMax)} | ${mb(s.rss)} |${ratio}`;
	const ratios = ` ${(hostile.p50 / base.p50).toFixed(2)}× p50, ${(hostile.p99 / base.p99).toFixed(2)}× p99 |`;
	const loads = rounds.flatMap((r) => [r.baseline.load, r.hostile.load, r.alone.load]);
	const machineLoad = `${Math.min(...loads).toFixed(1)}-${Math.max(...loads).toFixed(1)}`;
	const report = [
		'### Hostile uploads (issue 12)',
		'',
		`Run ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, Node ${process.version}; app source ${app.source}. Data: the generated ${int(options.systems)}-system portfolio. ${options.readers} signed-in sessions (one viewer account) each load ${READ_PATHS.map((p) => `\`${p}\``).join(', ')} in turn, one request at a time with ${int(options.thinkMs)} ms between (a person reading). ${options.rounds} interleaved rounds of a baseline phase (the readers alone, at least 10 s) and a hostile phase (the readers while a signed-in editor uploads each file below to /import and to /costs/import, then opens both previews of a 1,000,000-column upload stored before the limits existed). Per phase: the readers' p50 and p99 latency (medians of the rounds), the slowest load, the event loop's longest hold (node's event-loop delay histogram, preloaded by bench/lib/loop-monitor.cjs) and the server's peak RSS (sampled every 50 ms; the worst of the rounds). A third phase runs the uploads with no readers, so its longest hold is the uploads' own. ${options.checkWorkers === 0 ? "An upload's checks ran on the server's own thread, in slices (`UPLOAD_CHECK_WORKERS=0`)." : `An upload's checks run on a worker thread (\`UPLOAD_CHECK_WORKERS=${options.checkWorkers}\` at a time), whose memory the RSS includes.`} The machine's ${availableParallelism()} cores are shared with other work (1-minute load average ${machineLoad} at the ends of the phases), so the ratio to the baseline measured in the same run is the figure to read.`,
		'',
		'| Phase | Reader loads | p50 ms | p99 ms | max ms | Event loop held, max ms | Peak RSS MB | vs baseline |',
		'|---|---:|---:|---:|---:|---:|---:|---:|',
		row('Readers alone (baseline)', base, ' |'),
		row('Readers during the hostile uploads', hostile, ratios),
		row('The hostile uploads alone, no readers', alone, ' |'),
		'',
		`**Targets.** Readers' p99 under 500 ms during the hostile uploads: ${hostile.p99.toFixed(0)} ms, **${hostile.p99 < 500 ? 'met' : 'not met'}**. The event loop's longest hold while the uploads ran alone (their own work): ${ms(alone.loopMax)} ms. CPU the uploads alone took (median of the rounds): ${alone.cpuMain.toFixed(2)} s on the server's request thread, of ${alone.cpuAll.toFixed(2)} s in the whole process. Server RSS under 400 MB: peak ${mb(Math.max(hostile.rss, alone.rss))} MB during the hostile phases (${mb(peakRss)} MB since the server started), **${Math.max(hostile.rss, alone.rss, peakRss) < 400e6 ? 'met' : 'not met'}**. Every hostile file refused with its limit, nothing stored: **${broken.length === 0 ? 'yes' : 'NO'}**.`,
		'',
		'| File | Route | Answer | ms (round 1) | Message |',
		'|---|---|---:|---:|---|',
		...refusals.map(
			(r) =>
				`| ${r.name} | \`${r.route}\` | ${r.status} | ${int(r.ms)} | ${(r.message ?? r.location ?? '').replace(/\|/g, '\\|')} |`
		)
	].join('\n');
	writeFileSync(join(RESULTS, 'hostile-latest.md'), `${report}\n`);
	console.log(`\n${report}\n\nWritten to ${rel(join(RESULTS, 'hostile-latest.md'))}`);
	for (const problem of broken) console.error(`Broken: ${problem}`);
	return broken;
}
