/**
 * `npm run bench -- --only tenants`: many organisations on one database (issue 15).
 *
 * Two embedded databases: 400 organisations of 250 systems each (100,000 systems with their reviews,
 * workstream links and two cost lines each; bench/lib/tenants.js), and the same measured organisation
 * (the 200th, generated from the same seed, so the same rows) alone. Both apps are served at once;
 * each of the organisation's pages is loaded one request at a time, alone and crowded in turn, for
 * several interleaved rounds; the figure is the crowded page's median over the alone one's. Then
 * every SELECT those pages run is explained on the crowded database (bench/tenant-plans.ts): a plan
 * step that scans a table reads other organisations' rows, and is listed.
 *
 * Options: --tenant-rounds N (5), --tenant-seconds S per page per round (2), --tenant-orgs N (400),
 * --tenant-systems N per organisation (250).
 */
import { createClient } from '@libsql/client';
import { hash } from '@node-rs/argon2';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { median } from './lib/pages.js';
import { RESULTS, VITE_NODE, rel } from './lib/paths.js';
import { APP_ENV, APP_NODE_FLAGS, runLogged, startServer, stopServer } from './lib/processes.js';
import { TENANTS_VERSION, addTenants } from './lib/tenants.js';

export const TENANTS_OPTIONS = {
	'--tenant-rounds': true,
	'--tenant-seconds': true,
	'--tenant-orgs': true,
	'--tenant-systems': true
};
const PASSWORD = 'tenants-bench password, never deployed 81b3f0';
const TARGET = 1.5;

export function parseTenantsOptions(args) {
	const o = { rounds: 5, seconds: 2, orgs: 400, systems: 250 };
	for (let i = 0; i < args.length; i++) {
		const arg = args[i];
		if (arg === '--quick') {
			Object.assign(o, { rounds: 2, seconds: 1 });
			continue;
		}
		const v = Number(args[++i]);
		if (!Number.isFinite(v) || v <= 0) throw new Error(`${arg} needs a positive number`);
		else if (arg === '--tenant-rounds') o.rounds = Math.floor(v);
		else if (arg === '--tenant-seconds') o.seconds = v;
		else if (arg === '--tenant-orgs') o.orgs = Math.floor(v);
		else if (arg === '--tenant-systems') o.systems = Math.floor(v);
		else throw new Error(`unknown tenants option ${arg}`);
	}
	return o;
}

function migrationsKey(folder) {
	const h = createHash('sha256');
	for (const f of readdirSync(folder)
		.filter((x) => x.endsWith('.sql'))
		.sort())
		h.update(f).update(readFileSync(join(folder, f)));
	return h.digest('hex').slice(0, 16);
}

/** A database with organisations `from`..`from + count - 1`, reused while generator and migrations are unchanged. */
async function tenantDatabase(name, app, { from, count, systems, passwordHash }) {
	const file = join(RESULTS, `${name}.db`);
	const key = `v${TENANTS_VERSION}:${from}:${count}:${systems}:${migrationsKey(app.migrations)}`;
	const metaFile = `${file}.json`;
	if (
		existsSync(file) &&
		existsSync(metaFile) &&
		JSON.parse(readFileSync(metaFile, 'utf8')).key === key
	) {
		console.log(`  reusing ${rel(file)}`);
		return { file, ...JSON.parse(readFileSync(metaFile, 'utf8')) };
	}
	for (const f of [file, join(RESULTS, `${name}-sessions.db`)])
		for (const s of ['', '-wal', '-shm']) rmSync(f + s, { force: true });
	const client = createClient({ url: pathToFileURL(file).href });
	await client.execute('PRAGMA journal_mode = WAL');
	await migrate(drizzle(client), { migrationsFolder: app.migrations });
	await client.execute('PRAGMA synchronous = OFF');
	const started = performance.now();
	let rows = 0;
	let measured = null;
	for (let at = from; at < from + count; at += 20) {
		const made = await addTenants(client, {
			from: at,
			count: Math.min(20, from + count - at),
			systemsPerOrg: systems,
			costLinesPerSystem: 2,
			users: [{ role: 'org_admin', passwordHash }]
		});
		rows += made.rows;
		measured ??= made.organisations.find((o) => o.index === MEASURED) ?? null;
		if ((at - from) % 100 === 0)
			console.log(`  ${name}: ${at - from + made.organisations.length} organisations`);
	}
	await client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
	client.close();
	const seconds = (performance.now() - started) / 1000;
	console.log(
		`  ${name}: ${count} organisations, ${rows.toLocaleString('en-GB')} rows in ${seconds.toFixed(0)} s`
	);
	// The pre-aggregated cost totals, by the app's own command, for the measured organisation.
	await runLogged(
		process.execPath,
		[
			VITE_NODE,
			'--config',
			'vite.cli.config.ts',
			'src/lib/server/cli/costs.ts',
			'--',
			'--org',
			measured.slug
		],
		{
			cwd: app.cwd,
			env: { DATABASE_URL: pathToFileURL(file).href, SEED_DEMO: 'false' },
			logFile: join(RESULTS, `${name}-costs-rebuild.log`)
		}
	).catch((error) => {
		if (!/exit 1\b/.test(error.message)) throw error;
	});
	const meta = { key, rows, seconds, measured };
	writeFileSync(metaFile, JSON.stringify(meta, null, '\t'));
	return { file, ...meta };
}

