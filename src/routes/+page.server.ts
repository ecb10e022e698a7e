import type { PageServerLoad } from './$types';
import { authorise } from '$lib/server/http';
import { can } from '$lib/domain/permissions';
import { dashboardFigures } from '$lib/server/services/dashboard';
import { listIssuedReports } from '$lib/server/services/committee-reports';

const CONTINUITY_SHOWN = 25;

export const load: PageServerLoad = async (event) => {
	// Everyone signed in lands here; committee members, who read issued reports only, get their own page.
	const { organisationId, role } = await authorise(event, 'report:read-issued');
	if (!can(role, 'catalogue:read')) return { committeeOnly: true as const, reports: await listIssuedReports(organisationId) };
	const { continuityBreaches, ...figures } = await dashboardFigures(organisationId);
	// At most a screenful of risks here, soonest switch-off first; the CSV lists them all.
	return { committeeOnly: false as const, ...figures, continuity: { first: continuityBreaches.slice(0, CONTINUITY_SHOWN), total: continuityBreaches.length } };
};
