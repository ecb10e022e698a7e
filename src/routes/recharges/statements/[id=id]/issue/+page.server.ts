import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { authorise } from '$lib/server/auth/guard';
import { idParam } from '$lib/server/web/http';
import { issuePage, issueStatement } from '$lib/server/web/recharge-statement-pages';

/** Issuing freezes the statement for good: confirmed on a page of its own showing exactly what will be frozen. */
export const load: PageServerLoad = async (event) => {
	const id = idParam(event.params.id);
	return (
		(await issuePage(event, await authorise(event, 'governance:write'), id)) ??
		redirect(303, `/recharges/statements/${id}`)
	);
};

export const actions: Actions = {
	default: async (event) =>
		issueStatement(
			event,
			(await authorise(event, 'governance:write')).actor,
			idParam(event.params.id)
		)
};
