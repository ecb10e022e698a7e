#!/usr/bin/env node
/**
 * The cost-line import benchmark (`node bench/cost-import.js`): how long a large cost-line import
 * (`/costs/import`) makes other officers' writes wait.
 *
 * 1. A fresh database with the bench organisation, an editor, and the app built by bench/run.js's
 *    machinery, served on 127.0.0.1; 2,000 systems imported through /import.
 * 2. A generated cost-line file of 200,000 lines (the most rows an upload may have) over those
 *    systems, capital and revenue, seven financial years: about 12 MB.
 * 3. Uploads it, opens the preview and posts its commit form, while another officer saves a
 *    system's edit form every 250 ms (bench/lib/import-small-writes.js) and /systems is loaded
 *    every 100 ms; the app's log says how long the commit held the write lock (an app that logs
 *    nothing held it for the whole commit).
 *
 * Prints the figures and writes bench/results/cost-import-latest.json. Never fails on timing; exits
 * non-zero only when something is broken (a step answers wrongly, the lines written do not add up).
 *
 * Options: --lines N (200,000), --systems N (2,000), and bench/run.js's --use-build and --reuse-snapshot.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createClient } from '@libsql/client';
import { buildApp } from './lib/builds.js';
import { freshOrganisationDatabase } from './lib/import-baseline.js';
import * as steps from './lib/import-steps.js';
import { createProbeSystems, smallWritesEvery } from './lib/import-small-writes.js';
import { generateInventory } from './lib/inventory.js';
import { loadPagesEvery } from './lib/monitor.js';
import { prng } from './generate.js';
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

const TIMEOUT_MS = 900_000;
const HEADER =
	'Line reference,System external reference,System name,Workstream,Outcome,Financial year,Capital or revenue,Category,Amount (£),Confidence,Funding source,Description\n';
const YEARS = ['2024/25', '2025/26', '2026/27', '2027/28', '2028/29', '2029/30', '2030/31'];
const REVENUE = ['Licence', 'Support and maintenance', 'Hosting', 'Training'];
const CAPITAL = ['Implementation', 'Development', 'Data migration', 'Contingency'];
const CONFIDENCE = ['Estimate', 'Committed', 'Actual'];

function parseOptions(args) {
	const o = { lines: 200_000, systems: 2_000, useBuild: false, reuseSnapshot: false };
	for (let i = 0; i < args.length; i++) {
		const arg = args[i];
		const next = () => {
			const value = Number(args[++i]);
			if (!Number.isInteger(value) || value <= 0)
				throw new Error(`${arg} needs a positive whole number`);
			return value;
		};
		if (arg === '--lines') o.lines = next();
		else if (arg === '--systems') o.systems = next();
		else if (arg === '--use-build') o.useBuild = true;
		else if (arg === '--reuse-snapshot') o.reuseSnapshot = true;
		else throw new Error(`unknown option ${arg}`);
	}
	return o;
}

/** `lines` new cost lines spread over the systems with these external references. */
function costFile(refs, lines, seed = 20261209) {
	const random = prng(seed);
	const pick = (list) => list[Math.floor(random() * list.length)];
	const rows = [];
	for (let n = 0; n < lines; n++) {
		const capital = random() < 0.3;
		const pounds = 1 + Math.floor(random() * 50_000);
		rows.push(
			`,${pick(refs)},,,,${pick(YEARS)},${capital ? 'Capital' : 'Revenue'},${pick(capital ? CAPITAL : REVENUE)},${pounds}.${String(n % 100).padStart(2, '0')},${pick(CONFIDENCE)},,Line ${n + 1}`
		);
	}
	return Buffer.from(HEADER + rows.join('\n') + '\n');
}

async function query(file, sql) {
	const client = createClient({ url: pathToFileURL(file).href });
	try {
		return (await client.execute(sql)).rows;
	} finally {
		client.close();
	}
}

const formHeaders = (origin, session) => ({ ...session, origin, accept: 'text/html' });

