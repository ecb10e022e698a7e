import type { Actions, PageServerLoad } from './$types';
import { signInPageData, signInWithPassword } from '$lib/server/web/sign-in-page';

// Public by design: this is how people get in. Signed-in visitors are sent on.
export const load: PageServerLoad = async (event) => signInPageData(event);

export const actions: Actions = {
	default: async (event) => signInWithPassword(event)
};
