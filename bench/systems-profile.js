#!/usr/bin/env node
/**
 * Where a /systems request's CPU goes, against its floor, counted rather than timed (issue 15).
 *
 *   npm run bench -- --only systems --cpu-prof [--requests N] [--use-build | --reuse-snapshot]
 *
 * Serves the built app and the baseline app (bench/baseline) with `node --cpu-prof` on the
 * generated 100,000-system database, sends each /systems URL and its /floor twin the same number of
 * requests (autocannon `amount`, 2 connections) after a warm-up round of up to 200 each, stops both
 * servers so they write their profiles (bench/results/profiles/systems/), and prints the profile
 * samples per request of each URL (from the samples' timestamps; the warm-up is left out) and, over
 * the whole profile, the functions and packages that took them. Samples are V8's 1 ms ticks of the busy thread: the
 * machine's load changes how long a request waits, much less how many ticks its work takes, so the
 * app/floor ratio of samples a request is the figure to compare across runs.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { buildBaseline, prepareDatabase } from './lib/builds.js';
import { checkPage, deepPageCandidates } from './lib/pages.js';
import { RESULTS, rel } from './lib/paths.js';
import { APP_ENV, APP_NODE_FLAGS, cpuTicks, startServer, stopServer } from './lib/processes.js';
import { ensureBenchUser, signIn } from './lib/session.js';

export const SYSTEMS_PROFILE_OPTIONS = { '--requests': true, '--cpu-prof': false };

/** The same URLs as the /systems benchmark, the deep page included. */
const PATHS = [
	'/systems?hosting=saas&sort=name',
	'/systems?criticality=high&sort=contractEnd&dir=desc',
	'/systems?outcome=replace',
	'/systems?q=portal&sort=supplier'
];

export function parseSystemsProfileOptions(args) {
	const o = { requests: 1500 };
	for (let i = 0; i < args.length; i++) {
		if (args[i] === '--requests') o.requests = Math.max(50, Math.floor(Number(args[++i])));
		else if (args[i] !== '--cpu-prof') throw new Error(`unknown option ${args[i]}`);
	}
	return o;
}

function send(url, amount, headers) {
	return new Promise((resolvePromise, reject) => {
		autocannon({ url, amount, connections: 2, headers, timeout: 60 }, (error, result) =>
			error ? reject(error) : resolvePromise(result)
		);
	});
}

/**
 * Self samples per function (name, file:line) and per package, from one .cpuprofile, and the busy
 * samples inside each of `windows` (microseconds on the monotonic clock, which V8's profile
 * timestamps and process.hrtime share), so each URL has its own count.
 */
