/**
 * `npm run bench -- --only load`: a bounded crowd on the built app, on the embedded file and on sqld.
 *
 * 50 organisations (each 3 directorates, 7 workstreams, 100 systems with reviews, links and two cost
 * lines each) and 200 signed-in users (4 per organisation: 3 editors and a viewer), each a loop of
 * think (2-8 s), then one action: read the systems list (filtered, sorted or searched), a system,
 * its cost lines, the dashboard, the roll-ups or the workstreams; or, for editors, open a system's
 * edit form or a cost line's, think again (typing, 0.2-1 s) and save it as a browser without
 * JavaScript posts it. Half the edits go to each organisation's five 'busy' systems and their cost
 * lines, so officers of one organisation sometimes save the same record at once.
 *
 * Afterwards it checks: no 5xx; every save answered 303 (saved) or 409 (the conflict page); every
 * saved edit was made at a different version of its record (two saves from the same version would be
 * a lost update), the last one is the record's state, and each has exactly one audit row; no refused
 * edit's text is anywhere in the record or the audit trail. Figures: p50/p99 per page.
 *
 * Options: --load-duration S (60), --load-users N (200), --load-orgs N (50), --load-engine
 * file|sqld|both (both), --load-systems N per organisation (100), --load-think MIN-MAX seconds (2-8).
 */
import { createClient } from '@libsql/client';
import { hash } from '@node-rs/argon2';
import { rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startSqld } from '../scripts/sqld.js';
import { readForm } from './lib/forms.js';
import { RESULTS, VITE_NODE, rel } from './lib/paths.js';
import { loopMonitorFor } from './lib/event-loop.js';
import {
	APP_ENV,
	APP_NODE_FLAGS,
	cpuTicks,
	runLogged,
	runQueueSeconds,
	startServer,
	stopServer
} from './lib/processes.js';
import { addTenants } from './lib/tenants.js';

export const LOAD_OPTIONS = {
	'--load-duration': true,
	'--load-users': true,
	'--load-orgs': true,
	'--load-engine': true,
	'--load-systems': true,
	'--load-think': true
};

export function parseLoadOptions(args) {
	const o = {
		duration: 60,
		users: 200,
		orgs: 50,
		engines: ['file', 'sqld'],
		systems: 100,
		think: [2, 8]
	};
	for (let i = 0; i < args.length; i++) {
		const arg = args[i];
		const num = () => {
			const v = Number(args[++i]);
			if (!Number.isFinite(v) || v <= 0) throw new Error(`${arg} needs a positive number`);
			return v;
		};
		if (arg === '--load-duration') o.duration = num();
		else if (arg === '--load-users') o.users = Math.floor(num());
		else if (arg === '--load-orgs') o.orgs = Math.floor(num());
		else if (arg === '--load-systems') o.systems = Math.floor(num());
		else if (arg === '--load-think') {
			const m = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/.exec(args[++i] ?? '');
			if (!m || Number(m[1]) > Number(m[2]))
				throw new Error('--load-think needs MIN-MAX seconds, such as 2-8');
			o.think = [Number(m[1]), Number(m[2])];
		} else if (arg === '--quick') Object.assign(o, { duration: 15, users: 40, orgs: 10 });
		else if (arg === '--load-engine') {
			const e = args[++i];
			if (!['file', 'sqld', 'both'].includes(e))
				throw new Error('--load-engine needs file, sqld or both');
			o.engines = e === 'both' ? ['file', 'sqld'] : [e];
		} else throw new Error(`unknown load option ${arg}`);
	}
	return o;
}

const PASSWORD = 'load-bench password, never deployed 5c2e91';
const ROLES = ['editor', 'editor', 'editor', 'viewer'];
const BUSY = 5;
const TIMEOUT_MS = 60_000;
const LIST_QUERIES = [
	'',
	'?hosting=saas&sort=name',
	'?criticality=high&sort=contractEnd&dir=desc',
	'?outcome=replace',
	'?q=portal&sort=supplier',
	'?review=not_reviewed',
	'?sort=cost&dir=desc'
];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pick = (list) => list[Math.floor(Math.random() * list.length)];
const quantile = (sorted, q) =>
	sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN;

