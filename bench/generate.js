#!/usr/bin/env node
/**
 * Generates a large synthetic portfolio for the benchmarks: one organisation (id 1) with
 * 100,000 systems by default, ~60% of them with a current review, ~1.5 workstream links each.
 *
 *   node bench/generate.js bench/results/bench-100k.db [systemCount]
 *
 * The schema comes from the app's own migrations through drizzle's migrator, so
 * __drizzle_migrations is what the app expects and it will not re-run them at start.
 * Rows go in as multi-row INSERTs through @libsql/client, not through drizzle, which is ~3.5x
 * slower for bulk loads (measured here: 95k rows/s through drizzle against 333k rows/s in multi-row statements). Output is deterministic for a given
 * GENERATOR_VERSION, system count and set of migrations.
 */
import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Bump when the generated data changes, so bench/run.js regenerates rather than reusing a stale file. */
export const GENERATOR_VERSION = 5;

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const MIGRATIONS_DIR = join(ROOT, 'src/lib/server/db/migrations');

/** All dates are relative to a fixed day so the same seed gives the same file on any day. */
const BASE_DAY = Date.UTC(2026, 10, 1);
const DAY_MS = 86_400_000;

/** Identifies the data a file holds: generator version, size, and the exact migrations applied. */
export function datasetKey(systemCount, migrationsFolder = MIGRATIONS_DIR) {
	const hash = createHash('sha256');
	hash.update(`v${GENERATOR_VERSION}:${systemCount}`);
	for (const file of readdirSync(migrationsFolder)
		.filter((f) => f.endsWith('.sql'))
		.sort()) {
		hash.update(file).update(readFileSync(join(migrationsFolder, file)));
	}
	hash.update(readFileSync(join(migrationsFolder, 'meta/_journal.json')));
	return hash.digest('hex').slice(0, 16);
}

/** mulberry32: small, fast and good enough to spread synthetic data; seeded so runs are repeatable. */
export function prng(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** The benchmark organisation's structure and vocabulary; bench/lib/inventory.js writes its CSV from the same lists. */
export const DIRECTORATES = [
	'Adults, Health and Wellbeing',
	"Children's Services",
	'Place and Resources'
];
export const SERVICE_AREAS = [
	[0, 'Adult Social Care'],
	[0, 'Public Health'],
	[0, 'Housing Needs'],
	[1, "Children's Social Care"],
	[1, 'Education and Skills'],
	[1, 'Early Help'],
	[2, 'Revenues and Benefits'],
	[2, 'Highways and Transport'],
	[2, 'Planning and Building Control'],
	[2, 'Finance and Procurement'],
	[2, 'Waste and Environment']
];
export const WORKSTREAMS = [
	'Integration',
	'Case Management',
	'Data and Reporting',
	'Cloud Migration',
	'Customer Access',
	'Finance and HR',
	'Infrastructure'
];
export const SUPPLIERS = [
	'Capita',
	'Civica',
	'Northgate Public Services',
	'Idox',
	'Microsoft',
	'Oracle',
	'SAP',
	'Agilisys',
	'Liquidlogic',
	'System C',
	'Servelec',
	'Arcus Global',
	'Granicus',
	'Firmstep',
	'Jadu',
	'Esri UK',
	'Bentley Systems',
	'Yotta',
	'Confirm (Brightly)',
	'Whitespace',
	'Bartec',
	'Access Group',
	'Advanced',
	'Unit4',
	'Zellis',
	'iTrent (MHR)',
	'Ricoh',
	'Xerox',
	'Salesforce',
	'ServiceNow',
	'Atlassian',
	'Adobe',
	'Google',
	'Amazon Web Services',
	'Sopra Steria',
	'CGI',
	'NEC Software Solutions',
	'Tribal',
	'ParentPay',
	'In-house'
];
export const SUBJECTS = [
	'Council Tax',
	'Business Rates',
	'Housing Benefit',
	'Parking Permits',
	'Planning Applications',
	'Building Control',
	'Street Works',
	'Waste Collection',
	'Adult Care',
	'Child Protection',
	'School Admissions',
	'Libraries',
	'Licensing',
	'Electoral Register',
	'Payroll',
	'Asset Register',
	'Housing Repairs',
	'Tenancy',
	'Safeguarding',
	'Special Educational Needs',
	'Pest Control',
	'Trading Standards',
	'Land Charges',
	'Cemeteries',
	'Leisure Bookings',
	'Customer Contact',
	'Fleet',
	'Grants',
	'Debt Recovery',
	'Procurement'
];
export const KINDS = [
	'System',
	'Portal',
	'Database',
	'Case Management',
	'Scheduler',
	'Gateway',
	'Reporting',
	'Mobile App',
	'Workflow',
	'Integration Hub',
	'Finance Module',
	'Document Store'
];
export const PEOPLE = [
	'A. Patel',
	'B. Okafor',
	'C. Jones',
	'D. Williams',
	'E. Nowak',
	'F. Hussain',
	'G. Taylor',
	'H. Evans',
	'I. Murphy',
	'J. Chen'
];
/** Pairs a review may record together; the domain forbids maintain+develop and maintain+decommission. */
const OUTCOME_PAIRS = [
	['develop', 'replace'],
	['decommission', 'replace'],
	['maintain', 'replace'],
	['develop', 'decommission']
];

const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);
const isoInstant = (ms) => new Date(ms).toISOString();

