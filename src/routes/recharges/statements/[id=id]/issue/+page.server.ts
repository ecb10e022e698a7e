import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { authorise } from '$lib/server/auth/guard';
import { idParam } from '$lib/server/web/http';
import { contentHash } from '$lib/domain/hashing';
import { issueStatement, statementFor } from '$lib/server/web/recharge-statement-pages';

/** Issuing freezes the statement for good: confirmed on a page of its own showing exactly what will be frozen. */
export const load: PageServerLoad = async (event) => {
	const auth = await authorise(event, 'governance:write');
	const id = idParam(event.params.id);
	const { row, audience, content } = await statementFor(event, auth, id);
	if (audience !== 'officer' || row.status !== 'draft')
		redirect(303, `/recharges/statements/${id}`);
	return {
		statement: { id, version: row.version },
		content,
		fingerprint: await contentHash(content)
	};
};

export const actions: Actions = {
	default: async (event) =>
		issueStatement(
			event,
			(await authorise(event, 'governance:write')).actor,
			idParam(event.params.id)
		)
};