/** One engine's database: a fresh file, or a fresh sqld with JWT authentication. */
async function freshDatabase(engine) {
	if (engine === 'file') {
		const file = join(RESULTS, 'load.db');
		for (const f of [file, join(RESULTS, 'load-sessions.db')])
			for (const s of ['', '-wal', '-shm']) rmSync(f + s, { force: true });
		return { url: pathToFileURL(file).href, token: undefined, stop: async () => {} };
	}
	const dir = join(RESULTS, 'load-sqld');
	rmSync(dir, { recursive: true, force: true });
	const server = await startSqld({ dir });
	return { url: server.url, token: server.token, stop: server.stop };
}

async function request(vu, method, path, body) {
	const started = performance.now();
	const response = await fetch(`${vu.origin}${path}`, {
		method,
		redirect: 'manual',
		headers: {
			cookie: vu.cookie,
			accept: 'text/html',
			...(body ? { origin: vu.origin, 'content-type': 'application/x-www-form-urlencoded' } : {})
		},
		body: body?.toString(),
		signal: AbortSignal.timeout(TIMEOUT_MS)
	});
	const html = await response.text();
	return {
		status: response.status,
		html,
		location: response.headers.get('location') ?? '',
		ms: performance.now() - started
	};
}

async function signIn(origin, email) {
	const response = await fetch(`${origin}/sign-in`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ email, password: PASSWORD, next: '/' }).toString(),
		signal: AbortSignal.timeout(TIMEOUT_MS)
	});
	await response.arrayBuffer();
	const cookie = response.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.filter((c) => !c.endsWith('='))
		.join('; ');
	if (response.status !== 303 || !cookie)
		throw new Error(`signing in as ${email}: ${response.status}`);
	return cookie;
}

/** What a refused form said (its GOV.UK error summary), to name the cause of a 400. */
const refusalOf = (r) =>
	r.status === 400
		? (r.html.match(/govuk-error-summary__list[^>]*>([\s\S]*?)<\/ul>/)?.[1] ?? r.html.slice(0, 300))
				.replace(/<[^>]*>/g, ' ')
				.replace(/\s+/g, ' ')
				.trim()
		: undefined;

