import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { authorise } from '$lib/server/auth/guard';
import { issueDraft, issueSeen, reportFor } from '$lib/server/web/report-page';

/** Issuing freezes the report for good: it is confirmed on a page of its own, which shows exactly what will be frozen. */
export const load: PageServerLoad = async (event) => {
	const auth = await authorise(event, 'report:write');
	const id = Number(event.params.id);
	const view = await reportFor(event, auth, id, 'officer');
	if (!view.live) redirect(303, `/reports/${id}`);
	// Issuing freezes exactly the report shown here: its fingerprint goes in the form.
	return { ...view, seen: await issueSeen(view.content) };
};

export const actions: Actions = {
	default: async (event) =>
		issueDraft(event, await authorise(event, 'report:write'), Number(event.params.id))
};