/** The measured organisation: the 200th of 400, so its rows sit in the middle of every table. */
const MEASURED = 199;

async function signIn(server, email) {
	const response = await fetch(`${server.origin}/sign-in`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: server.origin,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({ email, password: PASSWORD, next: '/' }).toString()
	});
	await response.arrayBuffer();
	const cookie = response.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.filter((c) => !c.endsWith('='))
		.join('; ');
	if (response.status !== 303 || !cookie)
		throw new Error(`signing in to ${server.name} as ${email}: ${response.status}`);
	return cookie;
}

/** Loads `path` one request at a time for `seconds` (at least 3 times); returns the median ms. */
async function timePage(server, cookie, path, seconds) {
	const times = [];
	const until = performance.now() + seconds * 1000;
	while (times.length < 3 || performance.now() < until) {
		const started = performance.now();
		const response = await fetch(`${server.origin}${path}`, {
			headers: { cookie },
			redirect: 'manual',
			signal: AbortSignal.timeout(60_000)
		});
		await response.arrayBuffer();
		if (response.status !== 200)
			throw new Error(`${server.name} ${path} answered ${response.status}`);
		times.push(performance.now() - started);
	}
	return median(times);
}

/** The pages of one organisation, with the route each is and its parameters for the plan check. */
function pagesOf(org) {
	const system = String(org.systemIds[0]);
	const workstream = String(org.workstreamIds[0]);
	return [
		{ label: '/ (dashboard)', path: '/', route: '', params: {} },
		{ label: '/systems', path: '/systems', route: 'systems', params: {} },
		{
			label: '/systems?hosting=saas&sort=name',
			path: '/systems?hosting=saas&sort=name',
			route: 'systems',
			params: {}
		},
		{
			label: '/systems?q=portal&sort=supplier',
			path: '/systems?q=portal&sort=supplier',
			route: 'systems',
			params: {}
		},
		{
			label: '/systems/[id]',
			path: `/systems/${system}`,
			route: 'systems/[id=id]',
			params: { id: system }
		},
		{
			label: '/systems/[id]/costs',
			path: `/systems/${system}/costs`,
			route: 'systems/[id=id]/costs',
			params: { id: system }
		},
		{ label: '/workstreams', path: '/workstreams', route: 'workstreams', params: {} },
		{
			label: '/workstreams/[id]',
			path: `/workstreams/${workstream}`,
			route: 'workstreams/[id=id]',
			params: { id: workstream }
		},
		{ label: '/rollups', path: '/rollups', route: 'rollups', params: {} },
		{ label: '/timeline', path: '/timeline', route: 'timeline', params: {} },
		{ label: '/audit', path: '/audit', route: 'audit', params: {} }
	];
}

