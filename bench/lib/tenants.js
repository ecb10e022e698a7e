/**
 * Many partner organisations in one database, for the load and the many-organisations benchmarks:
 * each organisation gets 3 directorates, 11 service areas, 7 workstreams, a funding source, its
 * users, and `systemsPerOrg` systems with reviews and outcomes (~60%), workstream links (~1.5 each)
 * and cost lines. Works on any libSQL URL (a file or sqld), after the app has migrated it. Each
 * organisation's rows come from its own seed (`seed + index`), so organisation k holds the same data
 * whether it is generated alone or among 400: the many-organisations benchmark depends on that.
 * The pre-aggregated cost totals are left to the app's own rebuild command (npm run costs:rebuild).
 */
import {
	DIRECTORATES,
	KINDS,
	PEOPLE,
	SERVICE_AREAS,
	SUBJECTS,
	SUPPLIERS,
	WORKSTREAMS,
	prng
} from '../generate.js';

export const TENANTS_VERSION = 2;

const BASE_DAY = Date.UTC(2026, 10, 1);
const DAY_MS = 86_400_000;
const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);
const isoInstant = (ms) => new Date(ms).toISOString();
const YEARS = ['2025/26', '2026/27', '2027/28', '2028/29'];
const CATEGORIES = [
	'licence',
	'support_maintenance',
	'hosting',
	'implementation',
	'development',
	'training'
];
const OUTCOME_PAIRS = [
	['develop', 'replace'],
	['decommission', 'replace'],
	['maintain', 'replace'],
	['develop', 'decommission']
];
const OUTCOME_BIT = { maintain: 1, develop: 2, decommission: 4, replace: 8 };

/** Multi-row INSERTs of `rows` (arrays in `columns` order), under SQLite's bound-parameter limit. */
function inserts(table, columns, rows) {
	const per = Math.max(1, Math.floor(8000 / columns.length));
	const tuple = `(${columns.map(() => '?').join(',')})`;
	const statements = [];
	for (let i = 0; i < rows.length; i += per) {
		const slice = rows.slice(i, i + per);
		statements.push({
			sql: `INSERT INTO ${table} (${columns.join(',')}) VALUES ${slice.map(() => tuple).join(',')}`,
			args: slice.flat()
		});
	}
	return statements;
}

async function nextIds(client, tables) {
	const ids = {};
	for (const t of tables)
		ids[t] = Number((await client.execute(`SELECT coalesce(max(id), 0) AS n FROM ${t}`)).rows[0].n);
	return ids;
}