async function uploadCosts(origin, session, bytes) {
	const form = new FormData();
	form.append('file', new File([bytes], 'cost-lines.csv', { type: 'text/csv' }));
	const started = performance.now();
	const response = await fetch(`${origin}/costs/import?/upload`, {
		method: 'POST',
		headers: formHeaders(origin, session),
		body: form,
		redirect: 'manual',
		signal: AbortSignal.timeout(TIMEOUT_MS)
	});
	await response.arrayBuffer();
	const id =
		response.status === 303
			? response.headers.get('location')?.match(/^\/costs\/import\/(\d+)$/)?.[1]
			: undefined;
	if (!id)
		throw new Error(
			`cost upload answered ${response.status} ${response.headers.get('location') ?? ''}`
		);
	return { ms: performance.now() - started, uploadId: Number(id) };
}

/** The preview page's commit form fields (the plan's fingerprint and the delimiter). */
async function previewCosts(origin, session, uploadId) {
	const started = performance.now();
	const response = await fetch(`${origin}/costs/import/${uploadId}`, {
		headers: session,
		redirect: 'manual',
		signal: AbortSignal.timeout(TIMEOUT_MS)
	});
	const html = await response.text();
	const formHtml = html.match(/<form[^>]*action="\?\/commit"[^>]*>([\s\S]*?)<\/form>/)?.[1];
	if (response.status !== 200 || !formHtml)
		throw new Error(`cost preview ${uploadId} answered ${response.status} with no commit form`);
	const fields = new URLSearchParams();
	for (const [tag] of formHtml.matchAll(/<input\b[^>]*>/g)) {
		const name = tag.match(/\bname="([^"]*)"/)?.[1];
		if (name && /\btype="hidden"/.test(tag))
			fields.append(name, tag.match(/\bvalue="([^"]*)"/)?.[1] ?? '');
	}
	if (!fields.get('plan'))
		throw new Error(`cost preview ${uploadId}: the commit form has no plan fingerprint`);
	return { ms: performance.now() - started, fields };
}

