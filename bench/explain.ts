/**
 * For each benchmarked /systems URL: the SQL the page's load runs (captured from the real repos
 * through drizzle's logger), how long each statement takes on its own, and SQLite's query plan.
 *
 * bench/run.js copies this file into its snapshot of the app and runs it there with vite-node, so
 * `$lib` resolves to the code that was benchmarked. Input and output go through environment
 * variables: BENCH_DATABASE_URL, BENCH_EXPLAIN_URLS (JSON list of paths), BENCH_EXPLAIN_OUT (a file).
 */
import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { writeFileSync } from 'node:fs';
import { parseSystemQuery } from '$lib/domain/systems';
import * as systems from '$lib/server/repos/systems';
import * as organisations from '$lib/server/repos/organisations';
import * as workstreams from '$lib/server/repos/workstreams';

interface Captured {
	sql: string;
	params: unknown[];
}

const client = createClient({ url: process.env.BENCH_DATABASE_URL ?? 'file:data/portfolio.db' });
let captured: Captured[] = [];
const db = drizzle(client, {
	logger: { logQuery: (sql, params) => captured.push({ sql, params }) }
});

/** Median wall time of a statement run alone, repeated up to 25 times or about 0.75 s (at least 3). */
async function timeStatement(statement: Captured): Promise<{ ms: number; runs: number }> {
	const times: number[] = [];
	const deadline = performance.now() + 750;
	for (let i = 0; i < 25 && (i < 3 || performance.now() < deadline); i++) {
		const started = performance.now();
		await client.execute({ sql: statement.sql, args: statement.params as never[] });
		times.push(performance.now() - started);
	}
	times.sort((a, b) => a - b);
	return { ms: times[Math.floor(times.length / 2)]!, runs: times.length };
}

async function planOf(statement: Captured): Promise<string[]> {
	const result = await client.execute({
		sql: `EXPLAIN QUERY PLAN ${statement.sql}`,
		args: statement.params as never[]
	});
	const depth = new Map<number, number>();
	return result.rows.map((row) => {
		const level = (depth.get(Number(row.parent)) ?? -1) + 1;
		depth.set(Number(row.id), level);
		return `${'  '.repeat(level)}${String(row.detail)}`;
	});
}

const paths: string[] = JSON.parse(process.env.BENCH_EXPLAIN_URLS ?? '["/systems"]');
const report = [];
for (const path of paths) {
	const query = parseSystemQuery(new URL(path, 'http://bench.invalid').searchParams);
	// What the /systems load runs (the session lookup in hooks is not included).
	const labelled: { label: string; statement: Captured }[] = [];
	const capture = async (label: string, work: () => Promise<unknown>) => {
		captured = [];
		await work();
		for (const statement of captured) labelled.push({ label, statement });
	};
	await capture('listSystems', () => systems.listSystems(db, 1, query));
	await capture('listDirectorates', () => organisations.listDirectorates(db, 1));
	await capture('listServiceAreas', () => organisations.listServiceAreas(db, 1));
	await capture('listWorkstreams', () => workstreams.listWorkstreams(db, 1));
	const statements = [];
	for (const { label, statement } of labelled) {
		const { ms, runs } = await timeStatement(statement);
		statements.push({
			label,
			sql: statement.sql,
			params: statement.params.length,
			ms,
			runs,
			plan: await planOf(statement)
		});
	}
	report.push({ path, statements, totalMs: statements.reduce((sum, s) => sum + s.ms, 0) });
}
client.close();

const out = process.env.BENCH_EXPLAIN_OUT;
if (out) writeFileSync(out, JSON.stringify(report, null, '\t'));
else console.log(JSON.stringify(report, null, '\t'));
