/**
 * Every SQL statement the pages of one organisation run, and SQLite's plan for each, on the database
 * holding 400 organisations: any plan that scans a table (rather than searching it by organisation,
 * id or a parent's id) would read other organisations' rows, and is listed.
 *
 * bench/tenants.js copies this file into its snapshot of the app and runs it there with vite-node, so
 * `$lib` and the routes are the code that was benchmarked. It calls each route's real `load` with
 * the signed-in user in `locals`, capturing statements at the libSQL client the app's drizzle uses.
 * Input and output through environment variables: DATABASE_URL, BENCH_USER_ID, BENCH_PAGES (JSON
 * list of { path, route, params }), BENCH_PLANS_OUT (a file).
 */
import { writeFileSync } from 'node:fs';
import { database, startDatabase } from '$lib/server/db/database';
import * as users from '$lib/server/repos/users';

interface Page {
	path: string;
	route: string;
	params: Record<string, string>;
}
interface Captured {
	sql: string;
	args: unknown[];
}

await startDatabase();
const { client, db } = database();
let captured: Captured[] = [];
// drizzle holds this very client: wrapping its methods sees every statement a load runs.
const execute = client.execute.bind(client);
const batch = client.batch.bind(client);
client.execute = ((statement: string | { sql: string; args?: unknown[] }) => {
	captured.push(
		typeof statement === 'string'
			? { sql: statement, args: [] }
			: { sql: statement.sql, args: (statement.args as unknown[]) ?? [] }
	);
	return execute(statement as never);
}) as typeof client.execute;
client.batch = ((statements: { sql: string; args?: unknown[] }[], mode?: never) => {
	for (const s of statements)
		captured.push(
			typeof s === 'string'
				? { sql: s, args: [] }
				: { sql: s.sql, args: (s.args as unknown[]) ?? [] }
		);
	return batch(statements as never, mode);
}) as typeof client.batch;

const userId = Number(process.env.BENCH_USER_ID);
const pages: Page[] = JSON.parse(process.env.BENCH_PAGES ?? '[]');
const routes = import.meta.glob('/src/routes/**/+page.server.ts');
const found = await users.getUserById(db, userId);
if (!found) throw new Error(`no user ${userId}`);
const acting = await users.getUserActingIn(db, userId, found.organisationId);
const locals = {
	user: users.withoutHash(acting!.user),
	organisation: acting!.organisation,
	requestId: 'bench-plans'
};

async function planOf(statement: Captured): Promise<string[]> {
	const result = await execute({
		sql: `EXPLAIN QUERY PLAN ${statement.sql}`,
		args: statement.args as never[]
	});
	return result.rows.map((row) => String(row.detail));
}

/**
 * A step that reads a whole table or index, or walks a range of row ids (`rowid>?`, which passes every
 * organisation's rows in the range): other organisations' rows with it. A search by one row id
 * (`rowid=?`) reads only that row.
 */
const scans = (plan: string[]) =>
	plan.filter(
		(step) =>
			(/^SCAN (?!subquery|CONSTANT|\(subquery)/.test(step) &&
				!/^SCAN \w+ VIRTUAL TABLE INDEX \d+:M/.test(step)) ||
			/USING INTEGER PRIMARY KEY \(rowid[<>]/.test(step)
	);

const report = [];
for (const page of pages) {
	const module = (await routes[
		`/src/routes/${page.route ? `${page.route}/` : ''}+page.server.ts`
	]?.()) as { load?: (event: unknown) => Promise<unknown> } | undefined;
	if (!module?.load) throw new Error(`no load for ${page.route}`);
	const url = new URL(page.path, 'http://bench.invalid');
	captured = [];
	await module.load({
		locals,
		url,
		params: page.params,
		route: { id: `/${page.route}` },
		request: new Request(url),
		cookies: { get: () => undefined, set: () => {}, delete: () => {}, getAll: () => [] },
		setHeaders: () => {},
		depends: () => {},
		untrack: <T>(fn: () => T) => fn(),
		parent: async () => ({}),
		getClientAddress: () => '127.0.0.1',
		fetch
	});
	const statements = [];
	for (const statement of captured) {
		if (!/^\s*(select|with)\b/i.test(statement.sql)) continue;
		const plan = await planOf(statement);
		statements.push({ sql: statement.sql, plan, scans: scans(plan) });
	}
	report.push({ path: page.path, statements });
}

const out = process.env.BENCH_PLANS_OUT;
if (out) writeFileSync(out, JSON.stringify(report, null, '\t'));
else console.log(JSON.stringify(report, null, '\t'));
process.exit(0);