async function commitCosts(origin, session, uploadId, fields) {
	const started = performance.now();
	const response = await fetch(`${origin}/costs/import/${uploadId}?/commit`, {
		method: 'POST',
		headers: {
			...formHeaders(origin, session),
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: fields.toString(),
		redirect: 'manual',
		signal: AbortSignal.timeout(TIMEOUT_MS)
	});
	await response.arrayBuffer();
	const imported =
		response.status === 303
			? response.headers.get('location')?.match(/[?&]imported=(\d+)/)?.[1]
			: undefined;
	if (imported === undefined)
		throw new Error(
			`cost commit answered ${response.status} ${response.headers.get('location') ?? ''}`
		);
	return { ms: performance.now() - started, imported: Number(imported) };
}

const ms = (n) => `${Math.round(n).toLocaleString('en-GB')} ms`;

async function main() {
	const options = parseOptions(process.argv.slice(2));
	mkdirSync(RESULTS, { recursive: true });
	console.log('Building');
	const app = await buildApp(options);
	const appFile = join(RESULTS, 'cost-import-app.db');
	await freshOrganisationDatabase(appFile, app.migrations);
	await ensureBenchUser(app, appFile, BENCH_EDITOR);
	const server = await startServer('cost-import-app', {
		...app,
		env: {
			...APP_ENV,
			DATABASE_URL: pathToFileURL(appFile).href,
			SEED_DEMO: 'false',
			MIGRATIONS_DIR: app.migrations,
			BODY_SIZE_LIMIT: '21M'
		},
		nodeArgs: APP_NODE_FLAGS
	});
	const broken = [];
	try {
		const session = await signIn(server, BENCH_EDITOR);
		console.log(`Importing ${options.systems.toLocaleString('en-GB')} systems through /import`);
		const inventory = generateInventory({ rows: options.systems, seed: 20261122 });
		const up = await steps.upload(server.origin, session, inventory.bytes, 'inventory.csv');
		const seen = await steps.preview(server.origin, session, up.uploadId);
		await steps.commit(server.origin, session, up.uploadId, seen.fields);
		const refs = (
			await query(
				appFile,
				'SELECT external_ref FROM system WHERE organisation_id = 1 AND external_ref IS NOT NULL'
			)
		).map((r) => String(r.external_ref));
		const bytes = costFile(refs, options.lines);
		console.log(
			`Cost-line file: ${options.lines.toLocaleString('en-GB')} lines over ${refs.length.toLocaleString('en-GB')} systems, ${(bytes.length / 1e6).toFixed(1)} MB`
		);
		const probes = await createProbeSystems(server.origin, session);
		await waitForIdle(server);
		const idleWrites = smallWritesEvery(server.origin, session, probes, { maxWrites: 20 });
		await new Promise((r) => setTimeout(r, 6000));
		const idle = await idleWrites.stop();
		console.log(`Idle: ${idle.count} edits, median ${ms(idle.median)}`);
		// The server may have closed an idle keep-alive connection unseen: a pause lets fetch see it before the upload reuses it.
		await new Promise((r) => setTimeout(r, 250));

		const upload = await uploadCosts(server.origin, session, bytes);
		console.log(`Upload: ${ms(upload.ms)}`);
		const preview = await previewCosts(server.origin, session, upload.uploadId);
		console.log(`Preview: ${ms(preview.ms)}`);
		await waitForIdle(server);
		const logBefore = readFileSync(server.logFile, 'utf8').length;
		const writes = smallWritesEvery(server.origin, session, probes);
		const loads = loadPagesEvery(`${server.origin}/systems`, session);
		let commit;
		try {
			commit = await commitCosts(server.origin, session, upload.uploadId, preview.fields);
		} finally {
			commit = { ...commit, writes: await writes.stop(), loads: await loads.stop() };
		}
		assertRunning(server);
		const held = readFileSync(server.logFile, 'utf8')
			.slice(logBefore)
			.match(/Cost line import \d+: .*write lock was held (\d+) ms/);
		const writeLockMs = held ? Number(held[1]) : null;
		const written = Number(
			(
				await query(
					appFile,
					"SELECT count(*) AS n FROM cost_line WHERE organisation_id = 1 AND description LIKE 'Line %'"
				)
			)[0].n
		);
		if (written !== options.lines || commit.imported !== options.lines)
			broken.push(
				`${written} lines in the database, ${commit.imported} said imported, ${options.lines} in the file`
			);
		if (commit.writes.failures.length > 0)
			broken.push(
				`${commit.writes.failures.length} edits during the commit failed: ${[...new Set(commit.writes.failures.map((f) => f.reason))].join('; ')}`
			);
		const w = commit.writes;
		console.log(
			`Commit: ${ms(commit.ms)}; write lock held ${writeLockMs == null ? 'for the whole commit (the app logs no figure)' : ms(writeLockMs)}`
		);
		console.log(
			`  ${w.count} edits meanwhile: median ${ms(w.median)}, longest ${ms(w.max)}, ${w.over1000} over 1 s; /systems loads: ${commit.loads.count}, slowest ${ms(commit.loads.max)}`
		);
		const out = join(RESULTS, 'cost-import-latest.json');
		writeFileSync(
			out,
			JSON.stringify(
				{
					at: new Date().toISOString(),
					source: app.source,
					options,
					bytes: bytes.length,
					idle,
					upload,
					preview: { ms: preview.ms },
					commit: { ms: commit.ms, writeLockMs, writes: w, loads: commit.loads }
				},
				null,
				2
			)
		);
		console.log(`Written to ${rel(out)}; the server's log in ${rel(server.logFile)}`);
	} finally {
		await stopServer(server);
	}
	for (const problem of broken) console.error(`Broken: ${problem}`);
	if (broken.length > 0) process.exitCode = 1;
}

main().catch((error) => {
	console.error(
		error instanceof Error
			? `${error.message}${error.cause ? ` (${error.cause.message ?? error.cause})` : ''}\n${error.stack}`
			: error
	);
	process.exitCode = 1;
});
