/**
 * The permission matrix, over HTTP against the built app. Every route and form action under
 * src/routes is found at test time, from the route modules' own exports, and must have a rule here;
 * each is tried as anonymous, every role, a disabled user and a platform administrator, against a
 * record of their own organisation, of another organisation, and a missing id. Canary strings must never cross organisations, and a
 * canary named contact must never reach any route's data (page data as `__data.json`, JSON action
 * answers to stale posts, CSV, print) unless revealed to a role allowed it, with an audit row.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@libsql/client';
import { can, type Action, type Role } from '../../src/lib/domain/permissions';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const baseURL = inject('baseURL');
const databaseUrl = inject('databaseUrl');

// ---- Discovering every route and action -------------------------------------------------------

interface Endpoint {
	method: 'GET' | 'POST';
	/** Route pattern as in src/routes, e.g. '/systems/[id]'. */
	route: string;
	/** Form action name for POSTs to pages ('default' for an unnamed one). */
	action?: string;
}

// The route modules themselves, imported as SvelteKit imports them, so an action or a handler counts
// however it is written (a shorthand method, a spread, a variable): whatever the module exports.
const pageServers = import.meta.glob<{ actions?: Record<string, unknown> }>(
	'/src/routes/**/+page.server.ts'
);
const servers = import.meta.glob<Record<string, unknown>>('/src/routes/**/+server.ts');
const pages = Object.keys(import.meta.glob('/src/routes/**/+page.svelte'));
const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** '/src/routes/systems/[id]/+page.server.ts' -> '/systems/[id]' */
// '[id=id]' (a param matcher) is written '[id]' in the rules: the matcher does not change who may open it.
const routeOf = (file: string) =>
	`/${file.split('/').slice(3, -1).join('/')}`
		.replace(/\/$/, '')
		.replace(/\[(\w+)=\w+\]/g, '[$1]') || '/';

export async function discoverEndpoints(): Promise<Endpoint[]> {
	const endpoints: Endpoint[] = [];
	for (const [file, load] of Object.entries(pageServers)) {
		const route = routeOf(file);
		endpoints.push({ method: 'GET', route });
		for (const action of Object.keys((await load()).actions ?? {}))
			endpoints.push({ method: 'POST', route, action });
	}
	const withServerLoad = new Set(Object.keys(pageServers).map(routeOf));
	for (const file of pages)
		if (!withServerLoad.has(routeOf(file))) endpoints.push({ method: 'GET', route: routeOf(file) });
	for (const [file, load] of Object.entries(servers)) {
		const handlers = Object.keys(await load()).filter((name) => HTTP_METHODS.includes(name));
		for (const method of handlers)
			endpoints.push({ method: method as 'GET' | 'POST', route: routeOf(file) });
	}
	return endpoints;
}

const ENDPOINTS = await discoverEndpoints();

const key = (e: Endpoint) => `${e.method} ${e.route}${e.action ? `?/${e.action}` : ''}`;

// ---- The matrix ---------------------------------------------------------------------------------

type RecordKind =
	| 'system'
	| 'workstream'
	| 'user'
	| 'upload'
	| 'import-result'
	| 'business-case'
	| 'report'
	| 'governance-document'
	| 'recovery-test'
	| 'governance-meeting'
	| 'shared-service'
	| 'recharge-statement';
interface Rule {
	/** Open to anyone: signing in and out, first-run setup. */
	public?: true;
	/**
	 * The OData feed (an API token, or a session of the app's own site): signed out or disabled is a
	 * 401, never a sign-in page; a role with this permission reads its own organisation's feed; without
	 * it, the audited 403; another organisation's address, the audited 404. (The feed's [set] here is Systems.)
	 */
	feed?: Action;
	/** The permission the route needs. */
	needs?: Action;
	/** The kind of record the [id] names. */
	record?: RecordKind;
	/** What to post: deliberately harmless (invalid or a no-op), so the matrix changes nothing. */
	body?: Record<string, string>;
}