export async function runTenantsBenchmark(options, app) {
	const startedAt = new Date();
	console.log('Databases');
	const passwordHash = await hash(PASSWORD);
	const crowded = await tenantDatabase('tenants-crowded', app, {
		from: 0,
		count: options.orgs,
		systems: options.systems,
		passwordHash
	});
	const alone = await tenantDatabase('tenants-alone', app, {
		from: MEASURED,
		count: 1,
		systems: options.systems,
		passwordHash
	});
	const env = (file) => ({
		...APP_ENV,
		DATABASE_URL: pathToFileURL(file).href,
		SEED_DEMO: 'false'
	});
	const servers = {
		alone: await startServer('tenants-alone', {
			...app,
			env: env(alone.file),
			nodeArgs: APP_NODE_FLAGS
		}),
		crowded: await startServer('tenants-crowded', {
			...app,
			env: env(crowded.file),
			nodeArgs: APP_NODE_FLAGS
		})
	};
	const email = crowded.measured.users[0].email;
	const cookies = {
		alone: await signIn(servers.alone, email),
		crowded: await signIn(servers.crowded, email)
	};
	const pages = { alone: pagesOf(alone.measured), crowded: pagesOf(crowded.measured) };
	const results = pages.crowded.map((p) => ({ label: p.label, alone: [], crowded: [] }));
	console.log(
		`Measuring ${results.length} pages: ${options.rounds} rounds × ${options.seconds} s each, alone and crowded in turn`
	);
	for (const which of ['alone', 'crowded'])
		for (const p of pages[which]) await timePage(servers[which], cookies[which], p.path, 0.2);
	for (let round = 0; round < options.rounds; round++) {
		for (const [i, r] of results.entries()) {
			for (const which of round % 2 ? ['crowded', 'alone'] : ['alone', 'crowded'])
				r[which].push(
					await timePage(servers[which], cookies[which], pages[which][i].path, options.seconds)
				);
		}
		console.log(
			`  round ${round + 1}: ${results.map((r) => `${r.label} ${(r.crowded.at(-1) / r.alone.at(-1)).toFixed(2)}×`).join(' | ')}`
		);
	}
	await stopServer(servers.alone);
	await stopServer(servers.crowded);

	console.log('Explaining every statement on the crowded database');
	const out = join(RESULTS, 'tenant-plans.json');
	rmSync(out, { force: true });
	let plans = null;
	try {
		const userId = Number(
			(
				await createClient({ url: pathToFileURL(crowded.file).href }).execute({
					sql: 'SELECT id FROM app_user WHERE email = ?',
					args: [email]
				})
			).rows[0].id
		);
		// The CLI config: the plain Vite config's SvelteKit plugin refuses the server modules a load imports.
		await runLogged(
			process.execPath,
			[VITE_NODE, '--config', 'vite.cli.config.ts', 'bench-tenant-plans.ts'],
			{
				cwd: app.cwd,
				env: {
					DATABASE_URL: pathToFileURL(crowded.file).href,
					SEED_DEMO: 'false',
					BENCH_USER_ID: String(userId),
					BENCH_PAGES: JSON.stringify(pages.crowded),
					BENCH_PLANS_OUT: out
				},
				logFile: join(RESULTS, 'tenant-plans.log'),
				timeoutMs: 300_000
			}
		);
		plans = JSON.parse(readFileSync(out, 'utf8'));
	} catch (error) {
		console.error(`  plan check failed (the timings stand): ${error.message.split('\n')[0]}`);
	}

	const report = markdown(options, results, plans, crowded, startedAt, app.source);
	writeFileSync(join(RESULTS, 'tenants-latest.md'), report);
	console.log(`\n${report}\nWritten to ${rel(join(RESULTS, 'tenants-latest.md'))}`);
	return [];
}

function markdown(options, results, plans, crowded, startedAt, source) {
	const f = (n) => (n >= 100 ? Math.round(n).toLocaleString('en-GB') : n.toFixed(1));
	const lines = [`### Many organisations on one database (issue 15)`, ''];
	lines.push(
		`Run ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, Node ${process.version}; app source ${source}. Crowded: ${options.orgs} organisations × ` +
			`${options.systems} systems (${(options.orgs * options.systems).toLocaleString('en-GB')} systems, ${crowded.rows.toLocaleString('en-GB')} rows with reviews, ` +
			`workstream links, 2 cost lines a system; bench/lib/tenants.js v${TENANTS_VERSION}); alone: the 200th organisation, the same rows, by itself. ` +
			`Signed in as its organisation administrator; one request at a time, ${options.rounds} interleaved rounds of ${options.seconds} s per page and database; ` +
			`the median of each round's median.`,
		''
	);
	lines.push(
		'| Page | Alone, ms | Crowded, ms | Crowded ÷ alone | Per round | Plan steps scanning a table |',
		'|---|---:|---:|---:|---:|---|'
	);
	for (const [i, r] of results.entries()) {
		const a = median(r.alone);
		const c = median(r.crowded);
		const perRound = r.crowded.map((x, k) => x / r.alone[k]);
		const scans = plans ? [...new Set(plans[i].statements.flatMap((s) => s.scans))] : null;
		r.ratio = c / a;
		lines.push(
			`| \`${r.label}\` | ${f(a)} | ${f(c)} | **${r.ratio.toFixed(2)}×** | ${Math.min(...perRound).toFixed(2)}–${Math.max(...perRound).toFixed(2)} | ${scans == null ? 'not checked' : scans.length ? scans.map((s) => `\`${s}\``).join(', ') : 'none'} |`
		);
	}
	const over = results.filter((r) => r.ratio > TARGET);
	lines.push(
		'',
		`**Target: every page at most ${TARGET}× the same page alone.** ${results.length - over.length} of ${results.length} pages meet it` +
			(over.length
				? `; over: ${over.map((r) => `\`${r.label}\` ${r.ratio.toFixed(2)}×`).join(', ')}: **not met**.`
				: ': **met**.') +
			(plans ? ` Statements explained: ${plans.reduce((n, p) => n + p.statements.length, 0)}.` : '')
	);
	return lines.join('\n') + '\n';
}
