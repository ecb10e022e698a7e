/**
 * Issue 12 finding 6 against the built server, for the records that freeze figures: an organisation
 * whose database holds cost lines from before the cap (£90 trillion each, planted past the CHECK
 * constraints, with the kept totals an old service would have kept) gets its business case page,
 * the case's financial CSV, the draft committee report, its exempt annex CSV and the roll-ups, each
 * answered 200 with the totals it cannot hold in words; and submitting the case or issuing the
 * report is refused with a message naming the figures, since a frozen record holds real figures.
 */
import { beforeAll, describe, expect, inject, test } from 'vitest';
import { isDatabaseServerUrl } from '$lib/server/db/server-check';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@libsql/client';
import { baseURL, credentials } from './support/browser';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const databaseUrl = inject('databaseUrl');
const stamp = randomBytes(3).toString('hex');
const slug = `legacy-${stamp}`;
const editor = {
	email: `legacy.${stamp}@legacy.example`,
	password: `legacy-${randomBytes(12).toString('base64url')}`
};
const LEGACY = 9_000_000_000_000_000; // £90 trillion: what the parser took before the cap
const WORDS = 'too large to show';
let cookie = '';
let workstreamId = 0;

/** The organisation as a database from before the cap could hold it. */
async function plantLegacyOrganisation() {
	const db = createClient({ url: databaseUrl, authToken: process.env.DATABASE_AUTH_TOKEN });
	try {
		const org = await db.execute({
			sql: 'INSERT INTO organisation (slug, name) VALUES (?, ?) RETURNING id',
			args: [slug, `Legacy Borough ${stamp}`]
		});
		const organisationId = Number(org.rows[0]!.id);
		const ws = await db.execute({
			sql: 'INSERT INTO workstream (organisation_id, name) VALUES (?, ?) RETURNING id',
			args: [organisationId, 'Legacy ledgers']
		});
		workstreamId = Number(ws.rows[0]!.id);
		const sys = await db.execute({
			sql: "INSERT INTO system (organisation_id, name, supplier, hosting, criticality, personal_data) VALUES (?, 'Old Ledger', 'Old Ledgers plc', 'saas', 'low', 'none') RETURNING id",
			args: [organisationId]
		});
		const systemId = Number(sys.rows[0]!.id);
		await db.execute('PRAGMA ignore_check_constraints = ON');
		for (const s of [null, systemId, systemId]) {
			await db.execute({
				sql: "INSERT INTO cost_line (organisation_id, workstream_id, system_id, financial_year, spend_type, category, amount_pence, confidence) VALUES (?, ?, ?, '2025/26', 'capital', 'implementation', ?, 'actual')",
				args: [organisationId, workstreamId, s, LEGACY]
			});
		}
		await db.execute({
			sql: "INSERT INTO cost_total (organisation_id, workstream_key, directorate_key, outcome_key, financial_year, spend_type, confidence, amount_pence, line_count) VALUES (?, ?, 0, '', '2025/26', 'capital', 'actual', ?, 3)",
			args: [organisationId, workstreamId, 3 * LEGACY]
		});
		await db.execute({
			sql: "INSERT INTO cost_funding_total (organisation_id, funding_source_key, financial_year, spend_type, amount_pence, line_count) VALUES (?, 0, '2025/26', 'capital', ?, 3)",
			args: [organisationId, 3 * LEGACY]
		});
	} finally {
		db.close();
	}
}

// Plants rows past the CHECK constraints with PRAGMA ignore_check_constraints, which sqld refuses as an
// unsupported statement: such rows can only be made in an embedded file, so the server run leaves this out.
const onServer = isDatabaseServerUrl(databaseUrl);

