import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as sso from '$lib/server/services/sso';
import { safeNext } from '$lib/server/auth/cookie';
import { setLoginCookie } from '$lib/server/auth/oidc-cookie';
import { SSO_SLUG } from '$lib/domain/sso';

// Public by design: starts a sign-in at the organisation's provider (a new state, nonce and PKCE
// verifier, tied to this browser by the login cookie) and sends the browser there. Starting one
// signs no one in: only the provider's answer to this browser's own sign-in can.
export const GET: RequestHandler = async ({ url, cookies }) => {
	const organisation = (url.searchParams.get('organisation') ?? '').trim().toLowerCase();
	const next = safeNext(url.searchParams.get('next'));
	const back = `/auth/sso?${new URLSearchParams({ organisation: organisation.slice(0, 50) })}`;
	if (!SSO_SLUG.test(organisation)) redirect(303, back);
	const started = await sso.startSsoSignIn(organisation, next, `${url.origin}/auth/callback`);
	if (!started.ok)
		redirect(303, started.reason === 'unavailable' ? '/auth/refused?reason=unavailable' : back);
	setLoginCookie(cookies, url, started.loginToken);
	redirect(303, started.url);
};
