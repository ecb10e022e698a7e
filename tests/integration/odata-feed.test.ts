/**
 * The OData feed end to end below HTTP: the endpoint module with a real API token, over every
 * entity set of two organisations. Each set is read page by page through its next links and
 * compared with a query written here from scratch; paging over tied sort values, filters, $count,
 * CSV, $metadata, tampered links, scopes, other organisations, revoked and expired tokens, the rate
 * limit and the use count are checked. A signed-in person's session reads the same feed with the
 * sets their role may see, and is kept to their own organisation as a token is.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { db, person, startDatabase } from './helpers';
import { feedFixture } from './odata-fixture';
import { execute } from '$lib/server/db/bulk';
import { serveEntitySet, serveServiceDocument } from '$lib/server/web/odata-endpoint';
import * as tokenService from '$lib/server/services/api-tokens';
import * as tokens from '$lib/server/repos/api-tokens';
import {
	ENTITY_SET_NAMES,
	STANDARD_SETS,
	setsForRole,
	type EntitySetName
} from '$lib/domain/odata';
import type { Role } from '$lib/domain/permissions';

let f: Awaited<ReturnType<typeof feedFixture>>;
let homeToken = '';
let otherToken = '';

/** A signed-in person as the hooks leave them in `locals`: what the feed reads instead of a token. */
interface Session {
	user: { id: number; role: Role; email: string };
	organisation: { id: number; name: string; slug: string };
}
type Credential = string | Session | null;
const sessions: Partial<Record<'home' | 'other', Partial<Record<Role, Session>>>> = {};

async function sessionOf(side: 'home' | 'other', role: Role): Promise<Session> {
	const found = sessions[side]?.[role];
	if (found) return found;
	const organisation = side === 'home' ? f.home : f.other;
	const actor = await person(organisation.id, role);
	const made = {
		user: { id: actor.userId!, role, email: actor.displayName },
		organisation: { id: organisation.id, name: organisation.name, slug: organisation.slug }
	};
	(sessions[side] ??= {})[role] = made;
	return made;
}

beforeAll(async () => {
	await startDatabase();
	f = await feedFixture();
	homeToken = (
		await tokenService.createToken(f.homeActor, { name: 'BI', scopes: ENTITY_SET_NAMES, days: 30 })
	).token;
	otherToken = (
		await tokenService.createToken(f.otherActor, {
			name: 'BI',
			scopes: ENTITY_SET_NAMES,
			days: 30
		})
	).token;
}, 180_000);

/**
 * A GET to the feed as SvelteKit would hand it to the endpoint: with a token, or with a session
 * (as a browser sends it from the app's own pages: Sec-Fetch-Site same-origin, unless `headers` say otherwise).
 */
async function get(path: string, credential: Credential, headers: Record<string, string> = {}) {
	const url = new URL(path, 'http://localhost');
	const [, , , , org, set] = url.pathname.split('/');
	const session = credential !== null && typeof credential === 'object' ? credential : null;
	const token = typeof credential === 'string' ? credential : null;
	const event = {
		url,
		params: { org: decodeURIComponent(org ?? ''), set: set ? decodeURIComponent(set) : undefined },
		request: new Request(url, {
			headers: {
				...(token ? { authorization: `Bearer ${token}` } : {}),
				...(session ? { 'sec-fetch-site': 'same-origin' } : {}),
				...headers
			}
		}),
		locals: {
			requestId: 'test',
			user: session?.user ?? null,
			organisation: session?.organisation ?? null
		},
		getClientAddress: () => '192.0.2.1'
	} as unknown as RequestEvent;
	return set === undefined ? serveServiceDocument(event) : serveEntitySet(event);
}

const root = (slug: string) => `/api/odata/v4/${slug}`;

