/**
 * Who may do what: one table, read by every load, action and endpoint through `can`.
 * Organisation isolation is separate and absolute: these rules apply within the caller's organisation.
 */

export const ROLES = [
	'viewer',
	'editor',
	'approver',
	'committee',
	'org_admin',
	'platform_admin'
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABEL: Record<Role, string> = {
	viewer: 'Viewer',
	editor: 'Editor (strategy group officer)',
	approver: 'Approver (elected member)',
	committee: 'Committee member',
	org_admin: 'Organisation administrator',
	platform_admin: 'Platform administrator'
};

export const ROLE_DESCRIPTION: Record<Role, string> = {
	viewer: 'Reads the catalogue, reviews, workstreams and dashboard.',
	editor: 'Also adds, edits, archives and reviews systems and links workstreams.',
	approver: 'Reads everything a viewer does and decides business cases.',
	committee: 'Reads issued committee reports only.',
	org_admin:
		"Manages the organisation's users, reads the audit trail, and does everything an editor does.",
	platform_admin: 'Manages partner organisations and can act in any of them.'
};

export const ACTIONS = [
	'account:manage',
	'catalogue:read',
	'catalogue:write',
	'review:write',
	'contact:read',
	'report:read-issued',
	'report:write',
	'business-case:write',
	'business-case:decide',
	'audit:read',
	'user:manage',
	'organisation:manage',
	'governance:read',
	'governance:write',
	'partnership:manage'
] as const;
export type Action = (typeof ACTIONS)[number];

/** The table itself. A role not listed for an action may not do it. */
const ALLOWED: Record<Action, readonly Role[]> = {
	// Everyone signed in may change their own password and sign out.
	'account:manage': ['viewer', 'editor', 'approver', 'committee', 'org_admin', 'platform_admin'],
	'catalogue:read': ['viewer', 'editor', 'approver', 'org_admin', 'platform_admin'],
	'catalogue:write': ['editor', 'org_admin', 'platform_admin'],
	'review:write': ['editor', 'org_admin', 'platform_admin'],
	// Named people's contact details: only the roles that maintain the record need them.
	'contact:read': ['editor', 'org_admin', 'platform_admin'],
	'report:read-issued': [
		'viewer',
		'editor',
		'approver',
		'committee',
		'org_admin',
		'platform_admin'
	],
	// Strategy group officers draft and issue committee reports; members read what was issued.
	'report:write': ['editor', 'org_admin', 'platform_admin'],
	// Officers draft and submit business cases; members (approvers) decide them, never the same person.
	'business-case:write': ['editor', 'org_admin', 'platform_admin'],
	'business-case:decide': ['approver'],
	'audit:read': ['org_admin', 'platform_admin'],
	'user:manage': ['org_admin', 'platform_admin'],
	'organisation:manage': ['platform_admin'],
	// Shared-service governance: the register, recovery objectives, tests and meetings (and a partner's
	// read of the shared service it belongs to). Committee members read it in the issued committee report.
	'governance:read': ['viewer', 'editor', 'approver', 'org_admin', 'platform_admin'],
	'governance:write': ['editor', 'org_admin', 'platform_admin'],
	// Naming partners means choosing from the platform's organisations: the platform administrator's job.
	'partnership:manage': ['platform_admin']
};

export function can(role: Role | null | undefined, action: Action): boolean {
	return role != null && ALLOWED[action].includes(role);
}

/** Roles an organisation administrator may hand out: never platform administrator. */
export function assignableRoles(by: Role): readonly Role[] {
	if (by === 'platform_admin') return ROLES;
	if (by === 'org_admin') return ROLES.filter((r) => r !== 'platform_admin');
	return [];
}

export function isRole(value: unknown): value is Role {
	return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