const SYSTEM_COLUMNS = [
	'id',
	'organisation_id',
	'directorate_id',
	'directorate_name',
	'service_area_id',
	'name',
	'description',
	'supplier',
	'product',
	'hosting',
	'business_owner',
	'technical_owner',
	'contact_name',
	'contact_email',
	'contact_phone',
	'user_count',
	'annual_run_cost_pence',
	'contract_start',
	'contract_end',
	'contract_notice',
	'criticality',
	'statutory_duties',
	'personal_data',
	'lifecycle',
	'external_ref',
	'review_status',
	'outcome_count',
	'outcome_flags',
	'version',
	'created_at',
	'updated_at'
];
const REVIEW_COLUMNS = [
	'id',
	'organisation_id',
	'system_id',
	'reviewed_on',
	'reviewer',
	'summary',
	'is_current',
	'superseded_at',
	'created_at'
];
const OUTCOME_COLUMNS = [
	'organisation_id',
	'review_id',
	'system_id',
	'outcome',
	'rationale',
	'status',
	'target_date',
	'workstream_id',
	'is_current'
];
const LINK_COLUMNS = ['organisation_id', 'system_id', 'workstream_id', 'note', 'created_at'];
const COST_COLUMNS = [
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

/**
 * Adds organisations `from` .. `from + count - 1` (by index) to the database behind `client`.
 * @param {import('@libsql/client').Client} client
 * @param {{ from?: number, count: number, systemsPerOrg: number, costLinesPerSystem?: number, users?: { role: string, passwordHash: string }[], seed?: number }} options
 * @returns {Promise<{ organisations: { index: number, id: number, slug: string, users: { email: string, role: string }[], systemIds: number[], workstreamIds: number[] }[], rows: number }>}
 */
export async function addTenants(
	client,
	{ from = 0, count, systemsPerOrg, costLinesPerSystem = 2, users = [], seed = 20261206 }
) {
	const ids = await nextIds(client, [
		'organisation',
		'directorate',
		'service_area',
		'workstream',
		'system',
		'review',
		'funding_source'
	]);
	const made = [];
	let rows = 0;
	for (let index = from; index < from + count; index++) {
		const random = prng(seed + index);
		const pick = (list) => list[Math.floor(random() * list.length)];
		const chance = (p) => random() < p;
		const between = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
		const weighted = (pairs) => {
			let r = random();
			for (const [value, weight] of pairs) if ((r -= weight) < 0) return value;
			return pairs[pairs.length - 1][0];
		};
		const org = ++ids.organisation;
		const slug = `tenant-${String(index + 1).padStart(3, '0')}`;
		const dirIds = DIRECTORATES.map(() => ++ids.directorate);
		const areaIds = SERVICE_AREAS.map(() => ++ids.service_area);
		const wsIds = WORKSTREAMS.map(() => ++ids.workstream);
		const fundingId = ++ids.funding_source;
		const statements = [
			{
				sql: 'INSERT INTO organisation (id, slug, name, created_at) VALUES (?, ?, ?, ?)',
				args: [org, slug, `Tenant Council ${index + 1}`, isoInstant(BASE_DAY - 900 * DAY_MS)]
			},
			...inserts(
				'directorate',
				['id', 'organisation_id', 'name'],
				DIRECTORATES.map((name, i) => [dirIds[i], org, name])
			),
			...inserts(
				'service_area',
				['id', 'organisation_id', 'directorate_id', 'name'],
				SERVICE_AREAS.map(([d, name], i) => [areaIds[i], org, dirIds[d], name])
			),
			...inserts(
				'workstream',
				['id', 'organisation_id', 'name', 'description', 'lead'],
				WORKSTREAMS.map((name, i) => [wsIds[i], org, name, `${name} workstream`, PEOPLE[i]])
			),
			{
				sql: "INSERT INTO funding_source (id, organisation_id, name, kind, spend_type) VALUES (?, ?, 'ICT revenue budget', 'revenue_budget', 'revenue')",
				args: [fundingId, org]
			},
			...inserts(
				'app_user',
				['organisation_id', 'email', 'display_name', 'role', 'password_hash'],
				users.map((u, k) => [
					org,
					`officer${k + 1}@${slug}.gov.uk`,
					`Officer ${k + 1}`,
					u.role,
					u.passwordHash
				])
			)
		];
		const systemRows = [];
		const reviewRows = [];
		const outcomeRows = [];
		const linkRows = [];
		const costRows = [];
		const systemIds = [];
		for (let n = 1; n <= systemsPerOrg; n++) {
			const id = ++ids.system;
			systemIds.push(id);
			const area = between(0, SERVICE_AREAS.length - 1);
			const dirIndex = chance(0.97) ? SERVICE_AREAS[area][0] : null;
			const supplier = chance(0.04) ? '' : pick(SUPPLIERS);
			const kind = pick(KINDS);
			const subject = pick(SUBJECTS);
			const name = `${subject} ${kind} ${n.toString(36).toUpperCase().padStart(4, '0')}`;
			const createdMs = BASE_DAY - between(30, 1000) * DAY_MS;
			const end = BASE_DAY + between(-730, 2190) * DAY_MS;
			let reviewStatus = 'not_reviewed';
			let outcomeCount = 0;
			let outcomeFlags = 0;
			if (chance(0.6)) {
				const rid = ++ids.review;
				const on = BASE_DAY - between(0, 365) * DAY_MS;
				reviewRows.push([
					rid,
					org,
					id,
					isoDay(on),
					pick(PEOPLE),
					`Strategy group review of ${name}`,
					1,
					null,
					isoInstant(on)
				]);
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
					const dated = outcome === 'decommission' || outcome === 'replace';
					const ws =
						outcome === 'replace' || (outcome === 'develop' && chance(0.5)) ? pick(wsIds) : null;
					outcomeRows.push([
						org,
						rid,
						id,
						outcome,
						`Synthetic rationale for ${outcome}`,
						status,
						dated ? isoDay(BASE_DAY + between(60, 1500) * DAY_MS) : null,
						ws,
						1
					]);
				}
				reviewStatus = allAgreed ? 'agreed' : 'proposed';
				outcomeCount = outcomes.length;
				outcomeFlags = outcomes.reduce((flags, o) => flags | OUTCOME_BIT[o], 0);
			}
			const linked = new Set([pick(wsIds)]);
			if (chance(0.5)) linked.add(pick(wsIds));
			for (const ws of linked)
				linkRows.push([org, id, ws, 'Generated link', isoInstant(createdMs)]);
			for (let c = 0; c < costLinesPerSystem; c++) {
				costRows.push([
					org,
					id,
					null,
					dirIndex == null ? null : dirIds[dirIndex],
					pick(YEARS),
					'revenue',
					pick(CATEGORIES),
					100 * between(100, 50_000),
					'estimate',
					chance(0.7) ? fundingId : null,
					'Generated cost line'
				]);
			}
			const contact = chance(0.7) ? pick(PEOPLE) : null;
			const hasContract = chance(0.85);
			systemRows.push([
				id,
				org,
				dirIndex == null ? null : dirIds[dirIndex],
				dirIndex == null ? '' : DIRECTORATES[dirIndex],
				dirIndex != null && chance(0.9) ? areaIds[area] : null,
				name,
				`${kind} supporting ${subject.toLowerCase()}`,
				supplier,
				`${supplier || 'Bespoke'} ${kind}`,
				weighted([
					['on_premises', 0.4],
					['hosted', 0.25],
					['saas', 0.35]
				]),
				pick(PEOPLE),
				pick(PEOPLE),
				contact ?? '',
				contact ? `${contact.replace(/[^A-Za-z]/g, '').toLowerCase()}@${slug}.gov.uk` : '',
				contact ? `01632 960${String(between(0, 999)).padStart(3, '0')}` : '',
				chance(0.1) ? null : Math.round(Math.exp(random() * 8)),
				chance(0.15) ? null : between(50, 25_000) * 10_000,
				// A contract starts before it ends (the edit form refuses anything else, so the load benchmark's saves would fail).
				hasContract ? isoDay(end - between(365, 3650) * DAY_MS) : null,
				hasContract ? isoDay(end) : null,
				null,
				weighted([
					['low', 0.25],
					['medium', 0.4],
					['high', 0.25],
					['critical', 0.1]
				]),
				chance(0.3) ? 'Statutory duty applies' : '',
				weighted([
					['none', 0.3],
					['personal', 0.5],
					['special_category', 0.2]
				]),
				weighted([
					['live', 0.93],
					['being_replaced', 0.04],
					['archived', 0.03]
				]),
				`${slug.toUpperCase()}-${String(n).padStart(5, '0')}`,
				reviewStatus,
				outcomeCount,
				outcomeFlags,
				1,
				isoInstant(createdMs),
				isoInstant(createdMs)
			]);
		}
		statements.push(
			...inserts('system', SYSTEM_COLUMNS, systemRows),
			...inserts('review', REVIEW_COLUMNS, reviewRows),
			...inserts('review_outcome', OUTCOME_COLUMNS, outcomeRows),
			...inserts('system_workstream', LINK_COLUMNS, linkRows),
			...inserts('cost_line', COST_COLUMNS, costRows)
		);
		await client.batch(statements, 'write');
		rows +=
			1 +
			DIRECTORATES.length +
			SERVICE_AREAS.length +
			WORKSTREAMS.length +
			1 +
			users.length +
			systemRows.length +
			reviewRows.length +
			outcomeRows.length +
			linkRows.length +
			costRows.length;
		made.push({
			index,
			id: org,
			slug,
			users: users.map((u, k) => ({ email: `officer${k + 1}@${slug}.gov.uk`, role: u.role })),
			systemIds,
			workstreamIds: wsIds
		});
	}
	return { organisations: made, rows };
}
