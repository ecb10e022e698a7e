import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db/database';
import * as ssoSettings from '$lib/server/repos/sso-settings';
import { safeNext } from '$lib/server/auth/cookie';
import { fieldError } from '$lib/domain/forms';
import { SSO_SLUG } from '$lib/domain/sso';

// Public by design: the way in with an organisation's own account. The form is a GET, and going on to
// the provider is a link (to /auth/sso/start): the CSP's form-action 'self' rightly stops a form whose
// answer redirects to another site. `?organisation=` also makes a link a council can publish (an Entra
// 'My Apps' tile) that is one click from signing in.
export const load: PageServerLoad = async ({ url }) => {
	const next = safeNext(url.searchParams.get('next'));
	if (!url.searchParams.has('organisation')) return { next, organisation: '', found: null };
	const typed = (url.searchParams.get('organisation') ?? '').trim().toLowerCase();
	const organisation = typed.slice(0, 50);
	if (!SSO_SLUG.test(typed))
		return {
			next,
			organisation,
			found: null,
			errors: fieldError(
				'organisation',
				typed
					? 'Short name must be lower-case letters, numbers and hyphens, like north-fire'
					: "Enter your organisation's short name"
			)
		};
	const found = await ssoSettings.getEnabledSsoBySlug(db(), typed);
	if (!found)
		return {
			next,
			organisation,
			found: null,
			errors: fieldError(
				'organisation',
				'No organisation with this short name signs in with its own account. Check the short name, or sign in with your email address and password'
			)
		};
	const start = new URLSearchParams({ organisation: typed, next });
	return {
		next,
		organisation,
		found: { name: found.organisation.name, start: `/auth/sso/start?${start}` }
	};
};
