import type { PageServerLoad } from './$types';
import { db } from '$lib/server/database';
import { authorise } from '$lib/server/http';
import * as dashboard from '$lib/server/repos/dashboard';
import * as workstreams from '$lib/server/repos/workstreams';

export const load: PageServerLoad = async (event) => {
	const { organisationId } = await authorise(event, 'catalogue:read');
	const [totals, byDirectorate, byServiceArea, byWorkstream] = await Promise.all([
		dashboard.reviewTotals(db(), organisationId),
		dashboard.reviewCountsByDirectorate(db(), organisationId),
		dashboard.reviewCountsByServiceArea(db(), organisationId),
		workstreams.summariseWorkstreams(db(), organisationId)
	]);
	return { totals, byDirectorate, byServiceArea, byWorkstream };
};
