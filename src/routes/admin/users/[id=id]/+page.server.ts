import type { Actions, PageServerLoad } from './$types';
import { authorise } from '$lib/server/auth/guard';
import { changeUserRole, setUserDisabled, userPageData } from '$lib/server/web/user-page';

export const load: PageServerLoad = async (event) => {
	const { organisationId, role } = await authorise(event, 'user:manage');
	return userPageData(event, organisationId, role);
};

export const actions: Actions = {
	role: async (event) => {
		const { actor, role } = await authorise(event, 'user:manage');
		return changeUserRole(event, actor, role);
	},
	disable: async (event) => {
		const { actor, role } = await authorise(event, 'user:manage');
		return setUserDisabled(event, actor, role);
	}
};
