import type { Actions, PageServerLoad } from './$types';
import { authorise } from '$lib/server/auth/guard';
import { linkSystem, unlinkSystem, workstreamPageData } from '$lib/server/web/workstream-page';

export const load: PageServerLoad = async (event) => {
	const { organisationId, role } = await authorise(event, 'catalogue:read');
	return workstreamPageData(event, organisationId, role);
};

export const actions: Actions = {
	link: async (event) => {
		const { actor } = await authorise(event, 'catalogue:write');
		return linkSystem(event, actor);
	},
	unlink: async (event) => {
		const { actor } = await authorise(event, 'catalogue:write');
		return unlinkSystem(event, actor);
	}
};
