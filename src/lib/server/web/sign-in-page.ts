/**
 * The sign-in page: public by design, since this is how people get in. Signed-in visitors are sent
 * on; a password sign-in is checked, throttled and audited by the auth service, and refused with
 * one message for an unknown email and a wrong password alike.
 */
import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import * as auth from '../services/auth';
import { clientAddress } from '../auth/guard';
import { safeNext, setSessionCookie } from '../auth/cookie';
import { EMAIL_MAX, PASSWORD_MAX } from '$lib/domain/users';
import { fieldError } from '$lib/domain/forms';
import { db } from '../db/database';
import * as ssoSettings from '../repos/sso-settings';

/** Where to go after signing in, the notice after signing out or setting up, and the provider's sign-out when there is one. */
export async function signInPageData({ locals, url }: Pick<RequestEvent, 'locals' | 'url'>) {
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
}

/** Signs in with email and password: to `next`, or the form again with the email kept. */
export async function signInWithPassword(event: RequestEvent) {
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
