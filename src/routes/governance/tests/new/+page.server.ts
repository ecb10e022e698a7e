import type { Actions, PageServerLoad } from './$types';
import { authorise } from '$lib/server/auth/guard';
import { recordTestOfPlan, testPageData } from '$lib/server/web/governance-test-page';

export const load: PageServerLoad = async (event) => {
	const { organisationId } = await authorise(event, 'governance:write');
	return testPageData(event, organisationId);
};

export const actions: Actions = {
	default: async (event) => {
		const { actor } = await authorise(event, 'governance:write');
		return recordTestOfPlan(event, actor);
	}
};
