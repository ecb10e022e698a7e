// The least a SvelteKit page can do to show 50 systems: one query, no filters, no joins.
import { createClient } from '@libsql/client';

/** @type {import('@libsql/client').Client | undefined} */
let client;

/** @type {import('./$types').PageServerLoad} */
export async function load() {
	// Opened on first request, not at import: the build imports this module to analyse it.
	client ??= createClient({
		url: process.env.DATABASE_URL ?? 'file:data/portfolio.db',
		authToken: process.env.DATABASE_AUTH_TOKEN
	});
	const result = await client.execute(
		'SELECT id, name, supplier, hosting, criticality FROM system WHERE organisation_id = 1 ORDER BY name LIMIT 50'
	);
	return {
		rows: result.rows.map((r) => ({
			id: Number(r.id),
			name: String(r.name),
			supplier: String(r.supplier),
			hosting: String(r.hosting),
			criticality: String(r.criticality)
		}))
	};
}