/** Runs the crowd until `until`; every request's time goes to `stats`, every save's fate to `saves`. */
async function virtualUser(vu, until, stats, saves, [thinkMin, thinkMax]) {
	const note = (page, r) => {
		const s = (stats[page] ??= { times: [], statuses: {} });
		s.times.push(r.ms);
		s.statuses[r.status] = (s.statuses[r.status] ?? 0) + 1;
		return r;
	};
	const system = () =>
		Math.random() < 0.5 ? pick(vu.org.systemIds.slice(0, BUSY)) : pick(vu.org.systemIds);
	while (Date.now() < until) {
		await sleep((thinkMin + Math.random() * (thinkMax - thinkMin)) * 1000);
		if (Date.now() >= until) break;
		const roll = Math.random();
		// A save sent but not answered (a timeout): it may or may not have been committed.
		let pending = null;
		try {
			if (vu.role === 'editor' && roll < 0.18) {
				const id = system();
				const page = note(
					'GET /systems/[id]/edit',
					await request(vu, 'GET', `/systems/${id}/edit`)
				);
				const form =
					page.status === 200 && readForm(page.html, (f) => f.includes('name="version"'));
				if (!form) continue;
				await sleep(200 + Math.random() * 800);
				const token = `load ${vu.n} ${Math.random().toString(36).slice(2, 12)}`;
				form.fields.set('description', token);
				pending = { kind: 'system', id, token, version: Number(form.fields.get('version')) };
				const r = note(
					'POST /systems/[id]/edit',
					await request(vu, 'POST', `/systems/${id}/edit`, form.fields)
				);
				saves.push({
					kind: 'system',
					id,
					token,
					version: Number(form.fields.get('version')),
					status: r.status,
					conflictShown: r.status === 409 && /conflict|changed/i.test(r.html),
					refusal: refusalOf(r)
				});
			} else if (vu.role === 'editor' && roll < 0.3) {
				const id = system();
				const line = vu.lines.get(id);
				if (!line) continue;
				const path = `/systems/${id}/costs?edit=${line}`;
				const page = note('GET /systems/[id]/costs?edit=', await request(vu, 'GET', path));
				const form =
					page.status === 200 && readForm(page.html, (f) => /action="[^"]*\/update"/.test(f));
				if (!form) continue;
				await sleep(200 + Math.random() * 800);
				const token = `load ${vu.n} ${Math.random().toString(36).slice(2, 12)}`;
				form.fields.set('description', token);
				form.fields.set('amount', (100 + Math.floor(Math.random() * 50_000)).toFixed(2));
				const target = new URL(form.action.replace(/&amp;/g, '&'), `${vu.origin}${path}`);
				pending = {
					kind: 'cost_line',
					id: line,
					token,
					version: Number(form.fields.get('version'))
				};
				const r = note(
					'POST /systems/[id]/costs?/update',
					await request(vu, 'POST', `${target.pathname}${target.search}`, form.fields)
				);
				saves.push({
					kind: 'cost_line',
					id: line,
					token,
					version: Number(form.fields.get('version')),
					status: r.status,
					conflictShown: r.status === 409 && /conflict|changed/i.test(r.html),
					refusal: refusalOf(r)
				});
			} else if (roll < 0.55) {
				note('GET /systems', await request(vu, 'GET', `/systems${pick(LIST_QUERIES)}`));
			} else if (roll < 0.7) {
				note('GET /systems/[id]', await request(vu, 'GET', `/systems/${system()}`));
			} else if (roll < 0.8) {
				note('GET /systems/[id]/costs', await request(vu, 'GET', `/systems/${system()}/costs`));
			} else if (roll < 0.9) {
				note('GET /', await request(vu, 'GET', '/'));
			} else if (roll < 0.95) {
				note('GET /rollups', await request(vu, 'GET', '/rollups'));
			} else {
				note('GET /workstreams', await request(vu, 'GET', '/workstreams'));
			}
		} catch (error) {
			if (pending) saves.push({ ...pending, status: 0 });
			const s = (stats['(no answer)'] ??= { times: [], statuses: {} });
			s.statuses[error instanceof Error ? error.name : 'error'] =
				(s.statuses[error instanceof Error ? error.name : 'error'] ?? 0) + 1;
		}
	}
}

