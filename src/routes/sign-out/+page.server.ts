import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as auth from '$lib/server/services/auth';
import { clientAddress } from '$lib/server/auth/guard';
import { clearSessionCookie } from '$lib/server/auth/cookie';

// Public by design: signing out must always work, even with a dead session.
export const load: PageServerLoad = () => redirect(303, '/sign-in');

export const actions: Actions = {
	default: async (event) => {
		const { locals, cookies, url } = event;
		if (locals.user && locals.sessionToken && locals.organisation) {
			await auth.signOut(
				{
					organisationId: locals.organisation.id,
					userId: locals.user.id,
					displayName: locals.user.email,
					requestId: locals.requestId,
					ip: clientAddress(event)
				},
				locals.sessionToken
			);
		}
		clearSessionCookie(cookies, url);
		// The organisation's short name lets the sign-in page offer its provider's sign-out, if it has one.
		redirect(303, `/sign-in?signedOut=${locals.organisation?.slug ?? '1'}`);
	}
};
