/**
 * The import benchmark's baseline: the least work that turns the same file into the same rows. A bare
 * papaparse parse of the file's text, then the good rows converted with plain lookups and written as
 * multi-row INSERTs through @libsql/client in one transaction, into the `system` table of a fresh
 * database holding the bench organisation (the app's migrations and indexes, the app's PRAGMAs).
 */
import { createClient } from '@libsql/client';
import Papa from 'papaparse';
import { rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { generate } from '../generate.js';
import { OWN_WORDS } from './inventory.js';

/** Words in the file -> codes in the database; the app accepts more, the generated file uses these (with the officer's answers for its own words). */
const CODES = {
	hosting: {
		'on-premises': 'on_premises',
		'on prem': 'on_premises',
		hosted: 'hosted',
		'software as a service': 'saas',
		saas: 'saas',
		cloud: 'saas'
	},
	criticality: { low: 'low', medium: 'medium', high: 'high', critical: 'critical' },
	personalData: {
		none: 'none',
		'personal data': 'personal',
		'special category data': 'special_category',
		yes: 'personal',
		no: 'none'
	},
	lifecycle: { live: 'live', 'being replaced': 'being_replaced', decommissioned: 'decommissioned' }
};
for (const w of OWN_WORDS) CODES[w.set][w.text.toLowerCase()] = w.code;

const COLUMNS = [
	'organisation_id',
	'external_ref',
	'name',
	'supplier',
	'product',
	'directorate_id',
	'directorate_name',
	'service_area_id',
	'hosting',
	'criticality',
	'user_count',
	'annual_run_cost_pence',
	'contract_start',
	'contract_end',
	'contract_notice',
	'personal_data',
	'lifecycle'
];
/** Rows per statement, well under SQLite's 32,766 bound-parameter limit (as bench/generate.js). */
const ROWS_PER_STATEMENT = Math.floor(8000 / COLUMNS.length);

function code(kind, word) {
	const value = CODES[kind][word.trim().toLowerCase()];
	if (value === undefined)
		throw new Error(`baseline: '${word}' is not a ${kind} the generated file uses`);
	return value;
}
const nullIfBlank = (text) => (text.trim() === '' ? null : text.trim());
const pence = (text) =>
	text.trim() === '' ? null : Math.round(Number(text.replace(/[£,\s]/g, '')) * 100);
const count = (text) => (text.trim() === '' ? null : Number(text.replace(/,/g, '')));
const iso = (text) => {
	if (text.trim() === '') return null;
	if (text.includes('-')) return text.trim();
	const [d, m, y] = text.trim().split('/');
	return `${y}-${m}-${d}`;
};

/** A fresh database with the bench organisation (directorates, service areas, workstreams) and no systems. */
export async function freshOrganisationDatabase(file, migrationsFolder) {
	for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
	await generate(file, { systems: 0, migrationsFolder, log: () => undefined });
}

/**
 * Times the baseline on `bytes` (the CSV file), skipping the rows in `badRows` (spreadsheet row
 * numbers), which the app rejects. Returns milliseconds for the parse and the insert, and rows written.
 */
export async function runBaseline(bytes, badRows, { file, migrationsFolder }) {
	await freshOrganisationDatabase(file, migrationsFolder);
	const client = createClient({ url: pathToFileURL(file).href });
	try {
		// As the app's connection when it writes (src/lib/server/db/index.ts): WAL, 64 MiB cache, foreign keys.
		await client.execute('PRAGMA journal_mode = WAL');
		await client.execute('PRAGMA cache_size = -65536');
		await client.execute('PRAGMA foreign_keys = ON');
		const directorates = new Map(
			(await client.execute('SELECT id, name FROM directorate WHERE organisation_id = 1')).rows.map(
				(r) => [String(r.name), Number(r.id)]
			)
		);
		const serviceAreas = new Map(
			(
				await client.execute('SELECT id, name FROM service_area WHERE organisation_id = 1')
			).rows.map((r) => [String(r.name), Number(r.id)])
		);
		const skip = new Set(badRows.map((b) => b.row));

		const parseStarted = performance.now();
		const text = new TextDecoder('utf-8', { fatal: true }).decode(
			bytes[0] === 0xef ? bytes.subarray(3) : bytes
		);
		const { data } = Papa.parse(text, { dynamicTyping: false });
		const parseMs = performance.now() - parseStarted;

		const insertStarted = performance.now();
		const rows = [];
		for (let i = 1; i < data.length; i++) {
			const cells = data[i];
			if (skip.has(i + 1) || cells.every((c) => c.trim() === '')) continue;
			const [
				ref,
				name,
				supplier,
				product,
				directorate,
				serviceArea,
				hosting,
				criticality,
				users,
				cost,
				start,
				end,
				notice,
				personalData,
				lifecycle
			] = cells;
			const directorateId = directorate ? directorates.get(directorate) : null;
			if (directorateId === undefined)
				throw new Error(`baseline: no directorate '${directorate}' (row ${i + 1})`);
			rows.push([
				1,
				nullIfBlank(ref),
				name.trim(),
				supplier.trim(),
				product.trim(),
				directorateId,
				directorate.trim(),
				serviceArea ? serviceAreas.get(serviceArea) : null,
				code('hosting', hosting),
				code('criticality', criticality),
				count(users),
				pence(cost),
				iso(start),
				iso(end),
				iso(notice),
				code('personalData', personalData),
				code('lifecycle', lifecycle)
			]);
		}
		const placeholders = `(${COLUMNS.map(() => '?').join(',')})`;
		const statements = [];
		for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
			const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
			statements.push({
				sql: `INSERT INTO system (${COLUMNS.join(',')}) VALUES ${chunk.map(() => placeholders).join(',')}`,
				args: chunk.flat()
			});
		}
		await client.batch(statements, 'write');
		const insertMs = performance.now() - insertStarted;

		const written = Number(
			(await client.execute('SELECT count(*) AS n FROM system WHERE organisation_id = 1')).rows[0].n
		);
		if (written !== rows.length)
			throw new Error(`baseline: wrote ${written} rows, expected ${rows.length}`);
		return { parseMs, insertMs, totalMs: parseMs + insertMs, rows: written };
	} finally {
		client.close();
	}
}