/** Checks the saves against the database: the state, the versions and the audit trail. */
async function verifySaves(client, saves) {
	const problems = [];
	const byRecord = new Map();
	for (const s of saves) {
		const key = `${s.kind}:${s.id}`;
		if (!byRecord.has(key)) byRecord.set(key, []);
		byRecord.get(key).push(s);
	}
	const other = saves.filter((s) => s.status !== 303 && s.status !== 409 && s.status !== 0);
	if (other.length)
		problems.push(
			`${other.length} saves answered neither 303 nor 409 (${[...new Set(other.map((s) => `${s.status} ${s.kind}${s.refusal ? `: ${s.refusal}` : ''}`))].join('; ')})`
		);
	const unexplained = saves.filter((s) => s.status === 409 && !s.conflictShown);
	if (unexplained.length)
		problems.push(`${unexplained.length} refused saves without a conflict message`);
	for (const [key, list] of byRecord) {
		const [kind, id] = key.split(':');
		const table = kind === 'system' ? 'system' : 'cost_line';
		const [row] = (
			await client.execute({
				sql: `SELECT description, version FROM ${table} WHERE id = ?`,
				args: [Number(id)]
			})
		).rows;
		const audit = (
			await client.execute({
				sql: "SELECT after FROM audit_event WHERE entity = ? AND entity_id = ? AND action = 'update'",
				args: [kind, id]
			})
		).rows.map((r) => String(r.after ?? ''));
		const saved = list.filter((s) => s.status === 303).sort((a, b) => a.version - b.version);
		const versions = new Set(saved.map((s) => s.version));
		if (versions.size !== saved.length)
			problems.push(
				`${key}: ${saved.length - versions.size} saves accepted from a version another accepted save had already replaced (lost update)`
			);
		// An unanswered save may have been committed after the last answered one: then it is the state.
		const unanswered = list.filter((x) => x.status === 0 && x.token === row?.description);
		const last = unanswered.length ? null : saved[saved.length - 1];
		if (last && row?.description !== last.token)
			problems.push(`${key}: holds '${row?.description}', not the last saved edit '${last.token}'`);
		if (last && Number(row?.version) !== last.version + 1)
			problems.push(
				`${key}: at version ${row?.version}, the last save was made at ${last.version}`
			);
		for (const s of saved) {
			const rows = audit.filter((a) => a.includes(s.token)).length;
			if (rows !== 1) problems.push(`${key}: the saved edit '${s.token}' has ${rows} audit rows`);
		}
		for (const s of list.filter((x) => x.status !== 303 && x.status !== 0)) {
			if (row?.description === s.token || audit.some((a) => a.includes(s.token)))
				problems.push(`${key}: the refused edit '${s.token}' was written`);
		}
	}
	return problems;
}

