import type { PageServerLoad } from './$types';
import { db } from '$lib/server/database';
import { authorise } from '$lib/server/http';
import { can } from '$lib/domain/permissions';
import * as dashboard from '$lib/server/repos/dashboard';
import * as workstreams from '$lib/server/repos/workstreams';
import { continuityBreachesOf } from '$lib/server/services/rollups';
import { listIssuedReports } from '$lib/server/services/committee-reports';

const CONTINUITY_SHOWN = 25;

export const load: PageServerLoad = async (event) => {
	// Everyone signed in lands here; committee members, who read issued reports only, get their own page.
	const { organisationId, role } = await authorise(event, 'report:read-issued');
	if (!can(role, 'catalogue:read')) return { committeeOnly: true as const, reports: await listIssuedReports(organisationId) };
	const [totals, byDirectorate, byServiceArea, byWorkstream, continuityBreaches] = await Promise.all([
		dashboard.reviewTotals(db(), organisationId),
		dashboard.reviewCountsByDirectorate(db(), organisationId),
		dashboard.reviewCountsByServiceArea(db(), organisationId),
		workstreams.summariseWorkstreams(db(), organisationId),
		continuityBreachesOf(organisationId)
	]);
	// At most a screenful of risks here, soonest switch-off first; the CSV lists them all.
	return { committeeOnly: false as const, totals, byDirectorate, byServiceArea, byWorkstream, continuity: { first: continuityBreaches.slice(0, CONTINUITY_SHOWN), total: continuityBreaches.length } };
};
