import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/database';
import { actorOf, idParam, organisationOf } from '$lib/server/http';
import * as systems from '$lib/server/repos/systems';
import * as reviews from '$lib/server/repos/reviews';
import * as workstreams from '$lib/server/repos/workstreams';
import * as systemService from '$lib/server/services/systems';

export const load: PageServerLoad = async ({ locals, params }) => {
	const org = organisationOf(locals);
	const id = idParam(params.id);
	const system = await systems.getSystem(db(), org.id, id);
	if (!system) error(404, 'Not found');
	const [history, links] = await Promise.all([reviews.listReviewHistory(db(), org.id, id), workstreams.listWorkstreamsOfSystem(db(), org.id, id)]);
	return { system, history, links };
};

export const actions: Actions = {
	archive: async ({ locals, params, request }) => {
		const actor = actorOf(locals);
		const id = idParam(params.id);
		const version = Number((await request.formData()).get('version'));
		const result = await systemService.archiveSystem(actor, id, version);
		if (result.ok) redirect(303, '/systems?archived=1');
		if (result.reason === 'not-found') error(404, 'Not found');
		return fail(409, { archiveConflict: true });
	}
};
