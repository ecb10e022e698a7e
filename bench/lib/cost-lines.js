/**
 * Adds a large synthetic set of cost lines to a generated portfolio (bench/generate.js): three
 * funding sources and `count` lines spread over the systems (95%, each carrying its system's
 * directorate, as the app copies it) and the workstreams (5%), seven financial years, capital and
 * revenue, every category and confidence. Multi-row INSERTs through @libsql/client in one transaction.
 * The pre-aggregated totals are left empty: the app's own rebuild command fills them.
 */
import { createClient } from '@libsql/client';
import { pathToFileURL } from 'node:url';
import { prng } from '../generate.js';

export const COST_LINES_VERSION = 1;

const YEARS = ['2024/25', '2025/26', '2026/27', '2027/28', '2028/29', '2029/30', '2030/31'];
const CATEGORIES = [
	'licence',
	'support_maintenance',
	'hosting',
	'implementation',
	'development',
	'data_migration',
	'decommissioning',
	'staff_backfill',
	'training',
	'contingency'
];
const CAPITAL_CATEGORIES = new Set([
	'implementation',
	'development',
	'data_migration',
	'decommissioning',
	'contingency'
]);
const CONFIDENCE = ['estimate', 'committed', 'actual'];
const COLUMNS = [
	'organisation_id',
	'system_id',
	'workstream_id',
	'directorate_id',
	'financial_year',
	'spend_type',
	'category',
	'amount_pence',
	'confidence',
	'funding_source_id',
	'description'
];

/** Returns how many lines were written and their total in pence (a check on the app's figures). */
export async function addCostLines(
	file,
	{ count = 1_000_000, seed = 20261202, log = () => {} } = {}
) {
	const client = createClient({ url: pathToFileURL(file).href });
	const random = prng(seed);
	const pick = (list) => list[Math.floor(random() * list.length)];
	try {
		const systems = (
			await client.execute('SELECT id, directorate_id FROM system WHERE organisation_id = 1')
		).rows.map((r) => [Number(r.id), r.directorate_id == null ? null : Number(r.directorate_id)]);
		const workstreams = (
			await client.execute('SELECT id FROM workstream WHERE organisation_id = 1')
		).rows.map((r) => Number(r.id));
		if (systems.length === 0 || workstreams.length === 0)
			throw new Error(`${file} has no systems or workstreams for organisation 1`);
		await client.execute('DELETE FROM cost_total');
		await client.execute('DELETE FROM cost_funding_total');
		await client.execute('DELETE FROM cost_line');
		await client.execute('DELETE FROM funding_allocation');
		await client.execute('DELETE FROM funding_source');
		const sources = [];
		for (const [name, kind, spendType] of [
			['Departmental capital', 'departmental_capital', 'capital'],
			['Pooled capital 2026/27', 'pooled_capital', 'capital'],
			['ICT revenue budget', 'revenue_budget', 'revenue']
		]) {
			const result = await client.execute({
				sql: 'INSERT INTO funding_source (organisation_id, name, kind, spend_type) VALUES (1, ?, ?, ?)',
				args: [name, kind, spendType]
			});
			sources.push({ id: Number(result.lastInsertRowid), spendType });
		}
		const started = performance.now();
		const tx = await client.transaction('write');
		let total = 0;
		const perStatement = Math.floor(30_000 / COLUMNS.length);
		const tuple = `(${COLUMNS.map(() => '?').join(',')})`;
		for (let done = 0; done < count;) {
			const n = Math.min(perStatement, count - done);
			const args = [];
			for (let i = 0; i < n; i++) {
				const category = pick(CATEGORIES);
				const spendType =
					CAPITAL_CATEGORIES.has(category) && random() < 0.8 ? 'capital' : 'revenue';
				const amount = 100 * (1 + Math.floor(random() * 50_000)) + Math.floor(random() * 100);
				const funding =
					random() < 0.7 ? (sources.filter((s) => s.spendType === spendType)[0]?.id ?? null) : null;
				total += amount;
				if (random() < 0.95) {
					const [systemId, directorateId] = pick(systems);
					args.push(
						1,
						systemId,
						random() < 0.6 ? pick(workstreams) : null,
						directorateId,
						pick(YEARS),
						spendType,
						category,
						amount,
						pick(CONFIDENCE),
						funding,
						''
					);
				} else {
					args.push(
						1,
						null,
						pick(workstreams),
						null,
						pick(YEARS),
						spendType,
						category,
						amount,
						pick(CONFIDENCE),
						funding,
						''
					);
				}
			}
			await tx.execute({
				sql: `INSERT INTO cost_line (${COLUMNS.join(',')}) VALUES ${Array(n).fill(tuple).join(',')}`,
				args
			});
			done += n;
			if (done % 200_000 < n) log(`${done.toLocaleString('en-GB')} cost lines`);
		}
		await tx.commit();
		await client.execute('ANALYZE');
		const seconds = (performance.now() - started) / 1000;
		return { lines: count, totalPence: total, seconds };
	} finally {
		client.close();
	}
}
