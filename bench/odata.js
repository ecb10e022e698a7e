/**
 * The OData feed benchmark (`npm run bench -- --only odata`): all 100,000 systems of the generated
 * portfolio through /api/odata/v4/{organisation}/Systems, 20 pages of 5,000 followed by their next
 * links, against the same rows through /systems.csv, in the same run, interleaved, one request at
 * a time. Reports each read's time, the ratio (target: the feed at most 2x the CSV), the server's
 * peak resident memory (target: under 400 MB) and the longest hold of its event loop (target:
 * under 100 ms) while the feed is read.
 *
 * Never fails on timing; exits non-zero when something is broken (a page missing, a row count off).
 */
import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createClient } from '@libsql/client';
import { prepareDatabase } from './lib/builds.js';
import { loopMonitorFor } from './lib/event-loop.js';
import { readMemory, sampleMemory } from './lib/monitor.js';
import { median } from './lib/pages.js';
import { RESULTS, rel } from './lib/paths.js';
import { APP_ENV, APP_NODE_FLAGS, startServer, stopServer, waitForIdle } from './lib/processes.js';
import { ensureBenchUser, signIn } from './lib/session.js';
import { int } from './lib/report.js';

export const ODATA_OPTIONS = { '--odata-rounds': true };

export function parseODataOptions(args) {
	const o = { rounds: 5 };
	for (let i = 0; i < args.length; i++) {
		if (args[i] === '--odata-rounds') o.rounds = Math.max(1, Math.min(20, Number(args[++i]) || 5));
		else if (args[i] === '--quick') o.rounds = 2;
	}
	return o;
}

/** An API token for every standard set of organisation 1, written as the app writes one (hash only). */
async function addToken(file) {
	const token = `ipp_${randomBytes(32).toString('base64url')}`;
	const client = createClient({ url: pathToFileURL(file).href });
	const org = await client.execute('SELECT slug FROM organisation WHERE id = 1');
	await client.execute({
		sql: `INSERT INTO api_token (organisation_id, name, token_hash, hint, scopes, created_by, expires_at)
			VALUES (1, 'bench', ?, ?, '["Systems"]', 'bench', ?)`,
		args: [
			createHash('sha256').update(token).digest('hex'),
			token.slice(0, 8),
			new Date(Date.now() + 86_400_000).toISOString()
		]
	});
	client.close();
	return { token, slug: String(org.rows[0].slug) };
}

async function timed(work) {
	const started = performance.now();
	const result = await work();
	return { result, ms: performance.now() - started };
}

/** Every row through the feed's next links: the row count and the number of pages. */
async function readFeed(origin, slug, token) {
	let next = `${origin}/api/odata/v4/${slug}/Systems`;
	let rows = 0;
	let pages = 0;
	let slowestPageMs = 0;
	while (next) {
		const started = performance.now();
		const response = await fetch(next, {
			headers: { authorization: `Bearer ${token}` },
			signal: AbortSignal.timeout(120_000)
		});
		if (response.status !== 200)
			throw new Error(`the feed answered ${response.status}: ${await response.text()}`);
		const body = await response.json();
		slowestPageMs = Math.max(slowestPageMs, performance.now() - started);
		rows += body.value.length;
		pages++;
		next = body['@odata.nextLink'];
	}
	return { rows, pages, slowestPageMs };
}

async function readCsv(origin, headers) {
	const response = await fetch(`${origin}/systems.csv`, {
		headers,
		signal: AbortSignal.timeout(300_000)
	});
	if (response.status !== 200) throw new Error(`/systems.csv answered ${response.status}`);
	const text = await response.text();
	return { rows: text.split('\r\n').filter(Boolean).length - 1 };
}

export async function runODataBenchmark(options, app) {
	const startedAt = new Date();
	console.log('Database');
	const { file: portfolio } = await prepareDatabase(100_000, app.migrations);
	const file = join(RESULTS, 'odata.db');
	for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
	copyFileSync(portfolio, file);
	await ensureBenchUser(app, file);
	const { token, slug } = await addToken(file);
	const monitor = loopMonitorFor('odata');
	const server = await startServer('odata', {
		...app,
		env: {
			...APP_ENV,
			DATABASE_URL: pathToFileURL(file).href,
			SEED_DEMO: 'false',
			MIGRATIONS_DIR: app.migrations,
			...monitor.env
		},
		nodeArgs: [...APP_NODE_FLAGS, ...monitor.nodeArgs]
	});
	const problems = [];
	try {
		const headers = await signIn(server);
		await waitForIdle(server);
		// Warm up both, and check they give the same number of rows.
		const feedCheck = await readFeed(server.origin, slug, token);
		const csvCheck = await readCsv(server.origin, headers);
		if (feedCheck.rows !== csvCheck.rows)
			problems.push(`the feed gave ${feedCheck.rows} rows, /systems.csv ${csvCheck.rows}`);
		console.log(
			`  ${int(feedCheck.rows)} rows in ${feedCheck.pages} pages; CSV ${int(csvCheck.rows)} rows`
		);
		const memory = sampleMemory(server.child.pid);
		const feedMs = [];
		const csvMs = [];
		const slowestPage = [];
		let feedLoopMaxMs = 0;
		await monitor.read(server);
		for (let round = 0; round < options.rounds; round++) {
			const feed = await timed(() => readFeed(server.origin, slug, token));
			feedMs.push(feed.ms);
			slowestPage.push(feed.result.slowestPageMs);
			feedLoopMaxMs = Math.max(feedLoopMaxMs, (await monitor.read(server)).maxMs);
			csvMs.push((await timed(() => readCsv(server.origin, headers))).ms);
			await monitor.read(server);
			console.log(`  round ${round + 1}: feed ${int(feed.ms)} ms, CSV ${int(csvMs.at(-1))} ms`);
		}
		const peak = memory.stop();
		const hwm = readMemory(server.child.pid)?.hwm ?? NaN;
		const ratio = median(feedMs) / median(csvMs);
		const mb = (b) => `${int(b / 1024 / 1024)} MB`;
		const lines = [
			`# OData feed benchmark`,
			'',
			`Run ${startedAt.toISOString()}, ${options.rounds} interleaved rounds, one request at a time, ${int(feedCheck.rows)} systems.`,
			'',
			'| Measure | Figure | Target |',
			'| --- | --- | --- |',
			`| All systems through the feed (${feedCheck.pages} pages of at most 5,000), median | ${int(median(feedMs))} ms | |`,
			`| The same rows through /systems.csv, median | ${int(median(csvMs))} ms | |`,
			`| Feed / CSV | ${ratio.toFixed(2)}x | at most 2x |`,
			`| Slowest page of the feed (median over rounds) | ${int(median(slowestPage))} ms | |`,
			`| Longest event-loop hold while the feed was read | ${int(feedLoopMaxMs)} ms | under 100 ms |`,
			`| Server peak resident memory (VmHWM, whole run) | ${mb(hwm)} (sampled peak ${mb(peak.maxRss)}) | under 400 MB |`
		];
		const report = lines.join('\n');
		console.log(`\n${report}\n`);
		writeFileSync(join(RESULTS, 'latest-odata.md'), `${report}\n`);
		console.log(`  written to ${rel(join(RESULTS, 'latest-odata.md'))}`);
	} finally {
		await stopServer(server);
	}
	for (const p of problems) console.error(`  problem: ${p}`);
	return problems;
}