/** Every row of a set, following next links, with pages of `size` rows. */
async function readAll(slug: string, token: Credential, query: string, size = 7) {
	let url: string | undefined = `${root(slug)}/${query}`;
	const rows: Record<string, unknown>[] = [];
	let pages = 0;
	while (url) {
		const response = await get(url, token, { prefer: `odata.maxpagesize=${size}` });
		expect(response.status, await response.clone().text()).toBe(200);
		const body = (await response.json()) as {
			value: Record<string, unknown>[];
			'@odata.nextLink'?: string;
		};
		expect(body.value.length).toBeLessThanOrEqual(size);
		rows.push(...body.value);
		url = body['@odata.nextLink'];
		if (url) expect(url).toMatch(/^http:\/\/localhost\/api\/odata\/v4\//);
		pages++;
	}
	return { rows, pages };
}

async function sqlRows(sql: string, organisationId: number) {
	return (await execute(db(), sql, [organisationId])).rows.map((r) => r[0]);
}

/** Each set's keys, asked from scratch: the tables and the rules (live rows, issued reports, approved cases) written again. */
const FROM_SCRATCH: Record<
	EntitySetName,
	{ key: (row: Record<string, unknown>) => unknown; sql: string }
> = {
	Systems: { key: (r) => r.id, sql: 'SELECT id FROM system WHERE organisation_id = ? ORDER BY id' },
	ReviewOutcomes: {
		key: (r) => r.id,
		sql: 'SELECT id FROM review_outcome WHERE organisation_id = ? ORDER BY id'
	},
	Workstreams: {
		key: (r) => r.id,
		sql: 'SELECT id FROM workstream WHERE organisation_id = ? ORDER BY id'
	},
	WorkstreamLinks: {
		key: (r) => `${r.systemId}/${r.workstreamId}`,
		sql: "SELECT system_id || '/' || workstream_id FROM system_workstream WHERE organisation_id = ? ORDER BY system_id, workstream_id"
	},
	CostLines: {
		key: (r) => r.id,
		sql: 'SELECT id FROM cost_line WHERE organisation_id = ? AND archived_at IS NULL ORDER BY id'
	},
	FundingSources: {
		key: (r) => r.id,
		sql: 'SELECT id FROM funding_source WHERE organisation_id = ? ORDER BY id'
	},
	FundingAllocations: {
		key: (r) => r.id,
		sql: 'SELECT id FROM funding_allocation WHERE organisation_id = ? ORDER BY id'
	},
	Milestones: {
		key: (r) => r.id,
		sql: 'SELECT id FROM milestone WHERE organisation_id = ? AND archived_at IS NULL ORDER BY id'
	},
	SwitchOffs: {
		key: (r) => r.systemId,
		sql: 'SELECT system_id FROM system_switch_off WHERE organisation_id = ? ORDER BY system_id'
	},
	RollupTotals: {
		key: (r) => `${r.financialYear}:${r.amountPence}`,
		sql: "SELECT financial_year || ':' || amount_pence FROM cost_total WHERE organisation_id = ? ORDER BY workstream_key, directorate_key, outcome_key, financial_year, spend_type, confidence"
	},
	ApprovedBusinessCaseFigures: {
		key: (r) => r.amountPence,
		sql: `SELECT json_extract(c.value, '$') FROM business_case_version v, json_each(v.snapshot, '$.costTable.rows') r, json_each(r.value, '$.cells') c
			WHERE v.organisation_id = ? AND v.id IN (SELECT version_id FROM business_case_decision WHERE outcome LIKE 'approved%') ORDER BY v.id, r.key, c.key`
	},
	CommitteeReportFigures: {
		key: (r) => r.reportId,
		sql: `SELECT r.id FROM committee_report r, json_each(r.public_snapshot, '$.spend.rows') WHERE organisation_id = ?1 AND status = 'issued'
			UNION ALL SELECT r.id FROM committee_report r, json_each(r.public_snapshot, '$.spend.reportYear') WHERE organisation_id = ?1 AND status = 'issued'
			UNION ALL SELECT id FROM committee_report WHERE organisation_id = ?1 AND status = 'issued' ORDER BY 1`
	},
	CommitteeReportExemptFigures: {
		key: (r) => r.supplier,
		sql: `SELECT json_extract(j.value, '$.supplier') FROM committee_report r, json_each(r.snapshot, '$.annex.spendBySystem') j
			WHERE r.organisation_id = ? AND r.status = 'issued' ORDER BY r.id, j.key`
	},
	Partnerships: {
		key: (r) => r.id,
		sql: 'SELECT id FROM partnership_partner WHERE organisation_id = ? ORDER BY id'
	},
	GovernanceDocuments: {
		key: (r) => r.id,
		sql: 'SELECT id FROM governance_document WHERE organisation_id = ? AND restricted = 0 ORDER BY id'
	},
	RecoveryObjectives: {
		key: (r) => r.systemId,
		sql: 'SELECT system_id FROM recovery_objective WHERE organisation_id = ? ORDER BY system_id'
	},
	RecoveryTests: {
		key: (r) => r.id,
		sql: 'SELECT id FROM recovery_test WHERE organisation_id = ? ORDER BY id'
	},
	RechargeTotals: {
		key: (r) => `${r.partnerId ?? 'overhead'}:${r.financialYear}:${r.spendType}:${r.amountPence}`,
		sql: "SELECT coalesce(partner_organisation_id, 'overhead') || ':' || financial_year || ':' || spend_type || ':' || amount_pence FROM recharge_total WHERE organisation_id = ?"
	},
	Recharges: {
		key: (r) => `${r.costLineId}:${r.partnerId ?? 'overhead'}:${r.amountPence}`,
		sql: "SELECT cost_line_id || ':' || coalesce(partner_organisation_id, 'overhead') || ':' || amount_pence FROM recharge WHERE organisation_id = ?"
	},
	AllocationKeys: {
		key: (r) => `${r.keyId}:${r.partnerId}:${r.weight}`,
		sql: `SELECT k.id || ':' || s.partner_organisation_id || ':' || s.weight FROM allocation_key k, allocation_key_share s
			WHERE s.key_id = k.id AND k.organisation_id = ?`
	},
	PartnerBudgets: {
		key: (r) => `${r.partnerId}:${r.amountPence}`,
		sql: "SELECT partner_organisation_id || ':' || amount_pence FROM partner_budget WHERE organisation_id = ?"
	},
	RechargeStatements: {
		key: (r) => `${r.id}:${r.contentHash}`,
		sql: "SELECT id || ':' || content_hash FROM recharge_statement WHERE organisation_id = ? AND issued_at IS NOT NULL"
	}
};

/** Both organisations are shared services with recharges, so each reads only its own. */
const RECHARGE_SETS: EntitySetName[] = [
	'RechargeTotals',
	'Recharges',
	'AllocationKeys',
	'PartnerBudgets',
	'RechargeStatements'
];

/**
 * Who reads each set: each organisation with its own token (every set), and signed-in people of
 * each role with their session (the sets the role may see in the app).
 */
const READERS: { side: 'home' | 'other'; by: 'token' | Role }[] = [
	{ side: 'home', by: 'token' },
	{ side: 'other', by: 'token' },
	{ side: 'home', by: 'viewer' },
	{ side: 'other', by: 'editor' },
	{ side: 'home', by: 'committee' }
];
const READS = READERS.flatMap((reader) =>
	ENTITY_SET_NAMES.filter(
		(name) => reader.by === 'token' || setsForRole(reader.by).includes(name)
	).map((name) => [name, reader.side, reader.by] as const)
);

async function credentialOf(side: 'home' | 'other', by: 'token' | Role): Promise<Credential> {
	if (by === 'token') return side === 'home' ? homeToken : otherToken;
	return sessionOf(side, by);
}

describe('every entity set, page by page, against a query from scratch', () => {
	it.each(READS)('%s of %s, read with %s', async (name, side, by) => {
		const check = FROM_SCRATCH[name];
		const organisation = side === 'home' ? f.home : f.other;
		const read = await readAll(organisation.slug, await credentialOf(side, by), name);
		const expected = await sqlRows(check.sql, organisation.id);
		// The home organisation has rows in every set; the other only in some, the recharge sets among them.
		if (side === 'home' || RECHARGE_SETS.includes(name))
			expect(expected.length, 'the fixture has rows here').toBeGreaterThan(0);
		expect(read.rows.map(check.key).sort()).toEqual([...expected].sort());
		expect(new Set(read.rows.map((r) => JSON.stringify(r))).size).toBe(read.rows.length);
	});

	it.each(READERS.filter((r) => r.side === 'home'))(
		'gives the canary only to its own organisation, in every set it reads ($by)',
		async ({ by }) => {
			const credential = await credentialOf('home', by);
			const sets = by === 'token' ? ENTITY_SET_NAMES : setsForRole(by);
			for (const name of sets) {
				const home = await readAll(f.home.slug, credential, name, 5000);
				expect(JSON.stringify(home.rows), name).not.toContain('CANARYB');
			}
		}
	);

	it('leaves draft recharge statements and nothing else out (the fixture has a draft in each organisation)', async () => {
		for (const organisation of [f.home, f.other]) {
			const drafts = await sqlRows(
				"SELECT id FROM recharge_statement WHERE organisation_id = ? AND status = 'draft'",
				organisation.id
			);
			expect(drafts.length).toBeGreaterThan(0);
			const read = await readAll(
				organisation.slug,
				organisation === f.home ? homeToken : otherToken,
				'RechargeStatements'
			);
			expect(read.rows.map((r) => r.status)).toEqual(['issued']);
			for (const id of drafts) expect(read.rows.map((r) => r.id)).not.toContain(id);
		}
	});

	it('gives unallocated overhead partnerKey 0 and no partnerId, and sums each partner’s recharges in the totals', async () => {
		const totals = (await readAll(f.home.slug, homeToken, 'RechargeTotals')).rows;
		const lines = (await readAll(f.home.slug, homeToken, 'Recharges', 500)).rows;
		const overhead = totals.filter((r) => r.partnerKey === 0);
		expect(overhead.length).toBeGreaterThan(0);
		expect(overhead.every((r) => r.partnerId === null)).toBe(true);
		expect(totals.some((r) => r.partnerId === f.other.id)).toBe(true);
		for (const t of totals) {
			const mine = lines.filter(
				(l) =>
					l.partnerKey === t.partnerKey &&
					l.financialYear === t.financialYear &&
					l.spendType === t.spendType
			);
			expect(mine.length).toBe(t.lineCount);
			expect(mine.reduce((sum, l) => sum + Number(l.amountPence), 0)).toBe(Number(t.amountPence));
		}
	});

	it('finds the other organisation’s canary in its own feed (the check above can fail)', async () => {
		const other = await readAll(
			f.other.slug,
			otherToken,
			'Systems?$filter=contains(name,%27CANARYB%27)'
		);
		expect(other.rows).toHaveLength(1);
	});
});

describe('a signed-in session', () => {
	const denied = async () =>
		Number(
			(await execute(db(), "SELECT count(*) FROM audit_event WHERE action = 'access-denied'", []))
				.rows[0]![0]
		);

	it('lists in the service document and $metadata only the sets its role may see', async () => {
		for (const role of ['viewer', 'committee', 'approver'] as const) {
			const session = await sessionOf('home', role);
			const doc = await (await get(root(f.home.slug), session)).json();
			expect(doc.value.map((s: { name: string }) => s.name)).toEqual(setsForRole(role));
		}
		expect(setsForRole('committee')).toEqual([
			'CommitteeReportFigures',
			'CommitteeReportExemptFigures'
		]);
		const xml = await (
			await get(`${root(f.home.slug)}/$metadata`, await sessionOf('home', 'committee'))
		).text();
		expect(xml).not.toContain('EntitySet Name="Systems"');
	});

	it('answers another organisation’s address with the audited 404, whatever the set or link', async () => {
		const viewer = await sessionOf('home', 'viewer');
		for (const path of [
			root(f.other.slug),
			`${root(f.other.slug)}/Systems`,
			`${root(f.other.slug)}/$metadata`,
			`${root(f.other.slug)}/Systems?$filter=contains(name,%27CANARY%27)&$format=csv`
		]) {
			const before = await denied();
			const response = await get(path, viewer);
			const text = await response.text();
			expect(response.status, path).toBe(404);
			expect(JSON.parse(text).error.code).toBe('NotFound');
			expect(text).not.toContain('CANARYB');
			expect(await denied(), path).toBe(before + 1);
		}
		// A next link the other organisation's reader was given, used by this one in their own address.
		const first = await (
			await get(`${root(f.other.slug)}/Workstreams`, await sessionOf('other', 'editor'), {
				prefer: 'odata.maxpagesize=1'
			})
		).json();
		const link = new URL(first['@odata.nextLink']);
		link.pathname = link.pathname.replace(f.other.slug, f.home.slug);
		expect((await get(link.pathname + link.search, viewer)).status).toBe(400);
	});

	it('answers a set its role may not read with the audited 403', async () => {
		const committee = await sessionOf('home', 'committee');
		const before = await denied();
		const response = await get(`${root(f.home.slug)}/Systems`, committee);
		expect(response.status).toBe(403);
		expect((await response.json()).error.code).toBe('Forbidden');
		expect(await denied()).toBe(before + 1);
		expect((await get(`${root(f.home.slug)}/CommitteeReportFigures`, committee)).status).toBe(200);
	});

	it('is refused when another site made the request, by fetch metadata or by origin', async () => {
		const viewer = await sessionOf('home', 'viewer');
		const url = `${root(f.home.slug)}/Systems`;
		const fromElsewhere: Record<string, string>[] = [
			{ 'sec-fetch-site': 'cross-site' },
			{ 'sec-fetch-site': 'same-site' },
			{ 'sec-fetch-site': '', origin: 'https://evil.example' }
		];
		for (const headers of fromElsewhere) {
			const response = await get(url, viewer, headers);
			expect(response.status, JSON.stringify(headers)).toBe(403);
			expect(await response.text()).not.toContain('CANARYA');
		}
		// Typed into the address bar, or a bookmark: the browser says 'none'.
		expect((await get(url, viewer, { 'sec-fetch-site': 'none' })).status).toBe(200);
	});
});

describe('paging, ordering and filtering', () => {
	it.each([
		['hosting', 'hosting, id'],
		['supplier desc,name', 'supplier DESC, name, id'],
		['contractEnd', 'substr(contract_end, 1, 10), id'],
		['annualRunCostPounds desc', 'annual_run_cost_pence DESC, id']
	])('$orderby=%s pages over ties in one stable order', async (orderby, sqlOrder) => {
		const { rows, pages } = await readAll(
			f.home.slug,
			homeToken,
			`Systems?$select=id&$orderby=${orderby}`,
			6
		);
		expect(pages).toBeGreaterThan(10);
		const expected = await sqlRows(
			`SELECT id FROM system WHERE organisation_id = ? ORDER BY ${sqlOrder}`,
			f.home.id
		);
		expect(rows.map((r) => r.id)).toEqual(expected);
	});

	it('applies $top and $skip across pages', async () => {
		const { rows } = await readAll(f.home.slug, homeToken, 'Systems?$select=id&$top=23&$skip=4', 5);
		const expected = await sqlRows(
			'SELECT id FROM system WHERE organisation_id = ? ORDER BY id LIMIT 23 OFFSET 4',
			f.home.id
		);
		expect(rows.map((r) => r.id)).toEqual(expected);
	});

	it.each([
		[
			"contains(supplier,'O''Brien') and annualRunCostPounds ge 100.29",
			"instr(supplier, 'O''Brien') > 0 AND annual_run_cost_pence >= 10029"
		],
		[
			"startswith(name,'Tied') and (hosting eq 'saas' or hosting eq 'hosted')",
			"name LIKE 'Tied%' AND hosting IN ('saas', 'hosted')"
		],
		[
			'contractEnd lt 2028-06-01 or contractEnd eq null',
			"contract_end < '2028-06-01' OR contract_end IS NULL"
		],
		["not endswith(name,'2')", "name NOT LIKE '%2'"]
	])('$filter=%s matches the same rows as SQL written by hand', async (filter, where) => {
		const { rows } = await readAll(
			f.home.slug,
			homeToken,
			`Systems?$select=id&$count=true&$filter=${encodeURIComponent(filter)}`,
			9
		);
		const expected = await sqlRows(
			`SELECT id FROM system WHERE organisation_id = ? AND (${where}) ORDER BY id`,
			f.home.id
		);
		expect(expected.length).toBeGreaterThan(0);
		expect(rows.map((r) => r.id)).toEqual(expected);
		const first = await (
			await get(
				`${root(f.home.slug)}/Systems?$top=1&$count=true&$filter=${encodeURIComponent(filter)}`,
				homeToken
			)
		).json();
		expect(first['@odata.count']).toBe(expected.length);
	});

	it('gives flat typed values: pence as integers, pounds with pence, dates as dates, true and false', async () => {
		const body = await (
			await get(
				`${root(f.home.slug)}/Systems?$filter=${encodeURIComponent("name eq 'Tied 1'")}&$top=1`,
				homeToken
			)
		).json();
		const row = body.value[0];
		expect(row.annualRunCostPence).toBe(10_029);
		expect(row.annualRunCostPounds).toBe(100.29);
		const outcome = (
			await (await get(`${root(f.home.slug)}/ReviewOutcomes?$top=1`, homeToken)).json()
		).value[0];
		expect(typeof outcome.isCurrent).toBe('boolean');
		expect(outcome.reviewedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
	});
});

describe('refusals', () => {
	const error = async (response: Response) => ({
		status: response.status,
		...(await response.json()).error
	});

	it('answers OData JSON errors for bad options and unknown sets', async () => {
		const base = root(f.home.slug);
		expect(await error(await get(`${base}/Nothing`, homeToken))).toMatchObject({
			status: 404,
			code: 'UnknownEntitySet'
		});
		expect(await error(await get(`${base}/Systems?$filter=nope eq 1`, homeToken))).toMatchObject({
			status: 400,
			code: 'UnknownProperty'
		});
		expect(await error(await get(`${base}/Systems?$filter=name eq 1`, homeToken))).toMatchObject({
			status: 400,
			code: 'TypeMismatch'
		});
		expect(await error(await get(`${base}/Systems?$filter=name eq`, homeToken))).toMatchObject({
			status: 400,
			code: 'InvalidFilter'
		});
		expect(await error(await get(`${base}/Systems?$top=-1`, homeToken))).toMatchObject({
			status: 400,
			code: 'InvalidOption'
		});
	});

	it('refuses a tampered, foreign or re-optioned next link', async () => {
		const first = await (
			await get(`${root(f.home.slug)}/Systems?$select=id`, homeToken, {
				prefer: 'odata.maxpagesize=5'
			})
		).json();
		const next = new URL(first['@odata.nextLink']);
		const token = next.searchParams.get('$skiptoken')!;
		const [body, mac] = token.split('.');
		const payload = JSON.parse(Buffer.from(body!, 'base64url').toString());
		const forged = Buffer.from(JSON.stringify({ ...payload, o: f.other.id })).toString('base64url');
		const tries = [
			`${forged}.${mac}`,
			`${body}.${mac!.slice(0, -2)}xx`,
			'garbage',
			`${body}.${mac}.${mac}`
		];
		for (const t of tries) {
			const response = await get(
				`${root(f.home.slug)}/Systems?$select=id&$skiptoken=${encodeURIComponent(t)}`,
				homeToken
			);
			expect(await error(response)).toMatchObject({ status: 400, code: 'InvalidSkipToken' });
		}
		// The same link with another filter, or in another organisation's feed.
		next.searchParams.set('$filter', 'id gt 0');
		expect((await get(next.pathname + next.search, homeToken)).status).toBe(400);
		const foreign = `${root(f.other.slug)}/Systems?$select=id&$skiptoken=${encodeURIComponent(token)}`;
		expect(await error(await get(foreign, otherToken))).toMatchObject({
			status: 400,
			code: 'InvalidSkipToken'
		});
	});

	it('refuses no token, an unknown, revoked or expired one, another organisation’s, and an unscoped set', async () => {
		const url = `${root(f.home.slug)}/Systems`;
		const none = await get(url, null);
		expect(none.status).toBe(401);
		expect(none.headers.get('www-authenticate')).toMatch(/Bearer/);
		expect((await get(url, 'ipp_' + 'x'.repeat(43))).status).toBe(401);
		expect((await get(url, otherToken)).status).toBe(403);
		const narrow = await tokenService.createToken(f.homeActor, {
			name: 'narrow',
			scopes: ['Workstreams'],
			days: 30
		});
		expect(await error(await get(url, narrow.token))).toMatchObject({
			status: 403,
			code: 'Forbidden'
		});
		const metadata = await (await get(`${root(f.home.slug)}/$metadata`, narrow.token)).text();
		expect(metadata).toContain('EntitySet Name="Workstreams"');
		expect(metadata).not.toContain('EntitySet Name="Systems"');
		expect((await get(`${root(f.home.slug)}/Workstreams`, narrow.token)).status).toBe(200);
		expect((await tokenService.revokeToken(f.homeActor, narrow.summary.id)).ok).toBe(true);
		expect(await error(await get(`${root(f.home.slug)}/Workstreams`, narrow.token))).toMatchObject({
			status: 401,
			message: expect.stringMatching(/revoked/)
		});
		const old = await tokenService.createToken(
			f.homeActor,
			{ name: 'old', scopes: ['Workstreams'], days: 30 },
			new Date(Date.now() - 31 * 86_400_000)
		);
		expect(await error(await get(`${root(f.home.slug)}/Workstreams`, old.token))).toMatchObject({
			status: 401,
			message: expect.stringMatching(/expired/)
		});
	});

	it('keeps the exempt annex out of every standard scope', async () => {
		expect(STANDARD_SETS).not.toContain('CommitteeReportExemptFigures');
		const standard = await tokenService.createToken(f.homeActor, {
			name: 'std',
			scopes: STANDARD_SETS,
			days: 30
		});
		expect(
			(await get(`${root(f.home.slug)}/CommitteeReportExemptFigures`, standard.token)).status
		).toBe(403);
	});

	it('answers 429 with Retry-After past the rate, per token', async () => {
		const before = process.env.ODATA_REQUESTS_PER_MINUTE;
		process.env.ODATA_REQUESTS_PER_MINUTE = '3';
		try {
			const t = await tokenService.createToken(f.homeActor, {
				name: 'rate',
				scopes: ['Workstreams'],
				days: 30
			});
			const statuses = [];
			for (let i = 0; i < 4; i++)
				statuses.push((await get(`${root(f.home.slug)}/Workstreams`, t.token)).status);
			expect(statuses).toEqual([200, 200, 200, 429]);
			const refused = await get(`${root(f.home.slug)}/Workstreams`, t.token);
			expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
		} finally {
			if (before === undefined) delete process.env.ODATA_REQUESTS_PER_MINUTE;
			else process.env.ODATA_REQUESTS_PER_MINUTE = before;
		}
	});
});

describe('tokens', () => {
	it('stores only a hash, counts every use and audits the first use of the day once', async () => {
		const t = await tokenService.createToken(f.homeActor, {
			name: 'count',
			scopes: ['Workstreams'],
			days: 365
		});
		const stored = await execute(db(), 'SELECT * FROM api_token WHERE id = ?', [t.summary.id]);
		expect(JSON.stringify(stored.rows)).not.toContain(t.token);
		for (let i = 0; i < 3; i++) await get(`${root(f.home.slug)}/Workstreams`, t.token);
		const after = await tokens.getToken(db(), f.home.id, t.summary.id);
		expect(after).toMatchObject({ useCount: 3 });
		expect(after!.lastUsedAt).not.toBeNull();
		const audited = await execute(
			db(),
			"SELECT count(*) FROM audit_event WHERE entity = 'api_token' AND entity_id = ? AND action = 'first-use-today'",
			[String(t.summary.id)]
		);
		expect(Number(audited.rows[0]![0])).toBe(1);
	});

	it('accepts the token as Basic password or key=, and lasts at most 12 months', async () => {
		const basic = Buffer.from(`powerbi:${homeToken}`).toString('base64');
		expect(
			(await get(`${root(f.home.slug)}/Workstreams`, null, { authorization: `Basic ${basic}` }))
				.status
		).toBe(200);
		expect((await get(`${root(f.home.slug)}/Workstreams?key=${homeToken}`, null)).status).toBe(200);
		const long = await tokenService.createToken(f.homeActor, {
			name: 'long',
			scopes: ['Workstreams'],
			days: 5000
		});
		const days =
			(Date.parse(long.summary.expiresAt) - Date.parse(long.summary.createdAt)) / 86_400_000;
		expect(days).toBeLessThanOrEqual(366);
	});
});

describe('documents and CSV', () => {
	it('serves the service document and $metadata with typed columns', async () => {
		const doc = await (await get(root(f.home.slug), homeToken)).json();
		expect(doc.value.map((s: { name: string }) => s.name)).toEqual([...ENTITY_SET_NAMES]);
		const xml = await (await get(`${root(f.home.slug)}/$metadata`, homeToken)).text();
		expect(xml).toContain('<Property Name="annualRunCostPence" Type="Edm.Int64" Nullable="true"/>');
		expect(xml).toContain(
			'<Property Name="annualRunCostPounds" Type="Edm.Decimal" Nullable="true" Precision="19" Scale="2"/>'
		);
		expect(xml).toContain('<Property Name="contractEnd" Type="Edm.Date" Nullable="true"/>');
	});

	it('gives every set as CSV with a BOM, every row, pounds with two decimals', async () => {
		const response = await get(
			`${root(f.home.slug)}/Systems?$format=csv&$select=id,annualRunCostPounds`,
			homeToken
		);
		expect(response.headers.get('content-type')).toMatch(/text\/csv/);
		const bytes = new Uint8Array(await response.arrayBuffer());
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const lines = new TextDecoder().decode(bytes).trim().split('\r\n');
		// TextDecoder drops the BOM it has just been shown is there.
		expect(lines[0]).toBe('id,annualRunCostPounds');
		const count = await sqlRows('SELECT count(*) FROM system WHERE organisation_id = ?', f.home.id);
		expect(lines.length - 1).toBe(Number(count[0]));
		expect(lines).toContain(
			`${(await sqlRows("SELECT id FROM system WHERE organisation_id = ? AND name = 'Tied 1' ORDER BY id LIMIT 1", f.home.id))[0]},100.29`
		);
	});
});
