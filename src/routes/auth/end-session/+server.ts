import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import * as ssoSettings from '$lib/server/services/sso-settings';

// Public by design: offered after signing out of the app, to end the session at the organisation's
// provider too. It goes only to the end-session address the provider's discovery document publishes,
// which returns to this app's sign-in page; an unknown organisation is sent there directly.
export const GET: RequestHandler = async ({ url }) => {
	const slug = (url.searchParams.get('organisation') ?? '').trim().toLowerCase().slice(0, 50);
	const back = `${url.origin}/sign-in?signedOut=1`;
	const target = slug ? await ssoSettings.providerSignOutUrl(slug, back) : null;
	redirect(303, target ?? '/sign-in?signedOut=1');
};
