// The floor for /systems: the same work in the least code. It looks the session up by the SHA-256 of
// its cookie, reads the user and organisation, runs the same filtered keyset query, the count bounded
// at 1,001 and the three filter lists, all as prepared raw SQL, and writes the page with template
// strings. It serves the filters the benchmark uses (hosting, criticality, outcome, q, sort, dir,
// after); anything else is ignored. On a file it uses prepared statements (libsql, synchronous, as
// the app's client is on a file); on a server, @libsql/client.
import { createClient } from '@libsql/client';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';

const SORT = { name: 'name', supplier: 'supplier', contractEnd: 'contract_end_key' };
const CRITICALITY = { low: 1, medium: 2, high: 3, critical: 4 };
const OUTCOME = { maintain: 1, develop: 2, decommission: 4, replace: 8 };
const OUTCOMES = ['maintain', 'develop', 'decommission', 'replace'];
const OUTCOME_LABEL = {
	maintain: 'Maintain only',
	develop: 'Development required',
	decommission: 'Decommission',
	replace: 'Replace'
};
const LIST_COLUMNS =
	'id, name, supplier, product, directorate_name, hosting, criticality, user_count, annual_run_cost_pence, contract_end, review_status, outcome_flags';

/** @type {{ all: (sql: string, args: unknown[]) => Promise<Record<string, unknown>[]>, sessions: (sql: string, args: unknown[]) => Promise<Record<string, unknown>[]> } | undefined} */
let database;

function open() {
	const main = process.env.DATABASE_URL ?? 'file:data/portfolio.db';
	const sessionsUrl =
		process.env.SESSION_DATABASE_URL ??
		(main.startsWith('file:') ? main.replace(/\.db$/, '-sessions.db') : main);
	if (main.startsWith('file:')) {
		const Database = createRequire(import.meta.url)('libsql');
		const connect = (url) => {
			const db = new Database(decodeURIComponent(new URL(url).pathname));
			// The app's settings for an embedded file.
			db.exec('PRAGMA cache_size = -65536; PRAGMA mmap_size = 268435456');
			const cache = new Map();
			return async (sql, args) => {
				let statement = cache.get(sql);
				if (!statement) cache.set(sql, (statement = db.prepare(sql)));
				return statement.all(...args);
			};
		};
		return { all: connect(main), sessions: connect(sessionsUrl) };
	}
	const client = (url, authToken) => {
		const c = createClient({ url, authToken });
		return async (sql, args) => (await c.execute({ sql, args })).rows;
	};
	return {
		all: client(main, process.env.DATABASE_AUTH_TOKEN),
		sessions: client(
			sessionsUrl,
			process.env.SESSION_DATABASE_AUTH_TOKEN ?? process.env.DATABASE_AUTH_TOKEN
		)
	};
}

const escape = (value) =>
	String(value ?? '').replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]
	);
const pounds = (pence) =>
	pence == null
		? ''
		: `£${(Number(pence) / 100).toLocaleString('en-GB', { minimumFractionDigits: 2 })}`;
const cursor = (key, id) => Buffer.from(JSON.stringify([key, id])).toString('base64url');
const options = (rows, selected) =>
	rows
		.map(
			(r) =>
				`<option value="${r.id}"${String(r.id) === selected ? ' selected' : ''}>${escape(r.name)}</option>`
		)
		.join('');

/** @type {import('./$types').RequestHandler} */
/**
 * The search text as the trigram index is queried: each of its trigrams quoted and ANDed (the index
 * keeps rows only, detail=none, so FTS5 refuses a phrase), LIKE below keeping the exact meaning.
 */
function trigrams(text) {
	const chars = [...text];
	const seen = new Set();
	for (let i = 0; i + 3 <= chars.length; i++) seen.add(chars.slice(i, i + 3).join(''));
	return [...seen].map((t) => `"${t.replace(/"/g, '""')}"`).join(' AND ');
}

