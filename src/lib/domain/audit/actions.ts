/**
 * What an audit row is about and what happened, in words: 'Review recorded', 'Signed in',
 * 'Import of inventory.csv: 77 created, 2 updated'. The entity and action names are the ones the
 * services write (grep recordAudit, recordAuditMany and recordAuditLater); an unknown pair still
 * reads as words.
 */
import { ROLE_LABEL, type Action } from '../permissions';
import { formatCount } from '../money';
import { type AuditNames, humanise, clipText } from './values';

export const ENTITY_LABEL: Record<string, string> = {
	system: 'System',
	workstream: 'Workstream',
	user: 'User',
	session: 'Sign-in',
	setup: 'First set-up',
	organisation: 'Organisation',
	access: 'Access',
	business_case: 'Business case',
	cost_line: 'Cost line',
	cost_total: 'Cost totals',
	dashboard_count: 'Dashboard counts',
	funding_source: 'Funding source',
	milestone: 'Milestone',
	committee_report: 'Committee report',
	import: 'Import',
	sso: 'Organisation sign-in',
	api_token: 'API token',
	ledger_extract: 'Ledger extract',
	reconciliation_setting: 'Reconciliation tolerance',
	partner_budget: 'Partner budget'
};

export const entityLabel = (entity: string) => ENTITY_LABEL[entity] ?? humanise(entity);

/** Headlines by entity, then action; `*` holds those that read the same for any entity. */
const HEADLINE: Record<string, Record<string, string>> = {
	'*': {
		'access-denied': 'Access refused',
		create: 'Added',
		update: 'Edited',
		archive: 'Archived'
	},
	system: {
		create: 'System added',
		update: 'System edited',
		archive: 'System archived',
		review: 'Review recorded',
		'link-workstream': 'Linked to a workstream',
		'unlink-workstream': 'Unlinked from a workstream',
		link: 'Linked to workstreams',
		'set-outage': 'Outage figures set',
		'contact-viewed': 'Contact details viewed'
	},
	user: {
		create: 'User added',
		'role-change': 'Role changed',
		disable: 'Account disabled',
		enable: 'Account enabled',
		'password-change': 'Password changed',
		'password-change-failed': 'Password change refused',
		'password-change-throttled': 'Password change refused: too many attempts',
		'sso-link': 'Linked to an organisation account'
	},
	session: {
		'sign-in': 'Signed in',
		'sign-out': 'Signed out',
		'sign-in-failed': 'Sign-in failed',
		'sign-in-throttled': 'Sign-in refused: too many attempts',
		'act-in-organisation': 'Switched organisation',
		'sign-in-refused': 'Password sign-in refused: organisation sign-in only',
		'sso-sign-in-refused': 'Organisation sign-in refused'
	},
	sso: { 'sso-settings-change': 'Organisation sign-in settings changed' },
	ledger_extract: {
		import: 'Ledger extract imported',
		replace: 'Ledger extract imported, replacing the lines held for its years'
	},
	reconciliation_setting: { update: 'Reconciliation tolerance changed' },
	api_token: {
		create: 'API token created',
		revoke: 'API token revoked',
		'first-use-today': 'API token used (first use today)'
	},
	setup: {
		'setup-link-refused': 'Set-up link refused',
		'setup-link-throttled': 'Set-up link refused: too many attempts'
	},
	organisation: {
		create: 'Organisation added',
		'set-outage-default': 'Default cost per user-hour set'
	},
	business_case: {
		create: 'Business case started',
		update: 'Business case details edited',
		'option-add': 'Option added',
		'option-update': 'Option edited',
		'option-remove': 'Option removed',
		'option-prefer': 'Preferred option chosen',
		'option-pull': 'Costs pulled from the cost model',
		'risk-add': 'Risk added',
		'risk-update': 'Risk edited',
		'risk-remove': 'Risk removed',
		'benefit-add': 'Benefit added',
		'benefit-update': 'Benefit edited',
		'benefit-remove': 'Benefit removed',
		submit: 'Submitted for decision',
		withdraw: 'Withdrawn from decision',
		decide: 'Decision recorded',
		'decide-refused': 'Decision refused',
		revise: 'New version started'
	},
	cost_line: {
		create: 'Cost line added',
		update: 'Cost line edited',
		archive: 'Cost line archived'
	},
	cost_total: { rebuild: 'Cost totals rebuilt' },
	partner_budget: { create: 'Partner budget recorded', update: 'Partner budget changed' },
	dashboard_count: { rebuild: 'Dashboard counts rebuilt' },
	funding_source: {
		create: 'Funding source added',
		update: 'Funding source edited',
		'set-allocations': 'Allocations set'
	},
	milestone: {
		create: 'Milestone added',
		update: 'Milestone edited',
		archive: 'Milestone archived'
	},
	committee_report: {
		create: 'Report started',
		update: 'Report draft edited',
		discard: 'Draft report deleted',
		issue: 'Report issued',
		'issue-refused': 'Issue refused',
		'read-exempt': 'Exempt annex read'
	}
};