const RULES: Record<string, Rule> = {
	// Everyone signed in may open '/': committee members get their reports page, not the dashboard.
	'GET /': { needs: 'report:read-issued' },
	'GET /systems': { needs: 'catalogue:read' },
	'GET /systems.csv': { needs: 'catalogue:read' },
	'GET /systems.xlsx': { needs: 'catalogue:read' },
	'GET /systems/new': { needs: 'catalogue:write' },
	'POST /systems/new?/default': { needs: 'catalogue:write', body: { name: '' } },
	'GET /systems/[id]': { needs: 'catalogue:read', record: 'system' },
	'GET /systems/[id]/archive': { needs: 'catalogue:write', record: 'system' },
	'POST /systems/[id]/archive?/default': {
		needs: 'catalogue:write',
		record: 'system',
		body: { version: '999999' }
	},
	'POST /systems/[id]?/reveal': { needs: 'contact:read', record: 'system' },
	'GET /systems/[id]/edit': { needs: 'catalogue:write', record: 'system' },
	'POST /systems/[id]/edit?/default': {
		needs: 'catalogue:write',
		record: 'system',
		body: { name: '' }
	},
	'GET /systems/[id]/review': { needs: 'review:write', record: 'system' },
	'POST /systems/[id]/review?/default': {
		needs: 'review:write',
		record: 'system',
		body: { reviewedOn: '' }
	},
	'GET /systems/[id]/costs': { needs: 'catalogue:read', record: 'system' },
	'POST /systems/[id]/costs?/create': {
		needs: 'catalogue:write',
		record: 'system',
		body: { amount: '' }
	},
	'POST /systems/[id]/costs?/update': {
		needs: 'catalogue:write',
		record: 'system',
		body: { lineId: '' }
	},
	'POST /systems/[id]/costs?/archive': {
		needs: 'catalogue:write',
		record: 'system',
		body: { lineId: '' }
	},
	'GET /import': { needs: 'catalogue:write' },
	'POST /import?/upload': { needs: 'catalogue:write', body: {} },
	'GET /import/template.csv': { needs: 'catalogue:write' },
	'GET /import/[id]': { needs: 'catalogue:write', record: 'upload' },
	'POST /import/[id]?/commit': {
		needs: 'catalogue:write',
		record: 'upload',
		body: { create: '999' }
	},
	'GET /import/[id]/rejected.csv': { needs: 'catalogue:write', record: 'upload' },
	'GET /import/[id]/updates.csv': { needs: 'catalogue:write', record: 'upload' },
	'GET /import/result/[id]': { needs: 'catalogue:write', record: 'import-result' },
	'GET /import/result/[id]/changes.csv': { needs: 'catalogue:write', record: 'import-result' },
	'GET /costs.csv': { needs: 'catalogue:read' },
	'GET /costs/import': { needs: 'catalogue:write' },
	'POST /costs/import?/upload': { needs: 'catalogue:write', body: {} },
	'GET /costs/import/[id]': { needs: 'catalogue:write', record: 'upload' },
	'POST /costs/import/[id]?/commit': {
		needs: 'catalogue:write',
		record: 'upload',
		body: { plan: 'stale' }
	},
	'GET /costs/import/[id]/rejected.csv': { needs: 'catalogue:write', record: 'upload' },
	'GET /workstreams': { needs: 'catalogue:read' },
	'GET /workstreams.csv': { needs: 'catalogue:read' },
	'GET /summary.csv': { needs: 'catalogue:read' },
	'GET /rollups': { needs: 'catalogue:read' },
	'GET /rollups.csv': { needs: 'catalogue:read' },
	'GET /rollups.xlsx': { needs: 'catalogue:read' },
	'GET /timeline': { needs: 'catalogue:read' },
	'GET /business-cases': { needs: 'catalogue:read' },
	'POST /business-cases?/create': { needs: 'business-case:write', body: { title: '' } },
	'GET /business-cases/[id]': { needs: 'catalogue:read', record: 'business-case' },
	'POST /business-cases/[id]?/submit': {
		needs: 'business-case:write',
		record: 'business-case',
		body: { version: '999999' }
	},
	'POST /business-cases/[id]?/withdraw': {
		needs: 'business-case:write',
		record: 'business-case',
		body: { version: '999999' }
	},
	'POST /business-cases/[id]?/revise': {
		needs: 'business-case:write',
		record: 'business-case',
		body: { version: '999999' }
	},
	'GET /business-cases/[id]/edit': { needs: 'business-case:write', record: 'business-case' },
	'POST /business-cases/[id]/edit?/default': {
		needs: 'business-case:write',
		record: 'business-case',
		body: { title: '' }
	},
	'GET /business-cases/[id]/options': { needs: 'business-case:write', record: 'business-case' },
	'POST /business-cases/[id]/options?/save': {
		needs: 'business-case:write',
		record: 'business-case',
		body: { title: '' }
	},
	'POST /business-cases/[id]/options?/remove': {
		needs: 'business-case:write',
		record: 'business-case',
		body: { version: '999999', itemId: 'option-999' }
	},
	'POST /business-cases/[id]/options?/pull': {
		needs: 'business-case:write',
		record: 'business-case',
		body: { version: '999999', itemId: 'option-999' }
	},
	'POST /business-cases/[id]/options?/prefer': {
		needs: 'business-case:write',
		record: 'business-case',
		body: { version: '999999', itemId: 'option-999' }
	},
	'GET /business-cases/[id]/risks': { needs: 'business-case:write', record: 'business-case' },
	'POST /business-cases/[id]/risks?/save': {
		needs: 'business-case:write',
		record: 'business-case',
		body: { title: '' }
	},
	'POST /business-cases/[id]/risks?/remove': {
		needs: 'business-case:write',
		record: 'business-case',
		body: { version: '999999', itemId: 'risk-999' }
	},
	'GET /business-cases/[id]/benefits': { needs: 'business-case:write', record: 'business-case' },
	'POST /business-cases/[id]/benefits?/save': {
		needs: 'business-case:write',
		record: 'business-case',
		body: { title: '' }
	},
	'POST /business-cases/[id]/benefits?/remove': {
		needs: 'business-case:write',
		record: 'business-case',
		body: { version: '999999', itemId: 'benefit-999' }
	},
	'GET /business-cases/[id]/decide': { needs: 'business-case:decide', record: 'business-case' },
	'POST /business-cases/[id]/decide?/check': {
		needs: 'business-case:decide',
		record: 'business-case',
		body: { outcome: '' }
	},
	'POST /business-cases/[id]/decide?/change': {
		needs: 'business-case:decide',
		record: 'business-case',
		body: { outcome: '' }
	},
	'POST /business-cases/[id]/decide?/decide': {
		needs: 'business-case:decide',
		record: 'business-case',
		body: { outcome: '' }
	},
	// [n] is a version of the case: every case has version 1 (pathFor fills it in).
	'GET /business-cases/[id]/versions/[n]': { needs: 'catalogue:read', record: 'business-case' },
	'GET /business-cases/[id]/versions/[n]/print': {
		needs: 'catalogue:read',
		record: 'business-case'
	},
	'GET /business-cases/[id]/versions/[n]/financial.csv': {
		needs: 'catalogue:read',
		record: 'business-case'
	},
	'GET /business-cases/[id]/versions/[n]/financial.xlsx': {
		needs: 'catalogue:read',
		record: 'business-case'
	},
	// Committee reports: the fixture's report is issued, so every reader may open it; a draft's 404 for readers is in reports.test.ts.
	'GET /reports': { needs: 'report:read-issued' },
	'POST /reports?/create': { needs: 'report:write', body: { financialYear: '' } },
	'GET /reports/[id]': { needs: 'report:read-issued', record: 'report' },
	'POST /reports/[id]?/save': {
		needs: 'report:write',
		record: 'report',
		body: { version: '999999', title: '' }
	},
	'POST /reports/[id]?/issue': {
		needs: 'report:write',
		record: 'report',
		body: { version: '999999' }
	},
	// The fixture's report is issued: its confirmation page sends the officer back to the report.
	'GET /reports/[id]/issue': { needs: 'report:write', record: 'report' },
	'POST /reports/[id]/issue?/default': {
		needs: 'report:write',
		record: 'report',
		body: { version: '999999' }
	},
	'GET /reports/[id]/changes': { needs: 'report:read-issued', record: 'report' },
	'GET /reports/[id]/public': { needs: 'report:read-issued', record: 'report' },
	'GET /reports/[id]/annex.csv': { needs: 'report:read-issued', record: 'report' },
	'GET /workstreams/[id]': { needs: 'catalogue:read', record: 'workstream' },
	'GET /workstreams/[id]/systems.csv': { needs: 'catalogue:read', record: 'workstream' },
	'POST /workstreams/[id]?/link': {
		needs: 'catalogue:write',
		record: 'workstream',
		body: { systemId: '' }
	},
	'POST /workstreams/[id]?/unlink': {
		needs: 'catalogue:write',
		record: 'workstream',
		body: { systemId: '' }
	},
	// Without ?system= the confirmation page sends the officer back to the workstream; the matrix checks who may ask.
	'GET /workstreams/[id]/unlink': { needs: 'catalogue:write', record: 'workstream' },
	'POST /workstreams/[id]/unlink?/default': {
		needs: 'catalogue:write',
		record: 'workstream',
		body: { systemId: '' }
	},
	'GET /workstreams/[id]/milestones': { needs: 'catalogue:read', record: 'workstream' },
	'POST /workstreams/[id]/milestones?/add': {
		needs: 'catalogue:write',
		record: 'workstream',
		body: { kind: '' }
	},
	'POST /workstreams/[id]/milestones?/edit': {
		needs: 'catalogue:write',
		record: 'workstream',
		body: { milestoneId: '' }
	},
	'POST /workstreams/[id]/milestones?/archive': {
		needs: 'catalogue:write',
		record: 'workstream',
		body: { milestoneId: '' }
	},
	'GET /systems/[id]/milestones': { needs: 'catalogue:read', record: 'system' },
	'POST /systems/[id]/milestones?/add': {
		needs: 'catalogue:write',
		record: 'system',
		body: { kind: '' }
	},
	'POST /systems/[id]/milestones?/edit': {
		needs: 'catalogue:write',
		record: 'system',
		body: { milestoneId: '' }
	},
	'POST /systems/[id]/milestones?/archive': {
		needs: 'catalogue:write',
		record: 'system',
		body: { milestoneId: '' }
	},
	'GET /systems/[id]/outage': { needs: 'catalogue:read', record: 'system' },
	'POST /systems/[id]/outage?/save': {
		needs: 'catalogue:write',
		record: 'system',
		body: { concurrentUsers: '' }
	},
	'POST /systems/[id]/outage?/clear': {
		needs: 'catalogue:write',
		record: 'system',
		body: { version: '999999' }
	},
	'GET /settings/outage': { needs: 'catalogue:read' },
	'POST /settings/outage?/salary': { needs: 'catalogue:write', body: { annualSalary: '' } },
	'POST /settings/outage?/direct': { needs: 'catalogue:write', body: { costPerUserHour: '' } },
	'GET /workstreams/[id]/costs': { needs: 'catalogue:read', record: 'workstream' },
	'POST /workstreams/[id]/costs?/create': {
		needs: 'catalogue:write',
		record: 'workstream',
		body: { amount: '' }
	},
	'POST /workstreams/[id]/costs?/update': {
		needs: 'catalogue:write',
		record: 'workstream',
		body: { lineId: '' }
	},
	'POST /workstreams/[id]/costs?/archive': {
		needs: 'catalogue:write',
		record: 'workstream',
		body: { lineId: '' }
	},
	'GET /funding': { needs: 'catalogue:read' },
	'POST /funding?/create': { needs: 'catalogue:write', body: { name: '' } },
	'POST /funding?/update': { needs: 'catalogue:write', body: { sourceId: '' } },
	'GET /governance': { needs: 'governance:read' },
	'GET /governance.csv': { needs: 'governance:read' },
	'GET /governance/documents': { needs: 'governance:read' },
	'POST /governance/documents?/create': { needs: 'governance:write', body: { title: '' } },
	'POST /governance/documents?/person': { needs: 'governance:write', body: { name: '' } },
	'GET /governance/documents/[id]': { needs: 'governance:read', record: 'governance-document' },
	'POST /governance/documents/[id]?/addVersion': {
		needs: 'governance:write',
		record: 'governance-document',
		body: { summary: '' }
	},
	'POST /governance/documents/[id]?/editDraft': {
		needs: 'governance:write',
		record: 'governance-document',
		body: { versionId: '' }
	},
	'POST /governance/documents/[id]?/approve': {
		needs: 'governance:write',
		record: 'governance-document',
		body: { versionId: '' }
	},
	// [n] is version 1, which the fixture's document has with a text attachment.
	'GET /governance/documents/[id]/attachment/[n]': {
		needs: 'governance:read',
		record: 'governance-document'
	},
	'GET /governance/tests': { needs: 'governance:read' },
	'POST /governance/tests?/complete': { needs: 'governance:write', body: { actionId: '' } },
	'GET /governance/tests/new': { needs: 'governance:write' },
	'POST /governance/tests/new?/default': { needs: 'governance:write', body: { versionId: '' } },
	'GET /governance/tests/[id]': { needs: 'governance:read', record: 'recovery-test' },
	'GET /governance/meetings': { needs: 'governance:read' },
	'POST /governance/meetings?/record': { needs: 'governance:write', body: { title: '' } },
	'POST /governance/meetings?/decide': { needs: 'governance:write', body: { minuteRef: '' } },
	'POST /governance/meetings?/attach': { needs: 'governance:write', body: { paperTitle: '' } },
	'GET /governance/meetings/[id]/papers/[n]': {
		needs: 'governance:read',
		record: 'governance-meeting'
	},
	'GET /governance/partnership': { needs: 'governance:read' },
	'POST /governance/partnership?/agreement': { needs: 'partnership:manage', body: { title: '' } },
	'POST /governance/partnership?/join': {
		needs: 'partnership:manage',
		body: { partnerOrganisationId: '' }
	},
	'POST /governance/partnership?/leave': { needs: 'partnership:manage', body: { leftOn: '' } },
	'POST /governance/partnership?/systems': { needs: 'partnership:manage', body: { systemId: '' } },
	// A shared service's register as a partner reads it: 'own' is one the demo council is a partner of,
	// 'other' one only the other organisation is a partner of (a cross-partner attempt: 404 and audited).
	'GET /governance/shared/[id]': { needs: 'governance:read', record: 'shared-service' },
	// A partner's downloads of the shared service's plan and meeting papers; 'other' asks for the
	// other organisation's shared service's own plan and meeting (a cross-partner attempt).
	'GET /governance/shared/[id]/documents/[doc]/attachment/[n]': {
		needs: 'governance:read',
		record: 'shared-service'
	},
	'GET /governance/shared/[id]/meetings/[m]/papers/[n]': {
		needs: 'governance:read',
		record: 'shared-service'
	},
	// Recharges: a shared service's officers keep keys and cost centres (refused with a form error in an
	// organisation that is not a shared service); a partner reads a shared service it belongs to, and
	// another's (a cross-partner attempt) is a 404, audited.
	'GET /recharges': { needs: 'governance:read' },
	'POST /recharges?/saveKey': { needs: 'governance:write', body: { kind: 'fixed' } },
	'POST /recharges?/removeKey': { needs: 'governance:write', body: { keyId: '' } },
	'POST /recharges?/addCostCentre': { needs: 'governance:write', body: { code: '' } },
	'POST /recharges?/saveBudget': { needs: 'governance:write', body: { budgetAmount: '' } },
	'GET /recharges/shared/[id]': { needs: 'governance:read', record: 'shared-service' },
	// Ledger reconciliation: the officers' view and tolerance; a partner's own reconciliation, upload and
	// commit on a shared service it belongs to ('other': another shared service's, a cross-partner
	// attempt, is the audited 404). Posts with no file and no upload change nothing.
	'GET /recharges/reconciliation': { needs: 'governance:read' },
	'POST /recharges/reconciliation?/tolerance': {
		needs: 'governance:write',
		body: { tolerance: '' }
	},
	'GET /recharges/reconciliation/shared/[id]': {
		needs: 'governance:read',
		record: 'shared-service'
	},
	'POST /recharges/reconciliation/shared/[id]?/upload': {
		needs: 'governance:write',
		record: 'shared-service'
	},
	'POST /recharges/reconciliation/shared/[id]?/commit': {
		needs: 'governance:write',
		record: 'shared-service',
		body: { upload: '' }
	},
	// Recharge statements: the home organisation is a partner, so 'own' is the statement its shared
	// service issued to it, and 'other' the statement another shared service issued to another partner
	// (a partner trying another partner's statement: 404, audited). A partner's agreement and dispute
	// are refused here by the stale version and the empty reason; a partner's post to issue or delete
	// is refused with a form error, nothing changed (recharge-statements.test.ts shows the statement
	// unchanged); the confirmation page sends it back to the statement.
	'GET /recharges/statements': { needs: 'governance:read' },
	'POST /recharges/statements?/prepare': {
		needs: 'governance:write',
		body: { partnerOrganisationId: '' }
	},
	'GET /recharges/statements/[id]': { needs: 'governance:read', record: 'recharge-statement' },
	'POST /recharges/statements/[id]?/agree': {
		needs: 'governance:write',
		record: 'recharge-statement',
		body: { version: '999999' }
	},
	'POST /recharges/statements/[id]?/dispute': {
		needs: 'governance:write',
		record: 'recharge-statement',
		body: { version: '999999', reason: '' }
	},
	// The full check of every line only reads (anyone who may read the statement), so it needs no body.
	'POST /recharges/statements/[id]?/check': {
		needs: 'governance:read',
		record: 'recharge-statement'
	},
	'POST /recharges/statements/[id]?/discard': {
		needs: 'governance:write',
		record: 'recharge-statement',
		body: { version: '999999' }
	},
	'GET /recharges/statements/[id]/issue': {
		needs: 'governance:write',
		record: 'recharge-statement'
	},
	'POST /recharges/statements/[id]/issue?/default': {
		needs: 'governance:write',
		record: 'recharge-statement',
		body: { version: '999999', fingerprint: '' }
	},
	'GET /recharges/statements/[id]/statement.csv': {
		needs: 'governance:read',
		record: 'recharge-statement'
	},
	'GET /recharges/statements/[id]/statement.xlsx': {
		needs: 'governance:read',
		record: 'recharge-statement'
	},
	'GET /systems/[id]/recovery': { needs: 'governance:read', record: 'system' },
	'POST /systems/[id]/recovery?/save': {
		needs: 'governance:write',
		record: 'system',
		body: { rto: '' }
	},
	'GET /audit': { needs: 'audit:read' },
	'GET /audit.csv': { needs: 'audit:read' },
	'GET /admin/users': { needs: 'user:manage' },
	'POST /admin/users?/create': { needs: 'user:manage', body: { email: '' } },
	'GET /admin/users/[id]': { needs: 'user:manage', record: 'user' },
	'POST /admin/users/[id]?/role': {
		needs: 'user:manage',
		record: 'user',
		body: { role: 'not-a-role' }
	},
	'POST /admin/users/[id]?/disable': {
		needs: 'user:manage',
		record: 'user',
		body: { disabled: 'false' }
	},
	'GET /admin/sso': { needs: 'user:manage' },
	'POST /admin/sso?/save': { needs: 'user:manage', body: { issuer: '' } },
	'POST /admin/sso?/link': { needs: 'user:manage', body: { subject: '' } },
	'GET /admin/api-tokens': { needs: 'user:manage' },
	'POST /admin/api-tokens?/create': { needs: 'user:manage', body: { name: '' } },
	'POST /admin/api-tokens?/revoke': { needs: 'user:manage', body: { tokenId: '0' } },
	'GET /admin/api-tokens/connection.pbids': { needs: 'user:manage' },
	// Every role reads issued reports' figures, so every role has a service document.
	'GET /api/odata/v4/[org]': { feed: 'report:read-issued' },
	'GET /api/odata/v4/[org]/[set]': { feed: 'catalogue:read' },
	'GET /admin/organisations': { needs: 'organisation:manage' },
	'POST /admin/organisations?/create': { needs: 'organisation:manage', body: { name: '' } },
	'POST /admin/organisations?/act': { needs: 'organisation:manage', body: { organisationId: '0' } },
	'GET /account/password': { needs: 'account:manage' },
	'POST /account/password?/default': { needs: 'account:manage', body: { current: '' } },
	'GET /sign-in': { public: true },
	'POST /sign-in?/default': { public: true, body: { email: '' } },
	'GET /sign-out': { public: true },
	'POST /sign-out?/default': { public: true },
	// Organisation sign-in: the way in and its answers. The callback checks everything it is sent
	// against the sign-in the browser started (tests/integration/sso.test.ts).
	'GET /auth/sso': { public: true },
	'GET /auth/sso/start': { public: true },
	'GET /auth/callback': { public: true },
	'GET /auth/refused': { public: true },
	'GET /auth/request-access': { public: true },
	'GET /auth/end-session': { public: true },
	'GET /setup': { public: true },
	'POST /setup?/default': { public: true, body: { token: 'not-a-token' } }
};