async function runOnEngine(engine, options, app) {
	console.log(`\n-- load on ${engine} --`);
	const database = await freshDatabase(engine);
	const dbEnv = {
		DATABASE_URL: database.url,
		...(database.token ? { DATABASE_AUTH_TOKEN: database.token } : {})
	};
	try {
		let server = await startServer(`load-${engine}`, {
			...app,
			env: { ...APP_ENV, ...dbEnv, SEED_DEMO: 'false', MIGRATIONS_DIR: app.migrations },
			nodeArgs: APP_NODE_FLAGS
		});
		const client = createClient({ url: database.url, authToken: database.token });
		const passwordHash = await hash(PASSWORD);
		const started = performance.now();
		const { organisations, rows } = await addTenants(client, {
			count: options.orgs,
			systemsPerOrg: options.systems,
			costLinesPerSystem: 2,
			users: ROLES.map((role) => ({ role, passwordHash }))
		});
		console.log(
			`  ${options.orgs} organisations, ${rows.toLocaleString('en-GB')} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`
		);
		const logFile = join(RESULTS, `load-${engine}-costs-rebuild.log`);
		await runLogged(
			process.execPath,
			[VITE_NODE, '--config', 'vite.cli.config.ts', 'src/lib/server/cli/costs.ts'],
			{ cwd: app.cwd, env: { ...dbEnv, SEED_DEMO: 'false' }, logFile }
		).catch((error) => {
			if (!/exit 1\b/.test(error.message)) throw error; // 1 = differences found and repaired: the totals were empty
		});
		// Restarted so nothing the app read before the rows arrived is kept; with the event-loop
		// monitor, which says whether the app held its loop (a long synchronous query) or only queued.
		await stopServer(server);
		const monitor = loopMonitorFor(`load-${engine}`);
		server = await startServer(`load-${engine}`, {
			...app,
			env: {
				...APP_ENV,
				...dbEnv,
				...monitor.env,
				SEED_DEMO: 'false',
				MIGRATIONS_DIR: app.migrations
			},
			nodeArgs: [...APP_NODE_FLAGS, ...monitor.nodeArgs]
		});

		const lines = new Map(
			(
				await client.execute(
					'SELECT system_id, min(id) AS id FROM cost_line WHERE system_id IS NOT NULL GROUP BY system_id'
				)
			).rows.map((r) => [Number(r.system_id), Number(r.id)])
		);
		const vus = [];
		for (let n = 0; n < options.users; n++) {
			const org = organisations[n % organisations.length];
			const user = org.users[Math.floor(n / organisations.length) % org.users.length];
			vus.push({ n, org, role: user.role, email: user.email, origin: server.origin, lines });
		}
		for (let i = 0; i < vus.length; i += 4)
			await Promise.all(
				vus.slice(i, i + 4).map(async (vu) => (vu.cookie = await signIn(server.origin, vu.email)))
			);
		console.log(`  ${vus.length} users signed in; running ${options.duration} s`);
		const stats = {};
		const saves = [];
		await monitor.read(server); // starts the monitor afresh: sign-in is not part of the run
		// Where the time went: the app's CPU, the crowd's own (it runs in this process, on the same
		// cores) and the machine's load, so a slow run can be told apart from a slow app.
		const appTicks = cpuTicks(server.child.pid);
		const appWaited = runQueueSeconds(server.child.pid);
		const crowdCpu = process.cpuUsage();
		const loadBefore = loadavg()[0];
		const until = Date.now() + options.duration * 1000;
		const runStarted = performance.now();
		await Promise.all(vus.map((vu) => virtualUser(vu, until, stats, saves, options.think)));
		const seconds = (performance.now() - runStarted) / 1000;
		const loop = await monitor.read(server);
		const appCpuSeconds = ((cpuTicks(server.child.pid) ?? NaN) - (appTicks ?? NaN)) / 100;
		const { user, system } = process.cpuUsage(crowdCpu);
		const machine = {
			appCpuSeconds,
			appRunQueueSeconds: (runQueueSeconds(server.child.pid) ?? NaN) - (appWaited ?? NaN),
			crowdCpuSeconds: (user + system) / 1e6,
			loadBefore,
			loadAfter: loadavg()[0],
			loopMaxMs: loop.maxMs,
			loopP99Ms: loop.p99Ms
		};
		const problems = await verifySaves(client, saves);
		client.close();
		await stopServer(server);
		const serverErrors = Object.values(stats).reduce(
			(n, s) =>
				n +
				Object.entries(s.statuses)
					.filter(([code]) => Number(code) >= 500)
					.reduce((m, [, c]) => m + c, 0),
			0
		);
		const pages = Object.entries(stats)
			.map(([page, s]) => {
				const sorted = [...s.times].sort((a, b) => a - b);
				return {
					page,
					requests: Object.values(s.statuses).reduce((a, b) => a + b, 0),
					p50: quantile(sorted, 0.5),
					p99: quantile(sorted, 0.99),
					max: sorted[sorted.length - 1] ?? NaN,
					statuses: s.statuses
				};
			})
			.sort((a, b) => b.requests - a.requests);
		const result = {
			engine,
			seconds,
			requests: pages.reduce((n, p) => n + p.requests, 0),
			serverErrors,
			saves: {
				systems: saves.filter((s) => s.kind === 'system').length,
				costLines: saves.filter((s) => s.kind === 'cost_line').length,
				saved: saves.filter((s) => s.status === 303).length,
				conflicts: saves.filter((s) => s.status === 409).length,
				unanswered: saves.filter((s) => s.status === 0).length
			},
			unanswered: Object.values(stats['(no answer)']?.statuses ?? {}).reduce((a, b) => a + b, 0),
			problems,
			pages,
			machine
		};
		console.log(
			`  ${result.requests} requests in ${seconds.toFixed(0)} s, ${serverErrors} 5xx, ${result.saves.saved} saved, ${result.saves.conflicts} conflicts, ${problems.length} problems`
		);
		console.log(`  ${describeMachine(result)}`);
		for (const p of problems.slice(0, 10)) console.log(`    ${p}`);
		return result;
	} finally {
		await database.stop();
	}
}

