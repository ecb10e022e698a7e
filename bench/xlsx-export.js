#!/usr/bin/env node
/**
 * The catalogue's Excel export (/systems.xlsx) against its CSV export (/systems.csv) over the
 * benchmark's 100,000-system portfolio, on the built app: time to the last byte, size, and the
 * server's peak resident memory while each is written (VmHWM reset by restarting the server
 * before each export). Prints figures; fails only when something is broken (not a workbook, wrong row count).
 *
 * `node bench/xlsx-export.js` (builds a snapshot of the app) or `--use-build` (serves ./build).
 */
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { buildApp, prepareDatabase } from './lib/builds.js';
import { RESULTS } from './lib/paths.js';
import { APP_ENV, APP_NODE_FLAGS, startServer, stopServer } from './lib/processes.js';
import { readMemory, sampleMemory } from './lib/monitor.js';
import { ensureBenchUser, signIn } from './lib/session.js';

const useBuild = process.argv.includes('--use-build');
const app = await buildApp({ useBuild, reuseSnapshot: process.argv.includes('--reuse-snapshot') });
const { file: portfolio } = await prepareDatabase(100_000, app.migrations);
const file = join(RESULTS, 'xlsx-export.db');
for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
copyFileSync(portfolio, file);
await ensureBenchUser(app, file);
const env = {
	...APP_ENV,
	DATABASE_URL: pathToFileURL(file).href,
	SEED_DEMO: 'false',
	MIGRATIONS_DIR: app.migrations
};

async function exportOnce(path) {
	const server = await startServer('xlsx-export', { ...app, env, nodeArgs: APP_NODE_FLAGS });
	try {
		const headers = await signIn(server);
		const before = readMemory(server.child.pid);
		const memory = sampleMemory(server.child.pid);
		const started = performance.now();
		const response = await fetch(`${server.origin}${path}`, {
			headers,
			signal: AbortSignal.timeout(600_000)
		});
		if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
		const bytes = Buffer.from(await response.arrayBuffer());
		const seconds = (performance.now() - started) / 1000;
		return { path, seconds, bytes, before, peak: memory.stop() };
	} finally {
		await stopServer(server);
	}
}

/** Rows in the workbook's first sheet, read with exceljs's streaming reader (a row at a time). */
async function rowsIn(bytes) {
	let rows = 0;
	for await (const sheet of new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {}))
		for await (const _ of sheet) rows++;
	return rows;
}

const mb = (n) => `${(n / 1024 / 1024).toFixed(0)} MB`;
// The portfolio's live systems (the generator archives some): both files must hold every one.
let expected = 0;
for (const path of ['/systems.csv', '/systems.xlsx']) {
	const r = await exportOnce(path);
	const rows = path.endsWith('.xlsx')
		? (await rowsIn(r.bytes)) - 1
		: Papa.parse(r.bytes.toString('utf8'), { skipEmptyLines: true }).data.length - 1;
	expected ||= rows;
	if (rows !== expected || rows < 90_000)
		throw new Error(`${path} holds ${rows} rows, the CSV ${expected}`);
	console.log(
		`${path}: ${rows.toLocaleString('en-GB')} systems, ${(r.bytes.length / 1e6).toFixed(1)} MB in ${r.seconds.toFixed(1)} s; server RSS ${mb(r.before.rss)} before, peak ${mb(Math.max(r.peak.maxRss, r.peak.hwm))}`
	);
}
