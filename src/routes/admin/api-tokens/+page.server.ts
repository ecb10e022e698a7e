import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db/database';
import { authorise } from '$lib/server/auth/guard';
import { redirectWithSuccess } from '$lib/server/web/flash';
import * as tokens from '$lib/server/repos/api-tokens';
import * as tokenService from '$lib/server/services/api-tokens';
import { parseTokenForm } from '$lib/domain/odata';
import { fieldError } from '$lib/domain/forms';
import { nowIso } from '$lib/domain/dates';

export const load: PageServerLoad = async (event) => {
	const { organisationId } = await authorise(event, 'user:manage');
	const now = nowIso();
	const list = await tokens.listTokens(db(), organisationId);
	return {
		serviceRoot: `${event.url.origin}/api/odata/v4/${event.locals.organisation!.slug}`,
		tokens: list.map((t) => ({
			...t,
			scopes: tokenService.scopesOf(t),
			status: t.revokedAt ? 'Revoked' : t.expiresAt <= now ? 'Expired' : 'Active'
		}))
	};
};

export const actions: Actions = {
	create: async (event) => {
		const { actor } = await authorise(event, 'user:manage');
		const { values, errors, scopes, days } = parseTokenForm(await event.request.formData());
		if (Object.keys(errors).length) return fail(400, { values, errors });
		const created = await tokenService.createToken(actor, { name: values.name, scopes, days });
		// Shown once, in this answer only (never cached: every response is no-store); only its hash is kept.
		return { created: { name: values.name, token: created.token } };
	},
	revoke: async (event) => {
		const { actor } = await authorise(event, 'user:manage');
		const id = Number((await event.request.formData()).get('tokenId'));
		const done = Number.isSafeInteger(id) && (await tokenService.revokeToken(actor, id)).ok;
		if (!done)
			return fail(400, {
				errors: fieldError('tokenId', 'That token is not live: reload the page')
			});
		redirectWithSuccess(
			event,
			'/admin/api-tokens',
			'The token has been revoked: it no longer works.'
		);
	}
};
