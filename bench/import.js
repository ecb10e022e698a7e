#!/usr/bin/env node
/**
 * The import benchmark (`npm run bench -- --only import`, or `node bench/import.js`): a generated
 * 100,000-row, 15-column council inventory (about 20 MB) imported through the built app over HTTP,
 * against a bare papaparse parse plus a raw multi-row INSERT of the same rows, in the same run.
 *
 * 1. Generates the CSV (bench/lib/inventory.js) with a dozen bad rows, into bench/results/.
 * 2. Baseline (bench/lib/import-baseline.js) on a fresh database with the app's migrations.
 * 3. A fresh database with the bench organisation and no systems, an editor made with the app's own
 *    user command, and the app built by bench/run.js's machinery, served on 127.0.0.1.
 * 4. Signs in and imports the earlier file (the 40% of rows that update, as they were before), so the
 *    measured import has systems to update. Then uploads the file, opens the preview with the officer's
 *    answers for the values in the council's own words (vk/vv), downloads its updates.csv, posts its
 *    commit form; times each step while
 *    sampling the server's memory and loading /systems every 100 ms as another user would; during
 *    the commit another officer also saves a system's edit form every 250 ms
 *    (bench/lib/import-small-writes.js), and the app's log says how long the commit held the write lock.
 * 5. Uploads the same file again: the preview (the answers now remembered) must say 0 created and 0 updated.
 * 6. Runs the baseline again, writes bench/results/import-latest.md.
 *
 * Never fails on timing; exits non-zero only when something is broken (a step answers wrongly, the
 * counts do not add up, the second import would change something).
 *
 * Options: --rows N (100,000), --seed N, --cpu-prof (profile the server into bench/results/profiles/),
 * and bench/run.js's --use-build and --reuse-snapshot.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createClient } from '@libsql/client';
import { buildApp } from './lib/builds.js';
import { freshOrganisationDatabase, runBaseline } from './lib/import-baseline.js';
import { importMarkdown } from './lib/import-report.js';
import * as steps from './lib/import-steps.js';
import { createProbeSystems, smallWritesEvery } from './lib/import-small-writes.js';
import { generateInventory, INVENTORY_VERSION, valueAnswerParams } from './lib/inventory.js';
import { loadPagesEvery, readMemory, sampleMemory } from './lib/monitor.js';
import { loopMonitorFor } from './lib/event-loop.js';
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
import { BENCH_EDITOR, ensureBenchUser, signIn } from './lib/session.js';

/** The import benchmark's own options, each with whether it takes a value; bench/run.js routes them here. */
export const IMPORT_OPTIONS = { '--rows': true, '--seed': true, '--cpu-prof': false };

export function parseImportOptions(args) {
	const o = {
		rows: 100_000,
		seed: 20261122,
		cpuProf: false,
		useBuild: false,
		reuseSnapshot: false
	};
	for (let i = 0; i < args.length; i++) {
		const arg = args[i];
		const next = () => {
			const value = Number(args[++i]);
			if (!Number.isInteger(value) || value <= 0)
				throw new Error(`${arg} needs a positive whole number`);
			return value;
		};
		if (arg === '--rows') o.rows = Math.min(1_000_000, next());
		else if (arg === '--seed') o.seed = next();
		else if (arg === '--cpu-prof') o.cpuProf = true;
		else if (arg === '--use-build') o.useBuild = true;
		else if (arg === '--reuse-snapshot') o.reuseSnapshot = true;
		else throw new Error(`unknown option ${arg}`);
	}
	return o;
}

const FILE_NAME = 'council-inventory.csv';

/** How long the commit held the write lock, from the line the app logs when an import is written (null if it logs none). */
const writeLockHeld = (log) => {
	const ms = log.match(/write lock was held (\d+) ms/)?.[1];
	return ms === undefined ? null : Number(ms);
};
const PAGE_PATH = '/systems';

/** Runs one step while watching the server: memory sampled every 50 ms, /systems loaded every 100 ms. */
async function watched(server, session, work) {
	await waitForIdle(server);
	await server.monitor.read(server); // start afresh
	const memory = sampleMemory(server.child.pid);
	const loads = loadPagesEvery(`${server.origin}${PAGE_PATH}`, session);
	let result, loaded, sampled;
	try {
		result = await work();
	} finally {
		loaded = await loads.stop();
		sampled = memory.stop();
	}
	assertRunning(server);
	const loop = await server.monitor.read(server);
	server.holds.push(...loop.holds);
	return { ...result, loads: loaded, memory: sampled, loop };
}