export async function GET({ url, cookies }) {
	database ??= open();
	const token = cookies.get('portfolio_session');
	if (!token) return new Response(null, { status: 303, headers: { location: '/sign-in' } });
	const [session] = await database.sessions(
		'SELECT user_id, acting_organisation_id, expires_at, last_seen_at FROM auth_session WHERE token_hash = ?',
		[createHash('sha256').update(token).digest('hex')]
	);
	if (!session || String(session.expires_at) <= new Date().toISOString())
		return new Response(null, { status: 303, headers: { location: '/sign-in' } });
	const [user] = await database.all(
		'SELECT u.id, u.role, u.display_name, u.disabled_at, o.id AS org_id, o.name AS org_name FROM app_user u JOIN organisation o ON o.id = ? WHERE u.id = ?',
		[session.acting_organisation_id, session.user_id]
	);
	if (!user || user.disabled_at)
		return new Response(null, { status: 303, headers: { location: '/sign-in' } });
	const org = Number(user.org_id);

	const p = url.searchParams;
	const where = ['organisation_id = ?', "lifecycle <> 'archived'"];
	const args = [org];
	if (p.get('hosting')) (where.push('hosting = ?'), args.push(p.get('hosting')));
	if (CRITICALITY[p.get('criticality')])
		(where.push('criticality_rank = ?'), args.push(CRITICALITY[p.get('criticality')]));
	if (OUTCOME[p.get('outcome')])
		(where.push('(outcome_flags & ?) <> 0'), args.push(OUTCOME[p.get('outcome')]));
	const q = (p.get('q') ?? '').trim();
	if (q) {
		const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
		if ([...q].length >= 3)
			(where.push('id IN (SELECT rowid FROM system_search WHERE system_search MATCH ?)'),
				args.push(trigrams(q)));
		where.push(
			"(name LIKE ? ESCAPE '\\' OR supplier LIKE ? ESCAPE '\\' OR product LIKE ? ESCAPE '\\')"
		);
		args.push(like, like, like);
	}
	const sortName = SORT[p.get('sort')] ? p.get('sort') : 'name';
	const key = SORT[sortName];
	const dir = p.get('dir') === 'desc' ? 'DESC' : 'ASC';
	const countArgs = [...args];
	let after = null;
	try {
		after = p.get('after') ? JSON.parse(Buffer.from(p.get('after'), 'base64url').toString()) : null;
	} catch {
		after = null;
	}
	// As the app: the count starts from the search index's matches, the page walks the sort order and probes them.
	const keyset = where.map((w) =>
		w.startsWith('id IN (SELECT rowid FROM system_search') ? `+${w}` : w
	);
	if (Array.isArray(after) && after.length === 2)
		(keyset.push(`(${key}, id) ${dir === 'ASC' ? '>' : '<'} (?, ?)`),
			args.push(after[0], after[1]));
	const [rows, [count], directorates, areas, workstreams] = await Promise.all([
		database.all(
			`SELECT ${LIST_COLUMNS}, ${key} AS sort_key FROM system WHERE ${keyset.join(' AND ')} ORDER BY ${key} ${dir}, id ${dir} LIMIT 51`,
			args
		),
		database.all(
			`SELECT count(*) AS n FROM (SELECT 1 FROM system WHERE ${where.join(' AND ')} LIMIT 1001)`,
			countArgs
		),
		database.all('SELECT id, name FROM directorate WHERE organisation_id = ? ORDER BY name', [org]),
		database.all('SELECT id, name FROM service_area WHERE organisation_id = ? ORDER BY name', [
			org
		]),
		database.all('SELECT id, name FROM workstream WHERE organisation_id = ? ORDER BY name', [org])
	]);
	const page = rows.slice(0, 50);
	const n = Number(count.n);
	const last = page[page.length - 1];
	const next =
		rows.length > 50 && last
			? `?${new URLSearchParams({ ...Object.fromEntries(p), after: cursor(last.sort_key, Number(last.id)) })}`
			: '';
	const body = page
		.map((r) => {
			const outcomes = OUTCOMES.filter((o) => (Number(r.outcome_flags) & OUTCOME[o]) !== 0)
				.map((o) => `<li>${OUTCOME_LABEL[o]}</li>`)
				.join('');
			return `<tr class="govuk-table__row"><td class="govuk-table__cell"><a class="govuk-link" href="/systems/${r.id}">${escape(r.name)}</a><br><span class="govuk-body-s">${escape(r.product)}</span></td><td class="govuk-table__cell">${escape(r.supplier)}</td><td class="govuk-table__cell">${escape(r.directorate_name)}</td><td class="govuk-table__cell">${escape(r.hosting)}</td><td class="govuk-table__cell">${escape(r.criticality)}</td><td class="govuk-table__cell govuk-table__cell--numeric">${r.user_count ?? ''}</td><td class="govuk-table__cell govuk-table__cell--numeric">${pounds(r.annual_run_cost_pence)}</td><td class="govuk-table__cell">${escape(r.contract_end)}</td><td class="govuk-table__cell">${escape(r.review_status)}<ul class="govuk-list">${outcomes}</ul></td></tr>`;
		})
		.join('');
	const html = `<!doctype html><html lang="en" class="govuk-template"><head><meta charset="utf-8"><title>Systems – ICT Portfolio Planner</title><meta name="viewport" content="width=device-width, initial-scale=1"></head><body class="govuk-template__body"><header class="govuk-header"><div class="govuk-header__container govuk-width-container">ICT Portfolio Planner · ${escape(user.org_name)} · ${escape(user.display_name)}</div></header><main class="govuk-main-wrapper govuk-width-container" id="main-content"><h1 class="govuk-heading-l">Systems</h1><form method="get" action="/systems" class="govuk-form-group"><input class="govuk-input" name="q" value="${escape(q)}" maxlength="200"><select class="govuk-select" name="directorate"><option value="">Any</option>${options(directorates, p.get('directorate'))}</select><select class="govuk-select" name="serviceArea"><option value="">Any</option>${options(areas, p.get('serviceArea'))}</select><select class="govuk-select" name="workstream"><option value="">Any</option>${options(workstreams, p.get('workstream'))}</select><button class="govuk-button">Apply filters</button></form><p class="govuk-body" data-testid="result-count">${n > 1000 ? 'more than 1,000' : n.toLocaleString('en-GB')} systems</p><table class="govuk-table" data-testid="systems-table"><thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" class="govuk-table__header">Name</th><th scope="col" class="govuk-table__header">Supplier</th><th scope="col" class="govuk-table__header">Directorate</th><th scope="col" class="govuk-table__header">Hosting</th><th scope="col" class="govuk-table__header">Criticality</th><th scope="col" class="govuk-table__header">Users</th><th scope="col" class="govuk-table__header">Annual cost</th><th scope="col" class="govuk-table__header">Contract end</th><th scope="col" class="govuk-table__header">Review</th></tr></thead><tbody class="govuk-table__body">${body}</tbody></table>${next ? `<a class="govuk-link" href="${escape(next)}">Next page</a>` : ''}</main></body></html>`;
	return new Response(html, {
		headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }
	});
}