/** Builds one multi-row INSERT statement with positional arguments. */
function insertStatement(table, columns, rows) {
	const placeholders = `(${columns.map(() => '?').join(',')})`;
	return {
		sql: `INSERT INTO ${table} (${columns.join(',')}) VALUES ${rows.map(() => placeholders).join(',')}`,
		args: rows.flat()
	};
}

/** Splits rows (objects keyed by column) into multi-row INSERTs well under SQLite's 32,766 bound-parameter limit. */
function insertStatements(table, columns, objects) {
	const perStatement = Math.max(1, Math.floor(8000 / columns.length));
	const statements = [];
	for (let i = 0; i < objects.length; i += perStatement) {
		const rows = objects.slice(i, i + perStatement).map((o) => columns.map((c) => o[c]));
		statements.push(insertStatement(table, columns, rows));
	}
	return statements;
}

/**
 * The columns to insert into `table`, read from the migrated schema, so a migration that adds an
 * optional column or drops one does not break the generator. Generated columns are left to SQLite.
 * Fails on a required column (NOT NULL, no default) the generator does not fill.
 */
async function insertColumns(client, table, sample) {
	const info = await client.execute(`PRAGMA table_xinfo("${table}")`);
	const writable = info.rows.filter((c) => Number(c.hidden) === 0);
	const missing = writable.filter(
		(c) =>
			Number(c.notnull) === 1 &&
			c.dflt_value === null &&
			Number(c.pk) === 0 &&
			!(String(c.name) in sample)
	);
	if (missing.length > 0) {
		throw new Error(
			`bench/generate.js does not fill ${table}.${missing.map((c) => c.name).join(', ')}: a migration added a required column`
		);
	}
	return writable.map((c) => String(c.name)).filter((name) => name in sample);
}

/**
 * Creates `path` afresh and fills it. Returns the row counts and the time taken to insert them.
 * @param {string} path
 * @param {{ systems?: number, seed?: number, migrationsFolder?: string, log?: (line: string) => void }} [options]
 */
