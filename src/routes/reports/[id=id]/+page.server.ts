import type { Actions, PageServerLoad } from './$types';
import { authorise } from '$lib/server/auth/guard';
import { can } from '$lib/domain/permissions';
import {
	draftFormValues,
	issueSeen,
	reportFor,
	saveDraft,
	startIssue
} from '$lib/server/web/report-page';

export const load: PageServerLoad = async (event) => {
	const auth = await authorise(event, 'report:read-issued');
	const id = Number(event.params.id);
	const view = await reportFor(event, auth, id);
	const editable = view.live && can(auth.role, 'report:write');
	const values = editable
		? await draftFormValues(
				auth,
				id,
				view.content.workstreams.map((w) => w.id)
			)
		: null;
	// The issue button carries the fingerprint of the report shown, so only that report goes on to be issued.
	const seen = editable ? await issueSeen(view.content) : null;
	return { ...view, values, seen };
};

export const actions: Actions = {
	save: async (event) =>
		saveDraft(event, await authorise(event, 'report:write'), Number(event.params.id)),
	/** On to the confirmation page, unless the form holds changes that are not saved. */
	issue: async (event) =>
		startIssue(event, await authorise(event, 'report:write'), Number(event.params.id))
};