/** The row's headline; an import says what it did: 'Import of inventory.csv: 77 created, 2 updated'. */
export function headline(entity: string, action: string, after: Record<string, unknown>): string {
	if (entity === 'import' && action === 'import') {
		const what = after.kind === 'cost lines' ? 'Cost line import' : 'Import';
		const file = typeof after.fileName === 'string' ? ` of ${after.fileName}` : '';
		const n = (k: string) => (typeof after[k] === 'number' ? formatCount(after[k]) : '0');
		return `${what}${file}: ${n('create')} created, ${n('update')} updated`;
	}
	return (
		HEADLINE[entity]?.[action] ??
		HEADLINE['*']![action] ??
		`${humanise(action)} (${entityLabel(entity).toLowerCase()})`
	);
}

/** An action on its own, for the audit page's filter: the words it has for the first record type that writes it. */
export function actionLabel(action: string): string {
	const star = HEADLINE['*']![action];
	if (star) return star;
	for (const [entity, actions] of Object.entries(HEADLINE))
		if (actions[action]) return entity === 'import' ? 'Import' : actions[action]!;
	return action === 'import' ? 'Import' : humanise(action);
}

const PERMISSION_WORDS: Record<Action, string> = {
	'account:manage': 'manage their own account',
	'catalogue:read': 'read the catalogue',
	'catalogue:write': 'change the catalogue',
	'review:write': 'record reviews',
	'contact:read': 'see named contacts',
	'report:read-issued': 'read issued reports',
	'report:write': 'write committee reports',
	'business-case:write': 'write business cases',
	'business-case:decide': 'decide business cases',
	'audit:read': 'read the audit trail',
	'user:manage': 'manage users',
	'organisation:manage': 'manage organisations',
	'governance:read': 'read the governance register',
	'governance:write': 'record governance',
	'partnership:manage': 'manage partnerships'
};
const AUDIENCE: Record<string, string> = { officer: 'an officer', committee: 'a committee member' };
const asked = (method: string) =>
	method === 'GET' || method === 'HEAD' ? 'Opening' : 'Sending a form to';

/** The row's free-text detail, with the codes some services put in it said in words. */
export function detailText(entity: string, action: string, detail: string): string {
	if (!detail) return '';
	let m: RegExpExecArray | null;
	if ((m = /^([A-Z]+) (\S+) needs ([a-z:-]+); role ([a-z_]+)$/.exec(detail))) {
		const permission = PERMISSION_WORDS[m[3] as Action] ?? humanise(m[3]!.replace(':', ' '));
		const role = ROLE_LABEL[m[4] as keyof typeof ROLE_LABEL] ?? humanise(m[4]!);
		return `${asked(m[1]!)} ${m[2]} needs permission to ${permission}; their role is ${role}`;
	}
	if ((m = /^([A-Z]+) (\S+): record of another organisation$/.exec(detail)))
		return `${asked(m[1]!)} ${m[2]}: the record belongs to another organisation`;
	if ((m = /^(Cost line import|Import) \d+ of (.+)$/.exec(detail)))
		return `By the ${m[1]!.toLowerCase()} of ${m[2]}`;
	if ((m = /^(\d+) session\(s\) ended$/.exec(detail)))
		return `${m[1]} ${m[1] === '1' ? 'session' : 'sessions'} ended`;
	if (entity === 'business_case' && (m = /^version (\d+)(, .*)?$/.exec(detail)))
		return `In version ${m[1]}`;
	if (
		entity === 'committee_report' &&
		action === 'read-exempt' &&
		(m = /^([a-z]+): (.+)$/.exec(detail))
	)
		return `Read by ${AUDIENCE[m[1]!] ?? m[1]}: ${m[2]}`;
	// The rebuild lists table keys and pence; the CSV export keeps them for whoever repairs the totals.
	if (entity === 'cost_total') return 'Each difference is listed in the CSV export';
	return clipText(detail, 300);
}

const HREF: Record<string, string> = {
	system: '/systems',
	business_case: '/business-cases',
	committee_report: '/reports',
	workstream: '/workstreams',
	user: '/admin/users'
};
const NAME_KIND: Record<string, keyof AuditNames> = {
	system: 'system',
	user: 'user',
	workstream: 'workstream',
	funding_source: 'fundingSource',
	business_case: 'businessCase',
	committee_report: 'committeeReport',
	organisation: 'organisation'
};

/** What the row is about: 'System: CareFirst', with a link when the record is this organisation's. */
export function recordOf(
	entity: string,
	entityId: string | null,
	names: AuditNames,
	recorded: Record<string, unknown>
): { text: string; href: string | null } {
	const label = entityLabel(entity);
	if (entity === 'import' && typeof recorded.fileName === 'string')
		return { text: `${label}: ${recorded.fileName}`, href: null };
	if (entityId == null || entityId === '') return { text: label, href: null };
	// A sign-in's row names the person signing in.
	if (entity === 'session')
		return names.user?.[entityId]
			? { text: `User: ${names.user[entityId]}`, href: null }
			: { text: label, href: null };
	const kind = NAME_KIND[entity];
	const name = kind ? names[kind]?.[entityId] : undefined;
	if (name)
		return { text: `${label}: ${name}`, href: HREF[entity] ? `${HREF[entity]}/${entityId}` : null };
	// Gone since (a discarded draft): the row's own record of its title.
	const own = recorded.title ?? recorded.name;
	if (typeof own === 'string' && own) return { text: `${label}: ${own}`, href: null };
	// Not resolvable here: removed, or (for a refused request) another organisation's record.
	return { text: `${label} no. ${entityId}`, href: null };
}