export async function generate(
	path,
	{
		systems: systemCount = 100_000,
		seed = 20261101,
		migrationsFolder = MIGRATIONS_DIR,
		log = console.log
	} = {}
) {
	const file = resolve(path);
	mkdirSync(dirname(file), { recursive: true });
	for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });

	const client = createClient({ url: pathToFileURL(file).href });
	try {
		await client.execute('PRAGMA journal_mode = WAL');
		await migrate(drizzle(client), { migrationsFolder });
		// A throwaway file: losing it on a power cut costs a re-run, so skip the fsyncs.
		await client.execute('PRAGMA synchronous = OFF');
		// Ten indexes on system: a big page cache keeps their pages in memory while loading.
		await client.execute('PRAGMA cache_size = -262144');

		const random = prng(seed);
		const pick = (list) => list[Math.floor(random() * list.length)];
		const chance = (p) => random() < p;
		const between = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
		const weighted = (pairs) => {
			let r = random();
			for (const [value, weight] of pairs) if ((r -= weight) < 0) return value;
			return pairs[pairs.length - 1][0];
		};

		const started = performance.now();
		// Building an index once after the load is far quicker than growing ten of them row by row.
		// The definitions are read back from the migrated schema, so they are exactly the app's.
		const bulkTables = ['system', 'review', 'review_outcome', 'system_workstream'];
		const indexes = await client.execute({
			sql: `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${bulkTables.map(() => '?').join(',')})`,
			args: bulkTables
		});
		await client.batch(
			indexes.rows.map((row) => `DROP INDEX "${row.name}"`),
			'write'
		);
		// The search index's triggers likewise: one rebuild after the load beats 100,000 trigger runs.
		const searchTriggers = await client.execute(
			"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'system\\_search\\_%' ESCAPE '\\'"
		);
		await client.batch(
			searchTriggers.rows.map((row) => `DROP TRIGGER "${row.name}"`),
			'write'
		);
		// The triggers that keep derived tables (switch-offs, the dashboard's counts and continuity outcomes)
		// likewise: per row they would search indexes dropped above. Each such table has a view named
		// `<table>_source` that works its rows out from scratch; the tables are rebuilt from them after the load.
		const keepingTriggers = await client.execute(
			`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN (${bulkTables.map(() => '?').join(',')}, 'milestone') AND sql LIKE '% AFTER %' AND name NOT LIKE 'system\\_search\\_%' ESCAPE '\\'`,
			bulkTables
		);
		await client.batch(
			keepingTriggers.rows.map((row) => `DROP TRIGGER "${row.name}"`),
			'write'
		);
		let inserted = 0;
		const nowMs = BASE_DAY;
		await client.batch(
			[
				{
					sql: 'INSERT INTO organisation (id, slug, name, created_at) VALUES (1, ?, ?, ?)',
					args: ['bench-borough', 'Benchmark Borough Council', isoInstant(nowMs - 900 * DAY_MS)]
				},
				insertStatement(
					'directorate',
					['id', 'organisation_id', 'name'],
					DIRECTORATES.map((name, i) => [i + 1, 1, name])
				),
				insertStatement(
					'service_area',
					['id', 'organisation_id', 'directorate_id', 'name'],
					SERVICE_AREAS.map(([d, name], i) => [i + 1, 1, d + 1, name])
				),
				insertStatement(
					'workstream',
					['id', 'organisation_id', 'name', 'description', 'lead'],
					WORKSTREAMS.map((name, i) => [i + 1, 1, name, `${name} workstream`, PEOPLE[i]])
				)
			],
			'write'
		);
		inserted += 1 + DIRECTORATES.length + SERVICE_AREAS.length + WORKSTREAMS.length;

		const counts = { systems: 0, reviews: 0, outcomes: 0, links: 0 };
		let reviewId = 0;
		const columns = {};
		const reviewRow = (rid, systemId, onMs, summary, isCurrent) => ({
			id: rid,
			organisation_id: 1,
			system_id: systemId,
			reviewed_on: isoDay(onMs),
			reviewer: pick(PEOPLE),
			summary,
			is_current: isCurrent ? 1 : 0,
			superseded_at: isCurrent ? null : isoInstant(onMs + 365 * DAY_MS),
			created_at: isoInstant(onMs)
		});
		const outcomeRow = (rid, systemId, outcome, status, targetDate, workstreamId, isCurrent) => ({
			organisation_id: 1,
			review_id: rid,
			system_id: systemId,
			outcome,
			rationale: `Synthetic rationale for ${outcome}`,
			status,
			target_date: targetDate,
			workstream_id: workstreamId,
			is_current: isCurrent ? 1 : 0
		});
		const CHUNK = 5_000;
		for (let first = 1; first <= systemCount; first += CHUNK) {
			const systemRows = [];
			const reviewRows = [];
			const outcomeRows = [];
			const linkRows = [];
			for (let id = first; id < Math.min(first + CHUNK, systemCount + 1); id++) {
				const areaIndex = between(0, SERVICE_AREAS.length - 1);
				const directorateId = chance(0.97) ? SERVICE_AREAS[areaIndex][0] + 1 : null;
				const serviceAreaId = directorateId != null && chance(0.9) ? areaIndex + 1 : null;
				const supplier = chance(0.04) ? '' : pick(SUPPLIERS);
				const kind = pick(KINDS);
				const subject = pick(SUBJECTS);
				const name = `${subject} ${kind} ${id.toString(36).toUpperCase().padStart(4, '0')}`;
				const hosting = weighted([
					['on_premises', 0.4],
					['hosted', 0.25],
					['saas', 0.35]
				]);
				const criticality = weighted([
					['low', 0.25],
					['medium', 0.4],
					['high', 0.25],
					['critical', 0.1]
				]);
				const userCount = chance(0.1) ? null : Math.round(Math.exp(random() * 8));
				const cost = chance(0.15) ? null : between(50, 25_000) * 10_000 + between(0, 99) * 100;
				const hasContract = chance(0.85);
				const start = BASE_DAY - between(0, 3650) * DAY_MS;
				const end = BASE_DAY + between(-730, 2190) * DAY_MS;
				const createdMs = BASE_DAY - between(30, 1000) * DAY_MS - between(0, 86_399_999);
				const updatedMs = createdMs + Math.floor(random() * (BASE_DAY - createdMs));
				const lifecycle = weighted([
					['live', 0.9],
					['being_replaced', 0.04],
					['decommissioned', 0.03],
					['archived', 0.03]
				]);

				let reviewStatus = 'not_reviewed';
				let outcomeCount = 0;
				let outcomeFlags = 0;
				if (chance(0.6)) {
					// Some systems were reviewed before: the old review and outcomes stay as history.
					if (chance(0.1)) {
						reviewId++;
						const oldOn = BASE_DAY - between(400, 900) * DAY_MS;
						reviewRows.push(reviewRow(reviewId, id, oldOn, 'Earlier review', false));
						outcomeRows.push(outcomeRow(reviewId, id, 'maintain', 'agreed', null, null, false));
					}
					reviewId++;
					const reviewedOn = BASE_DAY - between(0, 365) * DAY_MS;
					reviewRows.push(
						reviewRow(reviewId, id, reviewedOn, `Strategy group review of ${name}`, true)
					);
					const outcomes = chance(0.2)
						? pick(OUTCOME_PAIRS)
						: [
								weighted([
									['maintain', 0.35],
									['develop', 0.25],
									['decommission', 0.15],
									['replace', 0.25]
								])
							];
					let allAgreed = true;
					for (const outcome of outcomes) {
						const status = chance(0.55) ? 'agreed' : 'proposed';
						if (status !== 'agreed') allAgreed = false;
						const needsDate = outcome === 'decommission' || outcome === 'replace';
						const targetDate = needsDate ? isoDay(BASE_DAY + between(60, 1500) * DAY_MS) : null;
						const workstreamId =
							outcome === 'replace' || (outcome === 'develop' && chance(0.5))
								? between(1, WORKSTREAMS.length)
								: null;
						outcomeRows.push(
							outcomeRow(reviewId, id, outcome, status, targetDate, workstreamId, true)
						);
					}
					reviewStatus = allAgreed ? 'agreed' : 'proposed';
					outcomeCount = outcomes.length;
					// The same bits the app keeps (OUTCOME_BIT in src/lib/domain/systems/review.ts).
					outcomeFlags = outcomes.reduce(
						(flags, o) => flags | { maintain: 1, develop: 2, decommission: 4, replace: 8 }[o],
						0
					);
				}

				const linked = new Set([between(1, WORKSTREAMS.length)]);
				if (chance(0.5)) linked.add(between(1, WORKSTREAMS.length));
				for (const workstreamId of linked) {
					linkRows.push({
						organisation_id: 1,
						system_id: id,
						workstream_id: workstreamId,
						note: 'Generated link',
						created_at: isoInstant(createdMs)
					});
				}

				const contact = chance(0.7) ? pick(PEOPLE) : null;
				systemRows.push({
					id,
					organisation_id: 1,
					directorate_id: directorateId,
					directorate_name: directorateId == null ? '' : DIRECTORATES[directorateId - 1],
					service_area_id: serviceAreaId,
					name,
					description: `${kind} supporting ${subject.toLowerCase()}`,
					supplier,
					product: `${supplier || 'Bespoke'} ${kind}`,
					hosting,
					business_owner: pick(PEOPLE),
					technical_owner: pick(PEOPLE),
					contact_name: contact ?? '',
					contact_email: contact
						? `${contact.replace(/[^A-Za-z]/g, '').toLowerCase()}@bench-borough.gov.uk`
						: '',
					// Ofcom's range for drama, never a real number.
					contact_phone: contact ? `01632 960${String(between(0, 999)).padStart(3, '0')}` : '',
					user_count: userCount,
					annual_run_cost_pence: cost,
					contract_start: hasContract ? isoDay(start) : null,
					contract_end: hasContract ? isoDay(end) : null,
					contract_notice: hasContract && chance(0.5) ? isoDay(end - 180 * DAY_MS) : null,
					criticality,
					statutory_duties: chance(0.3) ? 'Statutory duty applies' : '',
					personal_data: weighted([
						['none', 0.3],
						['personal', 0.5],
						['special_category', 0.2]
					]),
					lifecycle,
					external_ref: `SYS-${String(id).padStart(6, '0')}`,
					review_status: reviewStatus,
					outcome_count: outcomeCount,
					outcome_flags: outcomeFlags,
					version: 1,
					created_at: isoInstant(createdMs),
					updated_at: isoInstant(updatedMs)
				});
			}
			const statements = [];
			for (const [table, rows] of [
				['system', systemRows],
				['review', reviewRows],
				['review_outcome', outcomeRows],
				['system_workstream', linkRows]
			]) {
				if (rows.length === 0) continue;
				columns[table] ??= await insertColumns(client, table, rows[0]);
				statements.push(...insertStatements(table, columns[table], rows));
			}
			await client.batch(statements, 'write');
			counts.systems += systemRows.length;
			counts.reviews += reviewRows.length;
			counts.outcomes += outcomeRows.length;
			counts.links += linkRows.length;
			inserted += systemRows.length + reviewRows.length + outcomeRows.length + linkRows.length;
		}
		await client.batch(
			indexes.rows.map((row) => String(row.sql)),
			'write'
		);
		if (searchTriggers.rows.length > 0) {
			await client.batch(
				[
					...searchTriggers.rows.map((row) => String(row.sql)),
					"INSERT INTO system_search(system_search) VALUES ('rebuild')"
				],
				'write'
			);
		}
		const keptTables = await client.execute(
			"SELECT substr(v.name, 1, length(v.name) - 7) AS kept FROM sqlite_master v JOIN sqlite_master t ON t.type = 'table' AND t.name = substr(v.name, 1, length(v.name) - 7) WHERE v.type = 'view' AND v.name LIKE '%\\_source' ESCAPE '\\'"
		);
		const rebuilds = [];
		for (const { kept } of keptTables.rows) {
			const columns = (
				await client.execute(`SELECT name FROM pragma_table_info('${kept}_source')`)
			).rows
				.map((r) => `"${r.name}"`)
				.join(', ');
			rebuilds.push(
				`DELETE FROM "${kept}"`,
				`INSERT INTO "${kept}" (${columns}) SELECT ${columns} FROM "${kept}_source"`
			);
		}
		await client.batch(
			[...rebuilds, ...keepingTriggers.rows.map((row) => String(row.sql))],
			'write'
		);
		const insertSeconds = (performance.now() - started) / 1000;

		// No ANALYZE: the app never runs it, so the planner here works without statistics, as in production.
		const broken = await client.execute('PRAGMA foreign_key_check');
		if (broken.rows.length > 0)
			throw new Error(`generated data breaks ${broken.rows.length} foreign key(s)`);
		await client.execute('PRAGMA wal_checkpoint(TRUNCATE)');

		const result = {
			...counts,
			rows: inserted,
			seconds: insertSeconds,
			rowsPerSecond: Math.round(inserted / insertSeconds)
		};
		log(
			`generated ${counts.systems.toLocaleString('en-GB')} systems, ${counts.reviews.toLocaleString('en-GB')} reviews, ` +
				`${counts.outcomes.toLocaleString('en-GB')} outcomes, ${counts.links.toLocaleString('en-GB')} workstream links: ` +
				`${inserted.toLocaleString('en-GB')} rows in ${insertSeconds.toFixed(1)} s (${result.rowsPerSecond.toLocaleString('en-GB')} rows/s)`
		);
		return result;
	} finally {
		client.close();
	}
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const [path, count] = process.argv.slice(2);
	if (!path) {
		console.error('usage: node bench/generate.js <file.db> [systemCount]');
		process.exit(2);
	}
	if (existsSync(path)) console.log(`replacing ${path}`);
	await generate(path, { systems: count ? Number(count) : 100_000 });
}
