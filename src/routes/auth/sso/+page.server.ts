import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as sso from '$lib/server/services/sso';
import { safeNext } from '$lib/server/auth/cookie';
import { setLoginCookie } from '$lib/server/auth/oidc-cookie';
import { fieldError } from '$lib/domain/forms';

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$/;

// Public by design: the way in with an organisation's own account. `?organisation=` fills the short
// name, so a council can publish a link (an Entra 'My Apps' tile) that is one click from signing in.
export const load: PageServerLoad = ({ url }) => {
	const organisation = (url.searchParams.get('organisation') ?? '').trim().toLowerCase();
	return {
		organisation: SLUG.test(organisation) ? organisation : '',
		next: safeNext(url.searchParams.get('next'))
	};
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const organisation = String(form.get('organisation') ?? '')
			.trim()
			.toLowerCase();
		const next = safeNext(String(form.get('next') ?? ''));
		const shown = organisation.slice(0, 50);
		if (!SLUG.test(organisation))
			return fail(400, {
				organisation: shown,
				next,
				errors: fieldError(
					'organisation',
					organisation
						? 'Short name must be lower-case letters, numbers and hyphens, like north-fire'
						: "Enter your organisation's short name"
				)
			});
		const redirectUri = `${event.url.origin}/auth/callback`;
		const started = await sso.startSsoSignIn(organisation, next, redirectUri);
		if (!started.ok)
			return fail(started.reason === 'unavailable' ? 503 : 400, {
				organisation: shown,
				next,
				errors: fieldError(
					'organisation',
					started.reason === 'unavailable'
						? "Your organisation's sign-in service cannot be reached. Try again later, or sign in with your email address and password if you have one"
						: 'No organisation with this short name signs in with its own account. Check the short name, or sign in with your email address and password'
				)
			});
		setLoginCookie(event.cookies, event.url, started.loginToken);
		redirect(303, started.url);
	}
};