// ---- Actors -------------------------------------------------------------------------------------

interface Fixture {
	home: {
		id: number;
		systemId: number;
		workstreamId: number;
		userId: number;
		uploadId: number;
		importAuditId: number;
		businessCaseId: number;
		reportId: number;
		documentId: number;
		testId: number;
		sharedServiceId: number;
		meetingId: number;
		sharedDocumentId: number;
		sharedMeetingId: number;
		statementId: number;
	};
	other: {
		id: number;
		systemId: number;
		workstreamId: number;
		userId: number;
		uploadId: number;
		importAuditId: number;
		businessCaseId: number;
		reportId: number;
		documentId: number;
		testId: number;
		sharedServiceId: number;
		meetingId: number;
		sharedDocumentId: number;
		sharedMeetingId: number;
		statementId: number;
	};
	accounts: Record<string, { email: string; id: number }>;
	tokens: { home: string; other: string };
	slugs: { home: string; other: string };
}

const password = `matrix-${randomBytes(12).toString('base64url')}`;
let fixture: Fixture;
const cookies: Record<string, string | null> = {};

async function signIn(email: string): Promise<string> {
	const response = await fetch(`${baseURL}/sign-in`, {
		method: 'POST',
		headers: {
			origin: baseURL,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({ email, password, next: '/' }).toString(),
		redirect: 'manual'
	});
	const cookie = response.headers.get('set-cookie')?.split(';')[0];
	if (response.status !== 303 || !cookie)
		throw new Error(`could not sign in as ${email}: ${response.status}`);
	return cookie;
}

function request(
	method: 'GET' | 'POST',
	path: string,
	cookie: string | null,
	body?: Record<string, string>
): Promise<Response> {
	const headers: Record<string, string> = { accept: 'text/html' };
	if (cookie) headers.cookie = cookie;
	if (method === 'POST') {
		headers.origin = baseURL;
		headers['content-type'] = 'application/x-www-form-urlencoded';
	}
	return fetch(`${baseURL}${path}`, {
		method,
		headers,
		body: method === 'POST' ? new URLSearchParams(body ?? {}).toString() : undefined,
		redirect: 'manual'
	});
}

const audit = createClient({ url: databaseUrl, authToken: process.env.DATABASE_AUTH_TOKEN });
async function deniedCount(): Promise<number> {
	const result = await audit.execute(
		"SELECT count(*) FROM audit_event WHERE action = 'access-denied'"
	);
	return Number(result.rows[0]![0]);
}

beforeAll(async () => {
	const run = spawnSync(
		process.execPath,
		[
			join(ROOT, 'node_modules/vite-node/vite-node.mjs'),
			'--config',
			'vite.cli.config.ts',
			'tests/e2e/fixtures/matrix-fixture.ts'
		],
		{
			cwd: ROOT,
			env: {
				...process.env,
				DATABASE_URL: databaseUrl,
				MATRIX_PASSWORD: password,
				SEED_DEMO: 'false'
			},
			encoding: 'utf8',
			timeout: 120_000
		}
	);
	if (run.status !== 0) throw new Error(`matrix fixture failed:\n${run.stdout}\n${run.stderr}`);
	fixture = JSON.parse(run.stdout.trim().split('\n').pop()!) as Fixture;
	for (const name of [
		'viewer',
		'editor',
		'approver',
		'committee',
		'org_admin',
		'platform_admin',
		'other_editor',
		'disabled'
	]) {
		cookies[name] = await signIn(fixture.accounts[name]!.email);
	}
	// The disabled user signed in before being disabled: their session must die with the account.
	const disable = await request(
		'POST',
		`/admin/users/${fixture.accounts.disabled!.id}?/disable`,
		cookies.org_admin!,
		{ disabled: 'true' }
	);
	// Done, it answers with the user's page again (a 303 to it, with the success banner).
	expect(disable.status).toBe(303);
	expect(disable.headers.get('location')).toBe(`/admin/users/${fixture.accounts.disabled!.id}`);
	cookies.anonymous = null;
}, 180_000);

const ROLES_UNDER_TEST: Role[] = [
	'viewer',
	'editor',
	'approver',
	'committee',
	'org_admin',
	'platform_admin'
];

function pathFor(endpoint: Endpoint, id: number | null, side: 'own' | 'other' = 'own'): string {
	// [n] is a version or paper number: number 1 always exists. [doc] and [m] are a plan and a
	// meeting of the shared service [id] names: for 'other', the other organisation's shared service's.
	const records = side === 'other' ? fixture.other : fixture.home;
	const path = endpoint.route
		.replace('[id]', String(id ?? 0))
		.replace('[n]', '1')
		.replace('[doc]', String(records.sharedDocumentId))
		.replace('[m]', String(records.sharedMeetingId))
		.replace('[org]', fixture.slugs.home)
		.replace('[set]', 'Systems');
	return endpoint.action && endpoint.action !== 'default' ? `${path}?/${endpoint.action}` : path;
}

function recordIds(kind: RecordKind): { own: number; other: number; missing: number } {
	const field = (
		{
			system: 'systemId',
			workstream: 'workstreamId',
			user: 'userId',
			upload: 'uploadId',
			'import-result': 'importAuditId',
			'business-case': 'businessCaseId',
			report: 'reportId',
			'governance-document': 'documentId',
			'recovery-test': 'testId',
			'governance-meeting': 'meetingId',
			'shared-service': 'sharedServiceId',
			'recharge-statement': 'statementId'
		} as const
	)[kind];
	return { own: fixture.home[field], other: fixture.other[field], missing: 987_654_321 };
}

const isSignInRedirect = (r: Response) =>
	r.status === 303 && (r.headers.get('location') ?? '').startsWith('/sign-in');

describe('permission matrix', () => {
	it('has a rule for every route and form action, and no rule for a route that is gone', () => {
		const found = ENDPOINTS.map(key).sort();
		expect(
			found.filter((k) => !(k in RULES)),
			'routes without a rule'
		).toEqual([]);
		expect(
			Object.keys(RULES).filter((k) => !found.includes(k)),
			'rules for routes that do not exist'
		).toEqual([]);
	});

	it('answers every route as the matrix says, for every actor and record', async () => {
		const failures: string[] = [];
		const check = (ok: boolean, what: string, response: Response) => {
			if (!ok)
				failures.push(`${what}: got ${response.status} ${response.headers.get('location') ?? ''}`);
		};
		for (const endpoint of ENDPOINTS) {
			const rule = RULES[key(endpoint)]!;
			if (rule.feed) {
				for (const actor of ['anonymous', 'disabled']) {
					const response = await request(
						endpoint.method,
						pathFor(endpoint, null),
						cookies[actor] ?? null
					);
					check(response.status === 401, `${key(endpoint)} as ${actor} should be 401`, response);
				}
				for (const role of ROLES_UNDER_TEST) {
					const what = `${key(endpoint)} as ${role}`;
					let before = await deniedCount();
					const own = await request(endpoint.method, pathFor(endpoint, null), cookies[role]!);
					if (can(role, rule.feed)) check(own.status === 200, `${what} should be 200`, own);
					else {
						check(own.status === 403, `${what} should be 403`, own);
						if ((await deniedCount()) !== before + 1)
							failures.push(`${what}: the denial wrote no audit row`);
					}
					before = await deniedCount();
					const path = pathFor(endpoint, null).replace(
						`/v4/${fixture.slugs.home}`,
						`/v4/${fixture.slugs.other}`
					);
					const other = await request(endpoint.method, path, cookies[role]!);
					check(other.status === 404, `${what} [other organisation] should be 404`, other);
					if ((await deniedCount()) !== before + 1)
						failures.push(`${what} [other organisation]: the attempt wrote no audit row`);
				}
				continue;
			}
			if (rule.public) {
				// Public routes are exercised signed out only (signing out would end the actors' sessions).
				const response = await request(endpoint.method, pathFor(endpoint, null), null, rule.body);
				check(response.status < 500, `${key(endpoint)} as anonymous`, response);
				continue;
			}
			const targets: { label: string; id: number | null; kind: 'own' | 'other' | 'missing' }[] =
				rule.record
					? (['own', 'other', 'missing'] as const).map((kind) => ({
							label: kind,
							id: recordIds(rule.record!)[kind],
							kind
						}))
					: [{ label: 'no record', id: null, kind: 'own' }];
			for (const target of targets) {
				const path = pathFor(endpoint, target.id, target.kind === 'other' ? 'other' : 'own');
				for (const actor of ['anonymous', 'disabled']) {
					const response = await request(endpoint.method, path, cookies[actor] ?? null, rule.body);
					check(
						isSignInRedirect(response),
						`${key(endpoint)} [${target.label}] as ${actor} should go to sign-in`,
						response
					);
				}
				for (const role of ROLES_UNDER_TEST) {
					const before = await deniedCount();
					const response = await request(endpoint.method, path, cookies[role]!, rule.body);
					const what = `${key(endpoint)} [${target.label}] as ${role}`;
					if (!can(role, rule.needs!)) {
						check(response.status === 403, `${what} should be 403`, response);
						if ((await deniedCount()) !== before + 1)
							failures.push(`${what}: the denial wrote no audit row`);
					} else if (target.kind !== 'own') {
						check(response.status === 404, `${what} should be 404`, response);
						if (target.kind === 'other' && (await deniedCount()) !== before + 1)
							failures.push(`${what}: the cross-organisation attempt wrote no audit row`);
					} else {
						check(
							response.status < 500 &&
								![401, 403, 404].includes(response.status) &&
								!isSignInRedirect(response),
							`${what} should be allowed`,
							response
						);
					}
				}
			}
		}
		expect(failures).toEqual([]);
	}, 600_000);
});

describe("shared services: a partner's downloads", () => {
	it("downloads its shared service's plan as an attachment; any other organisation's file through any address is the audited 404", async () => {
		const home = fixture.home;
		const other = fixture.other;
		const own = await request(
			'GET',
			`/governance/shared/${home.sharedServiceId}/documents/${home.sharedDocumentId}/attachment/1`,
			cookies.viewer!
		);
		expect(own.status).toBe(200);
		expect(own.headers.get('content-disposition')).toMatch(/^attachment; filename="/);
		expect(own.headers.get('x-content-type-options')).toBe('nosniff');
		expect(await own.text()).toBe('CANARYA shared plan');
		const minutes = await request(
			'GET',
			`/governance/shared/${home.sharedServiceId}/meetings/${home.sharedMeetingId}/papers/1`,
			cookies.viewer!
		);
		expect([minutes.status, await minutes.text()]).toEqual([200, 'CANARYA shared board minutes']);
		for (const path of [
			// Its own shared service's address, the other shared service's plan and minutes.
			`/governance/shared/${home.sharedServiceId}/documents/${other.sharedDocumentId}/attachment/1`,
			`/governance/shared/${home.sharedServiceId}/meetings/${other.sharedMeetingId}/papers/1`,
			// The shared service's own pages are not the partner's.
			`/governance/documents/${home.sharedDocumentId}/attachment/1`,
			`/governance/meetings/${home.sharedMeetingId}/papers/1`
		]) {
			const before = await deniedCount();
			const response = await request('GET', path, cookies.viewer!);
			expect(response.status, path).toBe(404);
			expect(await deniedCount(), `${path} wrote no audit row`).toBe(before + 1);
		}
	});
});

describe("ledger reconciliation: one partner's ledger", () => {
	it("is read and previewed only by its own organisation; any other's upload or ledger is the audited 404", async () => {
		const home = fixture.home;
		const other = fixture.other;
		const own = await request(
			'GET',
			`/recharges/reconciliation/shared/${home.sharedServiceId}`,
			cookies.viewer!
		);
		expect(own.status).toBe(200);
		expect(await own.text()).toContain('CANARYA ledger line');
		for (const [method, path, body] of [
			// Another organisation's upload previewed through its own shared service's page.
			['GET', `/recharges/reconciliation/shared/${home.sharedServiceId}?upload=${other.uploadId}`],
			// Another shared service's reconciliation, upload and commit (its partner's ledger).
			['GET', `/recharges/reconciliation/shared/${other.sharedServiceId}`],
			['POST', `/recharges/reconciliation/shared/${other.sharedServiceId}?/upload`, {}],
			[
				'POST',
				`/recharges/reconciliation/shared/${other.sharedServiceId}?/commit`,
				{ upload: String(other.uploadId), replace: 'yes' }
			]
		] as const) {
			const before = await deniedCount();
			const response = await request(method, path, cookies.editor!, body);
			const text = await response.text();
			expect(response.status, path).toBe(404);
			expect(text, path).not.toContain('CANARYB');
			expect(await deniedCount(), `${path} wrote no audit row`).toBe(before + 1);
		}
	});
});

describe('organisation isolation: canaries', () => {
	const pages = (own: Fixture['home']) => [
		'/',
		'/systems',
		'/systems?q=CANARY',
		'/systems.csv',
		'/systems.csv?q=CANARY',
		'/costs.csv',
		`/costs.csv?system=${own.systemId}`,
		'/systems?sort=updated&dir=desc',
		'/workstreams',
		'/workstreams.csv',
		`/workstreams/${own.workstreamId}`,
		`/workstreams/${own.workstreamId}?find=CANARY`,
		`/workstreams/${own.workstreamId}/systems.csv`,
		'/timeline',
		`/timeline?workstream=${own.workstreamId}`,
		`/workstreams/${own.workstreamId}/milestones`,
		`/systems/${own.systemId}/milestones`,
		`/systems/${own.systemId}/outage`,
		'/settings/outage',
		'/summary.csv',
		'/summary.csv?by=directorate',
		'/summary.csv?by=service-area',
		'/summary.csv?by=workstream',
		'/rollups',
		'/rollups?years=abc',
		'/rollups.csv?table=cost-by-workstream',
		'/rollups.csv?table=outage-workstreams',
		'/audit',
		'/audit.csv',
		'/admin/users',
		'/funding',
		`/systems/${own.systemId}/costs`,
		`/workstreams/${own.workstreamId}/costs`,
		'/business-cases',
		`/business-cases/${own.businessCaseId}`,
		`/business-cases/${own.businessCaseId}/versions/1`,
		`/business-cases/${own.businessCaseId}/versions/1/print`,
		`/business-cases/${own.businessCaseId}/versions/1/financial.csv`,
		'/reports',
		`/reports/${own.reportId}`,
		`/reports/${own.reportId}/public`,
		`/reports/${own.reportId}/changes`,
		`/reports/${own.reportId}/annex.csv`,
		'/recharges',
		`/recharges/shared/${own.sharedServiceId}`,
		'/recharges/reconciliation',
		`/recharges/reconciliation/shared/${own.sharedServiceId}`
	];

	it("never shows one organisation's canary in the other's pages, lists, searches, dashboard or CSV", async () => {
		const leaks: string[] = [];
		const seen: string[] = [];
		for (const [actor, own, foreign, ownCanary] of [
			['org_admin', fixture.home, 'CANARYB', 'CANARYA'],
			['platform_admin', fixture.home, 'CANARYB', 'CANARYA'],
			['viewer', fixture.home, 'CANARYB', 'CANARYA'],
			['other_editor', fixture.other, 'CANARYA', 'CANARYB']
		] as const) {
			for (const path of pages(own)) {
				const response = await request('GET', path, cookies[actor]!);
				const text = await response.text();
				if (text.includes(foreign)) leaks.push(`${actor} saw ${foreign} on ${path}`);
				if (response.status === 200 && text.includes(ownCanary)) seen.push(`${actor} ${path}`);
			}
		}
		expect(leaks).toEqual([]);
		// The check can fail: each organisation's own canary does show up where it should.
		expect(seen.some((s) => s.startsWith('other_editor /systems'))).toBe(true);
		expect(seen.some((s) => s.startsWith('org_admin /systems'))).toBe(true);
		expect(seen).toContain('other_editor /systems.csv?q=CANARY');
		expect(seen).toContain('other_editor /workstreams.csv');
		expect(seen).toContain('other_editor /summary.csv?by=workstream');
		expect(seen.some((s) => /^other_editor \/workstreams\/\d+\/systems\.csv$/.test(s))).toBe(true);
		expect(seen).toContain('other_editor /business-cases');
		expect(seen).toContain('other_editor /reports');
		expect(seen.some((s) => /^org_admin \/business-cases\/\d+\/versions\/1\/print$/.test(s))).toBe(
			true
		);
	});

	it("never gives one organisation's canary through the OData feed: any set, filter, next link or URL", async () => {
		const { ENTITY_SETS } = await import('../../src/lib/server/repos/odata-sets');
		const feed = (slug: string, rest: string, token: string, prefer?: string) =>
			fetch(`${baseURL}/api/odata/v4/${slug}/${rest}`, {
				headers: { authorization: `Bearer ${token}`, ...(prefer ? { prefer } : {}) }
			});
		const leaks: string[] = [];
		let ownSeen = 0;
		for (const [who, foreign, own] of [
			['home', 'CANARYB', 'CANARYA'],
			['other', 'CANARYA', 'CANARYB']
		] as const) {
			const slug = fixture.slugs[who];
			const token = fixture.tokens[who];
			for (const { name: set, properties } of ENTITY_SETS) {
				// Unfiltered, and filtered on the set's first text column for the word both canaries share.
				const text = properties.find((p) => p.type === 'Edm.String')!.name;
				for (const query of ['', `?$filter=${encodeURIComponent(`contains(${text},'CANARY')`)}`]) {
					// Every page, through the next links, five rows at a time.
					let next: string | undefined = `${baseURL}/api/odata/v4/${slug}/${set}${query}`;
					while (next) {
						const response: Response = await fetch(next, {
							headers: { authorization: `Bearer ${token}`, prefer: 'odata.maxpagesize=5' }
						});
						const text = await response.text();
						if (text.includes(foreign)) leaks.push(`${who} saw ${foreign} in ${next}`);
						if (text.includes(own)) ownSeen++;
						next = response.status === 200 ? JSON.parse(text)['@odata.nextLink'] : undefined;
					}
				}
				const csv = await (await feed(slug, `${set}?$format=csv`, token)).text();
				if (csv.includes(foreign)) leaks.push(`${who} saw ${foreign} in ${set} CSV`);
			}
		}
		expect(leaks).toEqual([]);
		expect(ownSeen).toBeGreaterThan(0);
		// A token in the other organisation's URL is refused, whichever way round.
		expect((await feed(fixture.slugs.other, 'Systems', fixture.tokens.home)).status).toBe(403);
		expect((await feed(fixture.slugs.home, 'Systems', fixture.tokens.other)).status).toBe(403);
		// A next link made for one organisation is refused in the other's feed.
		const first = await (
			await feed(fixture.slugs.home, 'Systems', fixture.tokens.home, 'odata.maxpagesize=1')
		).json();
		const link = new URL(first['@odata.nextLink']);
		link.pathname = link.pathname.replace(fixture.slugs.home, fixture.slugs.other);
		const moved = await fetch(link, {
			headers: { authorization: `Bearer ${fixture.tokens.other}` }
		});
		expect(moved.status).toBe(400);
		expect(await moved.text()).not.toContain('CANARYA');

		// A signed-in viewer's session reads its own organisation's sets, every page, without the other's canary.
		let sessionOwn = 0;
		for (const { name: set } of ENTITY_SETS) {
			let next: string | undefined = `${baseURL}/api/odata/v4/${fixture.slugs.home}/${set}`;
			while (next) {
				const response: Response = await fetch(next, {
					headers: { cookie: cookies.viewer!, prefer: 'odata.maxpagesize=5' }
				});
				expect(response.status, set).toBe(200);
				const text = await response.text();
				if (text.includes('CANARYB'))
					leaks.push(`the home viewer's session saw CANARYB in ${next}`);
				if (text.includes('CANARYA')) sessionOwn++;
				next = JSON.parse(text)['@odata.nextLink'];
			}
		}
		expect(leaks).toEqual([]);
		expect(sessionOwn).toBeGreaterThan(0);
		// The cookie sent by a page of another site (the browser marks it cross-site) reads nothing.
		const crossSite = await fetch(`${baseURL}/api/odata/v4/${fixture.slugs.home}/Systems`, {
			headers: { cookie: cookies.viewer!, 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors' }
		});
		expect(crossSite.status).toBe(403);
		expect(await crossSite.text()).not.toContain('CANARYA');
	});

	it('masks a named contact for roles that do not need it, and audits every reveal', async () => {
		const page = await (
			await request('GET', `/systems/${fixture.home.systemId}`, cookies.viewer!)
		).text();
		expect(page).not.toContain('CANARYA Person');
		expect(page).not.toContain('canarya@example.org');
		const before = await audit.execute(
			"SELECT count(*) FROM audit_event WHERE action = 'contact-viewed'"
		);
		const revealed = await (
			await request('POST', `/systems/${fixture.home.systemId}?/reveal`, cookies.editor!)
		).text();
		expect(revealed).toContain('canarya@example.org');
		const after = await audit.execute(
			"SELECT count(*) FROM audit_event WHERE action = 'contact-viewed'"
		);
		expect(Number(after.rows[0]![0])).toBe(Number(before.rows[0]![0]) + 1);
	});
});

// ---- Named contacts: every route's data, as every role ------------------------------------------

/** The CANARYA system's named contact (matrix-fixture.ts): values found nowhere else. */
const CONTACT_CANARIES = ['CANARYA Person', 'canarya@example.org', '+44 1632 960 911'];

/**
 * Posts that reach the conflict answer: a valid form from a version that can never be current (a
 * system starts at version 1), so the action answers with the record's current values and saves nothing.
 */
const STALE: Record<string, Record<string, string>> = {
	'POST /systems/[id]/edit?/default': {
		name: 'CANARYA System',
		hosting: 'saas',
		criticality: 'high',
		personalData: 'personal',
		lifecycle: 'live',
		contactName: 'Someone Else',
		version: '0'
	},
	'POST /systems/[id]/outage?/save': {
		concurrentUsers: '10',
		outageHours: '2',
		costPerUserHour: '',
		version: '0'
	},
	'POST /systems/[id]/archive?/default': { version: '0' }
};

/** A form action asked for as `use:enhance` asks: JSON back, never a page. */
function enhancedPost(
	path: string,
	cookie: string,
	body: Record<string, string>
): Promise<Response> {
	return fetch(`${baseURL}${path}`, {
		method: 'POST',
		headers: {
			cookie,
			origin: baseURL,
			accept: 'application/json',
			'x-sveltekit-action': 'true',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams(body).toString(),
		redirect: 'manual'
	});
}

const contactViews = async () =>
	Number(
		(await audit.execute("SELECT count(*) FROM audit_event WHERE action = 'contact-viewed'"))
			.rows[0]![0]
	);

describe('personal data: named contacts leave the server only masked or revealed with an audit row', () => {
	it("no route's page data, JSON action answer, CSV or print page carries a canary contact unless revealed and audited", async () => {
		const leaks: string[] = [];
		const revealed: string[] = [];
		for (const role of ROLES_UNDER_TEST) {
			for (const endpoint of ENDPOINTS) {
				const rule = RULES[key(endpoint)]!;
				if (rule.public) continue;
				const path = pathFor(endpoint, rule.record ? recordIds(rule.record).own : null);
				const isPage = endpoint.method === 'GET' && !existsServerFile(endpoint.route);
				const before = await contactViews();
				const response =
					endpoint.method === 'POST'
						? await enhancedPost(path, cookies[role]!, STALE[key(endpoint)] ?? rule.body ?? {})
						: await request(
								'GET',
								isPage ? `${path === '/' ? '' : path}/__data.json` : path,
								cookies[role]!
							);
				const text = await response.text();
				const found = CONTACT_CANARIES.filter((c) => text.includes(c));
				if (found.length === 0) continue;
				const what = `${key(endpoint)} as ${role} (${response.status})`;
				const audited = (await contactViews()) === before + 1;
				if (!can(role, 'contact:read') || !audited)
					leaks.push(`${what} carried ${found.join(', ')}${audited ? '' : ' with no audit row'}`);
				else revealed.push(`${key(endpoint)} as ${role}`);
			}
		}
		expect(leaks).toEqual([]);
		// The scan can see a contact where one is deliberately shown: the reveal, the edit form and its conflict answer.
		for (const role of ['editor', 'org_admin', 'platform_admin']) {
			expect(revealed).toContain(`POST /systems/[id]?/reveal as ${role}`);
			expect(revealed).toContain(`GET /systems/[id]/edit as ${role}`);
			expect(revealed).toContain(`POST /systems/[id]/edit?/default as ${role}`);
		}
	}, 600_000);

	it('the review page data carries the system without its contact, even for an editor', async () => {
		const response = await request(
			'GET',
			`/systems/${fixture.home.systemId}/review/__data.json`,
			cookies.editor!
		);
		expect(response.status).toBe(200);
		const text = await response.text();
		expect(text).toContain('CANARYA System');
		for (const canary of CONTACT_CANARIES) expect(text).not.toContain(canary);
	});
});

/** Whether the route is a `+server.ts` endpoint (a CSV), whose answer is read as it is. */
function existsServerFile(route: string): boolean {
	return Object.keys(servers).some((file) => routeOf(file) === route);
}
