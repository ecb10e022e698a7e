import type { Actions, PageServerLoad } from './$types';
import { authorise } from '$lib/server/auth/guard';
import { confirmUnlink, unlinkPageData } from '$lib/server/web/workstream-page';

/** Unlinking a system that a current review outcome names changes that outcome too: it is confirmed here first. */
export const load: PageServerLoad = async (event) => {
	const { organisationId } = await authorise(event, 'catalogue:write');
	return unlinkPageData(event, organisationId);
};

export const actions: Actions = {
	default: async (event) => {
		const { actor } = await authorise(event, 'catalogue:write');
		return confirmUnlink(event, actor);
	}
};
