import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as auth from '$lib/server/services/auth';
import { clientAddress } from '$lib/server/auth/guard';
import { safeNext, setSessionCookie } from '$lib/server/auth/cookie';
import { EMAIL_MAX, PASSWORD_MAX } from '$lib/domain/users';
import { fieldError } from '$lib/domain/forms';
import { db } from '$lib/server/db/database';
import * as ssoSettings from '$lib/server/repos/sso-settings';

// Public by design: this is how people get in. Signed-in visitors are sent on.
export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next')));
	const notice = url.searchParams.has('signedOut')
		? 'You have been signed out.'
		: url.searchParams.has('setup')
			? 'The administrator account has been created. Sign in with it.'
			: null;
	// After signing out of an organisation that signs in with its provider: offer its sign-out too.
	const left = url.searchParams.get('signedOut') ?? '';
	const providerSignOut =
		/^[a-z0-9-]{1,50}$/.test(left) && (await ssoSettings.getEnabledSsoBySlug(db(), left))
			? `/auth/end-session?organisation=${left}`
			: null;
	return { next: safeNext(url.searchParams.get('next')), notice, providerSignOut };
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const email = String(form.get('email') ?? '').trim();
		const password = String(form.get('password') ?? '');
		const next = safeNext(String(form.get('next') ?? ''));
		// Only what could be an account is echoed back; longer text is refused, not repeated.
		const errors: Record<string, string> = {};
		if (!email) errors.email = 'Enter your email address';
		else if (email.length > EMAIL_MAX)
			errors.email = `Email address must be ${EMAIL_MAX} characters or fewer`;
		if (!password) errors.password = 'Enter your password';
		else if ([...password].length > PASSWORD_MAX)
			errors.password = `Password must be ${PASSWORD_MAX} characters or fewer`;
		if (errors.email || errors.password)
			return fail(400, { email: email.length > EMAIL_MAX ? '' : email, next, errors });
		const from = {
			ip: clientAddress(event),
			userAgent: event.request.headers.get('user-agent') ?? '',
			requestId: event.locals.requestId
		};
		const result = await auth.signIn(email, password, from);
		if (result.ok) {
			// Someone signing in over a live session (another account on a shared PC) ends the old one.
			if (event.locals.sessionToken && event.locals.user && event.locals.organisation) {
				await auth.signOut(
					{
						organisationId: event.locals.organisation.id,
						userId: event.locals.user.id,
						displayName: event.locals.user.email,
						requestId: event.locals.requestId,
						ip: from.ip
					},
					event.locals.sessionToken
				);
			}
			setSessionCookie(event.cookies, event.url, result.token, result.expiresAt);
			redirect(303, next);
		}
		if (result.reason === 'sso-only')
			return fail(400, {
				email,
				next,
				errors: fieldError(
					'email',
					'Your organisation signs in with its own account, not a password here: choose ‘Sign in with your organisation account’'
				)
			});
		if (result.reason === 'throttled') {
			return fail(429, { email, next, errors: fieldError('email', result.message) });
		}
		return fail(400, {
			email,
			next,
			errors: fieldError('email', 'Enter a correct email address and password')
		});
	}
};
