import type { Actions, PageServerLoad } from './$types';
import { authorise, idParam } from '$lib/server/http';
import { can } from '$lib/domain/permissions';
import { draftFormValues, issueDraft, issueSeen, reportFor, saveDraft } from '$lib/server/report-pages';

export const load: PageServerLoad = async (event) => {
	const auth = await authorise(event, 'report:read-issued');
	const id = idParam(event.params.id);
	const view = await reportFor(event, auth, id);
	const editable = view.live && can(auth.role, 'report:write');
	const values = editable ? await draftFormValues(auth, id, view.content.workstreams.map((w) => w.id)) : null;
	// Issuing freezes exactly the report shown here: its fingerprint goes in the issue form.
	const seen = editable ? await issueSeen(view.content) : null;
	return { ...view, values, seen, saved: event.url.searchParams.has('saved'), issued: event.url.searchParams.has('issued') };
};

export const actions: Actions = {
	save: async (event) => saveDraft(event, await authorise(event, 'report:write'), idParam(event.params.id)),
	issue: async (event) => issueDraft(event, await authorise(event, 'report:write'), idParam(event.params.id))
};