/** The app's CPU per request and the share of a core it got, beside the machine's load. */
function describeMachine(r) {
	const m = r.machine;
	const perRequest = (m.appCpuSeconds * 1000) / Math.max(1, r.requests);
	return (
		`the app used ${m.appCpuSeconds.toFixed(1)} s of CPU in ${r.seconds.toFixed(0)} s (${perRequest.toFixed(0)} ms a request, ` +
		`${((100 * m.appCpuSeconds) / r.seconds).toFixed(0)}% of one core), and waited ${m.appRunQueueSeconds.toFixed(1)} s for a CPU while ready to run; the crowd itself ${m.crowdCpuSeconds.toFixed(1)} s; ` +
		`load average ${m.loadBefore.toFixed(1)} before, ${m.loadAfter.toFixed(1)} after (2 cores); ` +
		`the app's event loop held at most ${m.loopMaxMs.toFixed(0)} ms (99th percentile ${m.loopP99Ms.toFixed(0)} ms)`
	);
}

function markdown(options, results, startedAt, source) {
	const lines = [
		`### Load: ${options.users} users across ${options.orgs} organisations (issue 15)`,
		''
	];
	lines.push(
		`Run ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, Node ${process.version}; app source ${source}. ${options.orgs} organisations of ${options.systems} systems ` +
			`(reviews, workstream links, 2 cost lines each; bench/lib/tenants.js), ${options.users} users signed in (3 editors and a viewer per organisation), ` +
			`${options.duration} s each engine. Each user thinks ${options.think[0]}–${options.think[1]} s, then reads the systems list (7 filters, sorts and a search), a system, its cost lines, the dashboard, ` +
			`the roll-ups or the workstreams, or (editors, 30%) opens a system's or a cost line's edit form, types for 0.2–1 s and saves; half the edits go to each ` +
			`organisation's 5 busy systems. The app is the adapter-node build served by server.js.`,
		''
	);
	lines.push(
		`| Page | ${results.map((r) => `${r.engine}: requests | p50 ms | p99 ms | max ms`).join(' | ')} |`
	);
	lines.push(`|---|${results.map(() => '---:|---:|---:|---:').join('|')}|`);
	const pages = [...new Set(results.flatMap((r) => r.pages.map((p) => p.page)))];
	const f = (n) =>
		Number.isFinite(n) ? (n >= 100 ? Math.round(n).toLocaleString('en-GB') : n.toFixed(1)) : '';
	for (const page of pages) {
		lines.push(
			`| ${page} | ${results
				.map((r) => {
					const p = r.pages.find((x) => x.page === page);
					return p ? `${p.requests} | ${f(p.p50)} | ${f(p.p99)} | ${f(p.max)}` : ' | | | ';
				})
				.join(' | ')} |`
		);
	}
	lines.push('');
	for (const r of results) {
		lines.push(
			`**${r.engine}:** ${r.requests.toLocaleString('en-GB')} requests in ${r.seconds.toFixed(0)} s (${(r.requests / r.seconds).toFixed(0)}/s); **${r.serverErrors} 5xx**; ` +
				`**${r.unanswered} requests unanswered within 60 s**; ` +
				`${r.saves.systems} system saves and ${r.saves.costLines} cost-line saves: ${r.saves.saved} saved, ${r.saves.conflicts} refused as conflicts, ${r.saves.unanswered} unanswered; ` +
				`lost updates and other problems: **${r.problems.length}**${r.problems.length ? ` (${r.problems.slice(0, 5).join('; ')})` : ''}. ` +
				`Machine: ${describeMachine(r)}.`
		);
	}
	return lines.join('\n') + '\n';
}

/** Runs the crowd on each engine; returns the problems found (an empty list when all is well). */
export async function runLoadBenchmark(options, app) {
	const startedAt = new Date();
	const results = [];
	for (const engine of options.engines) results.push(await runOnEngine(engine, options, app));
	const report = markdown(options, results, startedAt, app.source);
	writeFileSync(join(RESULTS, 'load-latest.md'), report);
	writeFileSync(join(RESULTS, 'load-latest.json'), JSON.stringify(results, null, '\t'));
	console.log(`\n${report}\nWritten to ${rel(join(RESULTS, 'load-latest.md'))}`);
	return results.flatMap((r) => [
		...r.problems,
		...(r.serverErrors ? [`${r.engine}: ${r.serverErrors} server errors`] : [])
	]);
}