export function summariseProfile(file, windows = []) {
	const profile = JSON.parse(readFileSync(file, 'utf8'));
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const counts = new Map();
	for (const id of profile.samples) counts.set(id, (counts.get(id) ?? 0) + 1);
	const idle = (id) => {
		const name = byId.get(id).callFrame.functionName;
		return name === '(idle)' || name === '(program)';
	};
	const inWindow = windows.map(() => 0);
	let at = profile.startTime;
	for (let i = 0; i < profile.samples.length; i++) {
		at += profile.timeDeltas[i];
		if (idle(profile.samples[i])) continue;
		const w = windows.findIndex((x) => at >= x.from && at <= x.to);
		if (w >= 0) inWindow[w]++;
	}
	const fns = new Map();
	const packages = new Map();
	let busy = 0;
	for (const [id, n] of counts) {
		const frame = byId.get(id).callFrame;
		if (frame.functionName === '(idle)' || frame.functionName === '(program)') continue;
		busy += n;
		const where = frame.url.replace(/^file:\/\//, '');
		const short = where.replace(/^.*node_modules\//, '').replace(/^.*\/build\//, 'build/');
		const key = `${frame.functionName || '(anonymous)'} ${short.split('/').slice(-2).join('/')}:${frame.lineNumber + 1}`;
		fns.set(key, (fns.get(key) ?? 0) + n);
		const pkg = !where
			? frame.functionName.startsWith('(')
				? frame.functionName
				: '(native)'
			: where.startsWith('node:')
				? 'node:internal'
				: where.includes('node_modules/')
					? where
							.split('node_modules/')
							.at(-1)
							.split('/')
							.slice(0, where.includes('node_modules/@') ? 2 : 1)
							.join('/')
					: where.includes('/build/server/chunks/') || where.includes('/build/server/')
						? `app:${where.split('/').at(-1)}`
						: where;
		packages.set(pkg, (packages.get(pkg) ?? 0) + n);
	}
	const top = (map, n) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n);
	return { busy, functions: top(fns, 40), packages: top(packages, 25), inWindow };
}

export async function runSystemsProfile(app, options) {
	const baselineApp = await buildBaseline();
	const { file } = await prepareDatabase(100_000, app.migrations);
	await ensureBenchUser(app, file);
	const dir = join(RESULTS, 'profiles', 'systems');
	rmSync(dir, { recursive: true, force: true });
	const dirs = { app: join(dir, 'app'), floor: join(dir, 'floor') };
	for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
	const dbEnv = { DATABASE_URL: pathToFileURL(file).href };
	const appServer = await startServer('profile-app', {
		...app,
		env: { ...APP_ENV, ...dbEnv, SEED_DEMO: 'false', MIGRATIONS_DIR: app.migrations },
		nodeArgs: [...APP_NODE_FLAGS, '--cpu-prof', `--cpu-prof-dir=${dirs.app}`]
	});
	const floorServer = await startServer('profile-floor', {
		...baselineApp,
		env: dbEnv,
		nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dirs.floor}`]
	});
	const headers = await signIn(appServer);
	const deep = await deepPageCandidates(file, 1000, 50);
	const paths = [...PATHS, deep.paths[0]].filter(Boolean);
	const marker = 'data-testid="systems-table"';
	for (const path of paths) {
		const page = await checkPage(`${appServer.origin}${path}`, marker, headers);
		const floor = await checkPage(
			`${floorServer.origin}${path.replace('/systems', '/floor')}`,
			marker,
			headers
		);
		if (page.rows !== floor.rows || page.firstId !== floor.firstId || page.total !== floor.total)
			throw new Error(`${path}: the floor shows other rows than /systems`);
	}
	// Warm both servers on every URL first, so the compiler's first minutes fall in neither URL's count.
	// The by-package and by-function shares cover the whole profile, so they divide by every request.
	const served = { app: 0, floor: 0 };
	for (const path of paths)
		for (const [name, url] of [
			['floor', `${floorServer.origin}${path.replace('/systems', '/floor')}`],
			['app', `${appServer.origin}${path}`]
		])
			served[name] += (await send(url, Math.min(200, options.requests), headers)).requests.total;
	// The same requests to each, interleaved URL by URL; the CPU from /proc as a cross-check.
	const ticks = { app: 0, floor: 0 };
	const requests = { app: 0, floor: 0 };
	const windows = { app: [], floor: [] };
	const micros = () => Number(process.hrtime.bigint() / 1000n);
	for (const path of paths) {
		for (const [name, server, url] of [
			['floor', floorServer, `${floorServer.origin}${path.replace('/systems', '/floor')}`],
			['app', appServer, `${appServer.origin}${path}`]
		]) {
			const before = cpuTicks(server.child.pid);
			const from = micros();
			const r = await send(url, options.requests, headers);
			windows[name].push({ path, from, to: micros(), requests: r.requests.total });
			if (r.non2xx || r.errors) throw new Error(`${url}: ${r.non2xx + r.errors} failed requests`);
			ticks[name] += cpuTicks(server.child.pid) - before;
			requests[name] += r.requests.total;
			served[name] += r.requests.total;
		}
		console.log(`  ${path.slice(0, 60)}: ${options.requests} requests each`);
	}
	await stopServer(appServer);
	await stopServer(floorServer);
	const result = {};
	for (const name of ['app', 'floor']) {
		// The main thread's profile (thread 0); the app's checkpointer worker writes one of its own.
		const written = readdirSync(dirs[name]).filter((f) => f.endsWith('.cpuprofile'));
		const profile = written.find((f) => /\.0\.\d+\.cpuprofile$/.test(f)) ?? written[0];
		if (!profile) throw new Error(`no profile written in ${rel(dirs[name])}`);
		result[name] = {
			...summariseProfile(join(dirs[name], profile), windows[name]),
			file: join(dirs[name], profile)
		};
	}
	// Samples inside the measured windows only: the warm-up round's are in the profile but not counted.
	const measured = (name) => result[name].inWindow.reduce((a, b) => a + b, 0);
	const perRequest = (name) => measured(name) / requests[name];
	console.log(
		`\nBusy profile samples a request: /systems ${perRequest('app').toFixed(2)}, floor ${perRequest('floor').toFixed(2)} ` +
			`(ratio ${(perRequest('app') / perRequest('floor')).toFixed(2)}); CPU from /proc ${((ticks.app * 10) / requests.app).toFixed(2)} ms vs ` +
			`${((ticks.floor * 10) / requests.floor).toFixed(2)} ms a request`
	);
	console.log('\nBy URL, busy samples a request (/systems vs its floor):');
	windows.app.forEach((w, i) => {
		const app = result.app.inWindow[i] / w.requests;
		const floor = result.floor.inWindow[i] / windows.floor[i].requests;
		console.log(
			`  ${app.toFixed(2).padStart(6)} vs ${floor.toFixed(2).padStart(6)}  ${((100 * floor) / app).toFixed(0).padStart(3)}% of the floor's rate  ${w.path.slice(0, 60)}`
		);
	});
	for (const name of ['app', 'floor']) {
		const { busy, functions, packages } = result[name];
		const pct = (n) => `${((100 * n) / busy).toFixed(1).padStart(5)}%`;
		console.log(`\n${name}: ${busy} busy samples (${rel(result[name].file)})\n  by package:`);
		for (const [k, n] of packages)
			console.log(`  ${pct(n)} ${(n / served[name]).toFixed(3).padStart(7)}/req  ${k}`);
		console.log('  by function (self):');
		for (const [k, n] of functions)
			console.log(`  ${pct(n)} ${(n / served[name]).toFixed(3).padStart(7)}/req  ${k}`);
	}
	return { result, requests, ticks, windows };
}
