import type { Actions, PageServerLoad } from './$types';
import { authorise } from '$lib/server/auth/guard';
import { loadSystemPage, revealSystemContact } from '$lib/server/web/system-page';

export const load: PageServerLoad = async (event) => {
	const { organisationId, role } = await authorise(event, 'catalogue:read');
	return loadSystemPage(event, organisationId, role);
};

export const actions: Actions = {
	/** Shows the named contact, once, and records who looked. */
	reveal: async (event) => {
		const { actor, role } = await authorise(event, 'contact:read');
		return revealSystemContact(event, actor, role);
	}
};
