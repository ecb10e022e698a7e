import type { LayoutServerLoad } from './$types';
import { can } from '$lib/domain/permissions';

// The layout only decides what the header shows; every page and action authorises itself.
export const load: LayoutServerLoad = ({ locals }) => {
	const user = locals.user;
	const role = user?.role ?? null;
	return {
		organisationName: locals.organisation?.name ?? null,
		user: user ? { displayName: user.displayName, email: user.email, role: user.role } : null,
		nav: {
			catalogue: can(role, 'catalogue:read'),
			users: can(role, 'user:manage'),
			audit: can(role, 'audit:read'),
			organisations: can(role, 'organisation:manage')
		}
	};
};
