// The least a SvelteKit page can do to total the cost lines: one bare SELECT SUM over the table.
import { createClient } from '@libsql/client';

/** @type {import('@libsql/client').Client | undefined} */
let client;

/** @type {import('./$types').PageServerLoad} */
export async function load() {
	client ??= createClient({
		url: process.env.DATABASE_URL ?? 'file:data/portfolio.db',
		authToken: process.env.DATABASE_AUTH_TOKEN
	});
	const result = await client.execute(
		'SELECT SUM(amount_pence) AS total, COUNT(*) AS lines FROM cost_line'
	);
	return { total: Number(result.rows[0]?.total ?? 0), lines: Number(result.rows[0]?.lines ?? 0) };
}
