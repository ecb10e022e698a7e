import type { PageServerLoad } from './$types';
import { db } from '$lib/server/database';
import { organisationOf } from '$lib/server/http';
import * as dashboard from '$lib/server/repos/dashboard';
import * as workstreams from '$lib/server/repos/workstreams';

export const load: PageServerLoad = async ({ locals }) => {
	const org = organisationOf(locals);
	const [totals, byDirectorate, byServiceArea, byWorkstream] = await Promise.all([
		dashboard.reviewTotals(db(), org.id),
		dashboard.reviewCountsByDirectorate(db(), org.id),
		dashboard.reviewCountsByServiceArea(db(), org.id),
		workstreams.summariseWorkstreams(db(), org.id)
	]);
	return { totals, byDirectorate, byServiceArea, byWorkstream };
};