/** The systems in the bench organisation, leaving out those the small writes edit. */
async function countSystems(file) {
	const client = createClient({ url: pathToFileURL(file).href });
	try {
		return Number(
			(
				await client.execute(
					"SELECT count(*) AS n FROM system WHERE organisation_id = 1 AND name NOT LIKE 'Benchmark probe %'"
				)
			).rows[0].n
		);
	} finally {
		client.close();
	}
}

/**
 * Runs the import benchmark against `app` (from bench/lib/builds.js buildApp). Returns the problems
 * that mean something is broken (an empty list when all is well); throws when a step cannot go on.
 */
export async function runImportBenchmark(options, app) {
	const startedAt = new Date();
	mkdirSync(RESULTS, { recursive: true });
	const broken = [];

	console.log(`Generating a ${options.rows.toLocaleString('en-GB')}-row inventory`);
	const inventory = generateInventory({ rows: options.rows, seed: options.seed });
	const csvFile = join(RESULTS, 'import-inventory.csv');
	writeFileSync(csvFile, inventory.bytes);
	console.log(
		`  ${rel(csvFile)}: ${(inventory.bytes.length / 1e6).toFixed(1)} MB, bad rows at ${inventory.badRows.map((b) => b.row).join(', ')}`
	);

	const baselineFile = join(RESULTS, 'import-baseline.db');
	const baselineRun = async (n) => {
		const result = await runBaseline(inventory.bytes, inventory.badRows, {
			file: baselineFile,
			migrationsFolder: app.migrations
		});
		console.log(
			`  baseline ${n}: parse ${(result.parseMs / 1000).toFixed(2)} s, insert ${(result.insertMs / 1000).toFixed(2)} s, ${result.rows.toLocaleString('en-GB')} rows`
		);
		// The baseline's inserts run synchronously in this process for seconds, long enough for the app
		// server to close idle keep-alive connections unseen; a pause lets fetch see those closes before
		// the next step's page loads reuse a connection (else one fails with UND_ERR_SOCKET).
		await new Promise((resolve) => setTimeout(resolve, 250));
		return result;
	};
	console.log('Baseline: papaparse + multi-row INSERT');
	const baselines = [await baselineRun(1)];

	console.log('Preparing the app database: the bench organisation, no systems');
	const appFile = join(RESULTS, 'import-app.db');
	await freshOrganisationDatabase(appFile, app.migrations);
	await ensureBenchUser(app, appFile, BENCH_EDITOR);
	const profileDir = join(RESULTS, 'profiles');
	if (options.cpuProf) mkdirSync(profileDir, { recursive: true });
	const monitor = loopMonitorFor('import-app');
	const server = await startServer('import-app', {
		...app,
		// BODY_SIZE_LIMIT as `npm run serve` sets it: adapter-node's default 512K would refuse the file.
		env: {
			...APP_ENV,
			DATABASE_URL: pathToFileURL(appFile).href,
			SEED_DEMO: 'false',
			MIGRATIONS_DIR: app.migrations,
			BODY_SIZE_LIMIT: '21M',
			...monitor.env
		},
		nodeArgs: [
			...APP_NODE_FLAGS,
			...monitor.nodeArgs,
			...(options.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])
		]
	});
	server.monitor = monitor;
	server.holds = [];
	try {
		const session = await signIn(server, BENCH_EDITOR);
		const importPage = await fetch(`${server.origin}/import`, {
			headers: session,
			redirect: 'manual',
			signal: AbortSignal.timeout(60_000)
		});
		await importPage.arrayBuffer();
		if (importPage.status !== 200)
			throw new Error(
				`/import answered ${importPage.status} to ${BENCH_EDITOR.email}: not the upload page`
			);

		console.log('Idle: 20 loads of /systems');
		await waitForIdle(server);
		const idleLoads = loadPagesEvery(`${server.origin}${PAGE_PATH}`, session, { maxLoads: 20 });
		await new Promise((r) => setTimeout(r, 2500));
		const idle = { loads: await idleLoads.stop(), memory: readMemory(server.child.pid) };
		// Other officers' edits: 20 while nothing else runs, then one started every 250 ms during the commit.
		const probes = await createProbeSystems(server.origin, session);
		const idleWrites = smallWritesEvery(server.origin, session, probes, { maxWrites: 20 });
		await new Promise((r) => setTimeout(r, 6000));
		idle.writes = await idleWrites.stop();
		console.log(
			`Idle: ${idle.writes.count} edits of ${probes.length} systems, median ${idle.writes.median.toFixed(0)} ms`
		);

		let smallWrites;
		// The systems the measured import updates, there already: the earlier file imported through the app.
		console.log(
			`Existing systems: importing the earlier file (${inventory.earlierRows.toLocaleString('en-GB')} rows)`
		);
		const earlier = { ms: 0 };
		{
			const up = await steps.upload(
				server.origin,
				session,
				inventory.earlierBytes,
				'earlier-inventory.csv'
			);
			const pre = await steps.preview(server.origin, session, up.uploadId);
			const done = await steps.commit(server.origin, session, up.uploadId, pre.fields);
			earlier.ms = up.ms + pre.ms + done.ms;
			if (done.created !== inventory.earlierRows)
				broken.push(
					`the earlier file created ${done.created} systems, not ${inventory.earlierRows}`
				);
			console.log(`  earlier file: ${(earlier.ms / 1000).toFixed(2)} s; ${done.created} created`);
		}

		const importOnce = async (label, { commit, answers = [] }) => {
			const upload = await watched(server, session, () =>
				steps.upload(server.origin, session, inventory.bytes, FILE_NAME)
			);
			console.log(
				`  ${label} upload: ${(upload.ms / 1000).toFixed(2)} s (upload ${upload.uploadId})`
			);
			const preview = await watched(server, session, () =>
				steps.preview(server.origin, session, upload.uploadId, answers)
			);
			const c = preview.counts;
			console.log(
				`  ${label} preview: ${(preview.ms / 1000).toFixed(2)} s; create ${c.create}, update ${c.update}, unchanged ${c.unchanged}, rejected ${c.rejected}`
			);
			if (!commit) return { upload, preview };
			if (!preview.updatesHref) throw new Error(`the ${label} preview offers no updates.csv link`);
			const updates = await watched(server, session, () =>
				steps.updatesCsv(server.origin, session, preview.updatesHref)
			);
			console.log(
				`  ${label} updates.csv: ${(updates.ms / 1000).toFixed(2)} s; ${updates.lines} lines, ${(updates.bytes / 1e6).toFixed(1)} MB`
			);
			const logBefore = readFileSync(server.logFile, 'utf8').length;
			const committed = await watched(server, session, async () => {
				const writes = smallWritesEvery(server.origin, session, probes);
				try {
					return await steps.commit(server.origin, session, upload.uploadId, preview.fields);
				} finally {
					smallWrites = await writes.stop();
				}
			});
			committed.smallWrites = smallWrites;
			committed.writeLockMs = writeLockHeld(readFileSync(server.logFile, 'utf8').slice(logBefore));
			console.log(
				`  ${label} commit: ${(committed.ms / 1000).toFixed(2)} s; ${committed.imported} imported; slowest /systems load ${committed.loads.max.toFixed(0)} ms`
			);
			console.log(
				`  ${label} commit: write lock held ${committed.writeLockMs ?? '?'} ms; ${smallWrites.count} edits meanwhile, median ${smallWrites.median.toFixed(0)} ms, longest ${smallWrites.max.toFixed(0)} ms`
			);
			return { upload, preview, updates, commit: committed };
		};

		console.log('Importing');
		const first = await importOnce('first', { commit: true, answers: valueAnswerParams() });
		first.created = await countSystems(appFile);
		const peakAfterFirst = readMemory(server.child.pid)?.hwm ?? NaN;
		const expected = inventory.expected;
		const counts = first.preview.counts;
		if (counts.create + counts.update + counts.unchanged + counts.rejected !== options.rows)
			broken.push(
				`the preview's counts add up to ${counts.create + counts.update + counts.unchanged + counts.rejected}, not the file's ${options.rows} rows`
			);
		if (first.commit.imported !== counts.create + counts.update)
			broken.push(
				`the commit imported ${first.commit.imported}, the preview said ${counts.create + counts.update}`
			);
		if (first.created !== counts.create + inventory.earlierRows)
			broken.push(
				`the database holds ${first.created} systems after creating ${counts.create} beside ${inventory.earlierRows}`
			);
		if (first.commit.created !== counts.create || first.commit.updated !== counts.update)
			broken.push(
				`the commit created ${first.commit.created} and updated ${first.commit.updated}; the preview said ${counts.create} and ${counts.update}`
			);
		if (first.updates.lines < counts.update)
			broken.push(
				`updates.csv has ${first.updates.lines} lines for ${counts.update} updated systems`
			);
		if (first.commit.smallWrites.failures.length > 0)
			broken.push(
				`${first.commit.smallWrites.failures.length} edits during the commit failed: ${[...new Set(first.commit.smallWrites.failures.map((f) => f.reason))].join('; ')}`
			);
		if (
			counts.create !== expected.create ||
			counts.update !== expected.update ||
			counts.rejected !== expected.rejected
		) {
			console.warn(
				`  Warning: expected ${expected.create} to create, ${expected.update} to update and ${expected.rejected} rejected; the app's rules or the generator changed`
			);
		}
		const badRowNumbers = inventory.badRows.map((b) => b.row);
		const shown = first.preview.rejectedRows;
		const rejectedRowsMatch =
			shown.length === badRowNumbers.length && badRowNumbers.every((row) => shown.includes(row));
		if (!rejectedRowsMatch)
			console.warn(
				`  Warning: the preview lists rows ${shown.join(', ')} as rejected; the bad rows are ${badRowNumbers.join(', ')}`
			);

		console.log('Baseline again, between the imports');
		baselines.push(await baselineRun(2));

		console.log('Importing the same file again');
		const second = await importOnce('second', { commit: false });
		const again = second.preview.counts;
		const idempotent = again.create === 0 && again.update === 0 && second.preview.commitDisabled;
		console.log(
			`  second import: ${again.create} created, ${again.update} updated, ${again.unchanged} unchanged, ${again.rejected} rejected: ${idempotent ? 'OK' : 'BROKEN'}`
		);
		if (!idempotent)
			broken.push(
				`importing the same file again would create ${again.create} and update ${again.update}`
			);
		const peakBytes = readMemory(server.child.pid)?.hwm ?? NaN;
		await stopServer(server);

		console.log('Baseline again');
		baselines.push(await baselineRun(3));
		// The machine is shared: the median of three runs spread across the app's steps.
		const baseline = {
			parseMs: median(baselines.map((b) => b.parseMs)),
			insertMs: median(baselines.map((b) => b.insertMs)),
			totalMs: median(baselines.map((b) => b.totalMs))
		};
		const stepsWatched = [
			first.upload,
			first.preview,
			first.updates,
			first.commit,
			second.upload,
			second.preview
		];
		const allLoads = {
			count: stepsWatched.reduce((n, st) => n + st.loads.count, 0),
			over500: stepsWatched.reduce((n, st) => n + st.loads.over500, 0)
		};

		const report = importMarkdown({
			startedAt,
			source: app.source,
			inventory: {
				rows: options.rows,
				columns: inventory.columns,
				bytes: inventory.bytes.length,
				badRows: inventory.badRows,
				expected,
				version: INVENTORY_VERSION,
				seed: options.seed,
				ownWordRows: inventory.ownWordRows,
				earlierRows: inventory.earlierRows
			},
			earlier,
			baselines,
			baseline,
			idle,
			first,
			second,
			checks: { idempotent, rejectedRowsMatch, rejectedRowsShown: shown.join(', ') },
			allLoads,
			targets: {
				commitRatio: first.commit.ms / baseline.totalMs,
				previewCommitRatio: (first.preview.ms + first.commit.ms) / baseline.totalMs,
				peakBytes,
				peakAfterFirst
			}
		});
		const out = join(RESULTS, 'import-latest.md');
		writeFileSync(out, report);
		// When and how long the event loop was held (over 55 ms): with --cpu-prof, bench/results/tmp tools map them to stacks.
		writeFileSync(join(RESULTS, 'import-event-loop-holds.json'), JSON.stringify(server.holds));
		console.log(
			`\n${report}\nWritten to ${rel(out)}; the server's log in ${rel(server.logFile)}${options.cpuProf ? `; CPU profile in ${rel(profileDir)}` : ''}`
		);
		for (const step of stepsWatched) {
			for (const f of step.loads.failures)
				console.warn(
					`Warning: a /systems load failed after ${(f.ms / 1000).toFixed(1)} s: ${f.reason}`
				);
		}
		for (const problem of broken) console.error(`Broken: ${problem}`);
		return broken;
	} finally {
		await stopServer(server);
	}
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	try {
		const options = parseImportOptions(process.argv.slice(2));
		console.log('Building');
		const app = await buildApp(options);
		const broken = await runImportBenchmark(options, app);
		if (broken.length > 0) process.exitCode = 1;
	} catch (error) {
		console.error(error instanceof Error ? error.message : error);
		process.exitCode = 1;
	}
}
