import { describe, expect, it } from 'vitest';
import { ROLES, can } from '../permissions';
import { ENTITY_SET_NAMES, EXEMPT_SET, SET_PERMISSION, setsForRole } from './scopes';

describe('the sets a session reads', () => {
	it.each(ROLES.map((r) => [r]))('%s reads exactly the sets whose pages it may open', (role) => {
		const sets = setsForRole(role);
		for (const name of ENTITY_SET_NAMES)
			expect(sets.includes(name), name).toBe(can(role, SET_PERMISSION[name]));
	});

	it.each([
		['viewer', 22],
		['editor', 22],
		['approver', 22],
		['committee', 2],
		['org_admin', 22]
	] as const)('%s reads %i sets', (role, count) => {
		expect(setsForRole(role)).toHaveLength(count);
	});

	it('gives a committee member the issued reports’ figures only, the exempt annex as the report page does', () => {
		expect(setsForRole('committee')).toEqual(['CommitteeReportFigures', EXEMPT_SET]);
		expect(setsForRole('committee')).not.toContain('Systems');
	});
});
