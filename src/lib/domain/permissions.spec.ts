import { describe, expect, it } from 'vitest';
import { ACTIONS, ROLES, assignableRoles, can, type Action, type Role } from './permissions';

// The expected matrix, written out in full so that any change to the rules shows up here.
const Y = true;
const N = false;
const EXPECTED: Record<Action, Record<Role, boolean>> = {
	'account:manage': {
		viewer: Y,
		editor: Y,
		approver: Y,
		committee: Y,
		org_admin: Y,
		platform_admin: Y
	},
	'catalogue:read': {
		viewer: Y,
		editor: Y,
		approver: Y,
		committee: N,
		org_admin: Y,
		platform_admin: Y
	},
	'catalogue:write': {
		viewer: N,
		editor: Y,
		approver: N,
		committee: N,
		org_admin: Y,
		platform_admin: Y
	},
	'review:write': {
		viewer: N,
		editor: Y,
		approver: N,
		committee: N,
		org_admin: Y,
		platform_admin: Y
	},
	'contact:read': {
		viewer: N,
		editor: Y,
		approver: N,
		committee: N,
		org_admin: Y,
		platform_admin: Y
	},
	'report:read-issued': {
		viewer: Y,
		editor: Y,
		approver: Y,
		committee: Y,
		org_admin: Y,
		platform_admin: Y
	},
	'report:write': {
		viewer: N,
		editor: Y,
		approver: N,
		committee: N,
		org_admin: Y,
		platform_admin: Y
	},
	'business-case:write': {
		viewer: N,
		editor: Y,
		approver: N,
		committee: N,
		org_admin: Y,
		platform_admin: Y
	},
	'business-case:decide': {
		viewer: N,
		editor: N,
		approver: Y,
		committee: N,
		org_admin: N,
		platform_admin: N
	},
	'audit:read': {
		viewer: N,
		editor: N,
		approver: N,
		committee: N,
		org_admin: Y,
		platform_admin: Y
	},
	'user:manage': {
		viewer: N,
		editor: N,
		approver: N,
		committee: N,
		org_admin: Y,
		platform_admin: Y
	},
	'organisation:manage': {
		viewer: N,
		editor: N,
		approver: N,
		committee: N,
		org_admin: N,
		platform_admin: Y
	},
	'governance:read': {
		viewer: Y,
		editor: Y,
		approver: Y,
		committee: N,
		org_admin: Y,
		platform_admin: Y
	},
	'governance:write': {
		viewer: N,
		editor: Y,
		approver: N,
		committee: N,
		org_admin: Y,
		platform_admin: Y
	},
	'partnership:manage': {
		viewer: N,
		editor: N,
		approver: N,
		committee: N,
		org_admin: N,
		platform_admin: Y
	}
};

describe('can(role, action)', () => {
	it('covers every action', () => {
		expect(Object.keys(EXPECTED).sort()).toEqual([...ACTIONS].sort());
	});

	for (const action of ACTIONS) {
		for (const role of ROLES) {
			it(`${role} ${EXPECTED[action][role] ? 'may' : 'may not'} ${action}`, () => {
				expect(can(role, action)).toBe(EXPECTED[action][role]);
			});
		}
	}

	it('refuses everything to someone with no role', () => {
		for (const action of ACTIONS) expect(can(null, action)).toBe(false);
	});

	it('lets an organisation administrator hand out every role but platform administrator', () => {
		expect(assignableRoles('org_admin')).not.toContain('platform_admin');
		expect(assignableRoles('org_admin')).toContain('editor');
		expect(assignableRoles('editor')).toEqual([]);
	});
});
