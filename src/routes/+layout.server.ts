import type { LayoutServerLoad } from './$types';
import { can } from '$lib/domain/permissions';
import { takeSuccess } from '$lib/server/web/flash';

// The layout only decides what the header shows, and the success banner an action left for this page;
// every page and action authorises itself. Reading `url.pathname` re-runs this load on every navigation,
// so a banner shown once is gone from the next page.
export const load: LayoutServerLoad = ({ locals, cookies, url }) => {
	const user = locals.user;
	const role = user?.role ?? null;
	return {
		success: url.pathname ? takeSuccess({ cookies, url }) : null,
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