beforeAll(async () => {
	if (!credentials || onServer) return;
	await plantLegacyOrganisation();
	const run = spawnSync(
		process.execPath,
		[
			join(ROOT, 'node_modules/vite-node/vite-node.mjs'),
			'--config',
			'vite.cli.config.ts',
			'src/lib/server/cli/user.ts',
			'--',
			'add',
			'--email',
			editor.email,
			'--role',
			'editor',
			'--org',
			slug,
			'--name',
			'Legacy Officer'
		],
		{
			cwd: ROOT,
			env: {
				...process.env,
				DATABASE_URL: databaseUrl,
				USER_PASSWORD: editor.password,
				SEED_DEMO: 'false'
			},
			encoding: 'utf8',
			timeout: 60_000
		}
	);
	if (run.status !== 0) throw new Error(`could not add the editor: ${run.stderr}`);
	const response = await fetch(`${baseURL}/sign-in`, {
		method: 'POST',
		headers: {
			origin: baseURL,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({
			email: editor.email,
			password: editor.password,
			next: '/'
		}).toString(),
		redirect: 'manual'
	});
	cookie = response.headers
		.getSetCookie()
		.find((c) => /session=[^;]/.test(c))!
		.split(';')[0]!;
}, 90_000);

async function get(path: string) {
	const response = await fetch(`${baseURL}${path}`, { headers: { cookie }, redirect: 'manual' });
	return { status: response.status, body: await response.text() };
}

/** The fields of the page's form posting to `action`, with the values shown: inputs, textareas and selects. */
function formFields(html: string, action: string): Record<string, string> {
	const start = html.indexOf(`action="${action}"`);
	const form = html.slice(start, html.indexOf('</form>', start));
	const fields: Record<string, string> = {};
	const decode = (t: string) =>
		t
			.replace(/&quot;/g, '"')
			.replace(/&lt;/g, '<')
			.replace(/&gt;/g, '>')
			.replace(/&#39;/g, "'")
			.replace(/&amp;/g, '&');
	for (const m of form.matchAll(/<input\b[^>]*\bname="([^"]+)"[^>]*\bvalue="([^"]*)"/g))
		fields[m[1]!] = decode(m[2]!);
	for (const m of form.matchAll(/<textarea\b[^>]*\bname="([^"]+)"[^>]*>([^<]*)<\/textarea>/g))
		fields[m[1]!] = decode(m[2]!);
	for (const m of form.matchAll(/<select\b[^>]*\bname="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g))
		fields[m[1]!] = decode(/<option value="([^"]*)"[^>]*selected/.exec(m[2]!)?.[1] ?? '');
	return fields;
}

async function post(path: string, fields: Record<string, string | string[]>) {
	const body = new URLSearchParams();
	for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
	const response = await fetch(`${baseURL}${path}`, {
		method: 'POST',
		headers: {
			cookie,
			origin: baseURL,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: body.toString(),
		redirect: 'manual'
	});
	return {
		status: response.status,
		location: response.headers.get('location') ?? '',
		body: await response.text()
	};
}

const hidden = (html: string, name: string) =>
	new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';

/**
 * Rendered in words: answered 200, the words there, no float's words in what is shown. (The page's
 * data for hydration carries the figure as the number Infinity, which devalue writes as such.)
 */
function inWords(answer: { status: number; body: string }, where: string) {
	expect(answer.status, where).toBe(200);
	const shown = answer.body.replace(/<script[\s\S]*?<\/script>/g, '');
	expect(shown, where).toContain(WORDS);
	expect(shown, where).not.toMatch(/NaN|Infinity|\de\+\d/);
}

describe.runIf(credentials && !onServer)('figures past 2^53 pence from before the cap', () => {
	test('a business case over them renders in words, and cannot be put to members', async () => {
		const created = await post('/business-cases?/create', {
			title: 'Legacy ledgers replacement',
			stage: 'outline'
		});
		expect(created.status).toBe(303);
		const id = /\/business-cases\/(\d+)/.exec(created.location)![1]!;
		const edit = await get(`/business-cases/${id}/edit`);
		const sections = {
			strategic: 'Why',
			economic: 'Options',
			commercial: 'Route',
			financial: 'Money',
			management: 'Board'
		};
		const saved = await post(`/business-cases/${id}/edit`, {
			version: hidden(edit.body, 'version'),
			title: 'Legacy ledgers replacement',
			stage: 'outline',
			firstYear: '2025/26',
			years: '5',
			workstreamIds: String(workstreamId),
			...sections
		});
		expect(saved.status, saved.body.slice(0, 300)).toBe(303);

		const page = await get(`/business-cases/${id}`);
		inWords(page, 'the case page');
		const csv = await get(`/business-cases/${id}/versions/1/financial.csv`);
		expect(csv.status).toBe(200);
		expect(csv.body).not.toMatch(/NaN|Infinity|null/);

		const submitted = await post(`/business-cases/${id}?/submit`, {
			version: hidden(page.body, 'version')
		});
		expect(submitted.status).toBe(400);
		expect(submitted.body).toContain(
			'A business case put to members cannot hold a figure that is too large to show'
		);
		expect(submitted.body).toContain('Cost in scope: total');
	});

	test('the draft committee report and its annex render in words, and issuing it is refused naming the figures', async () => {
		const created = await post('/reports?/create', { financialYear: '2025/26', quarter: '4' });
		expect(created.status).toBe(303);
		const id = /\/reports\/(\d+)/.exec(created.location)![1]!;
		const page = await get(`/reports/${id}`);
		inWords(page, 'the draft report');
		inWords(await get(`/reports/${id}/annex.csv`), 'the annex CSV');
		inWords(await get('/rollups'), 'the roll-ups');

		const fingerprint = hidden(page.body, 'fingerprint');
		expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
		// Sent as the browser sends the officer's form: every field as shown (a report is issued only as saved).
		const toConfirm = await post(`/reports/${id}?/issue`, {
			...formFields(page.body, '?/save'),
			fingerprint
		});
		expect(toConfirm.status).toBe(303);
		expect(toConfirm.location).toBe(`/reports/${id}/issue`);
		const confirm = await get(`/reports/${id}/issue`);
		const issued = await post(`/reports/${id}/issue`, {
			version: hidden(confirm.body, 'version'),
			fingerprint: hidden(confirm.body, 'fingerprint')
		});
		expect(issued.status).toBe(400);
		expect(issued.body).toContain(
			'An issued report cannot hold a figure that is too large to show'
		);
		expect(issued.body).toContain('Spend to date, capital');
		expect((await get(`/reports/${id}`)).body).toContain('Draft');
	});
});
