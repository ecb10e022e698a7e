import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as sso from '$lib/server/services/sso';
import * as auth from '$lib/server/services/auth';
import { actorFrom, clientAddress } from '$lib/server/auth/guard';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { takeLoginCookie } from '$lib/server/auth/oidc-cookie';
import { REQUEST_ACCESS } from '$lib/domain/sso';

// Public by design: the identity provider sends the browser back here. Everything in the query string
// is checked by services/sso.ts against the sign-in this browser started; the request log never holds it.
export const GET: RequestHandler = async (event) => {
	const { cookies, url, locals } = event;
	const from = {
		ip: clientAddress(event),
		userAgent: event.request.headers.get('user-agent') ?? '',
		requestId: locals.requestId
	};
	const result = await sso.finishSsoSignIn(takeLoginCookie(cookies, url), url, from);
	if (!result.ok)
		redirect(
			303,
			`/auth/${REQUEST_ACCESS.has(result.reason) ? 'request-access' : 'refused'}?reason=${result.reason}`
		);
	// Someone signing in over a live session (another account on a shared PC) ends the old one.
	if (locals.sessionToken && locals.user && locals.organisation)
		await auth.signOut(actorFrom(event), locals.sessionToken);
	setSessionCookie(cookies, url, result.token, result.expiresAt);
	redirect(303, result.next);
};
