import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { db } from '$lib/server/db/database';
import { authorise, notFound } from '$lib/server/auth/guard';
import { can } from '$lib/domain/permissions';
import * as workstreams from '$lib/server/repos/workstreams';
import { archiveLine, loadLinePage, saveLine } from '$lib/server/cost-line-pages';

const exists = (organisationId: number, id: number) => workstreams.workstreamExistsElsewhere(db(), organisationId, id);

/** The workstream named by the URL, in the caller's organisation, or a 404 (audited when it is another's). */
async function workstreamOf(event: RequestEvent, organisationId: number) {
	const id = Number(event.params.id);
	return (await workstreams.getWorkstream(db(), organisationId, id)) ?? notFound(event, 'workstream', id, exists);
}

export const load: PageServerLoad = async (event) => {
	const { organisationId, role } = await authorise(event, 'catalogue:read');
	const workstream = await workstreamOf(event, organisationId);
	const canEdit = can(role, 'catalogue:write');
	const page = await loadLinePage(event, organisationId, { kind: 'workstream', id: workstream.id }, canEdit);
	return { workstream: { id: workstream.id, name: workstream.name }, canEdit, ...page };
};

export const actions: Actions = {
	create: async (event) => {
		const { actor } = await authorise(event, 'catalogue:write');
		const workstream = await workstreamOf(event, actor.organisationId);
		return saveLine(event, actor, { kind: 'workstream', id: workstream.id }, `/workstreams/${workstream.id}/costs`, 'create');
	},
	update: async (event) => {
		const { actor } = await authorise(event, 'catalogue:write');
		const workstream = await workstreamOf(event, actor.organisationId);
		return saveLine(event, actor, { kind: 'workstream', id: workstream.id }, `/workstreams/${workstream.id}/costs`, 'update');
	},
	archive: async (event) => {
		const { actor } = await authorise(event, 'catalogue:write');
		const workstream = await workstreamOf(event, actor.organisationId);
		return archiveLine(event, actor, { kind: 'workstream', id: workstream.id }, `/workstreams/${workstream.id}/costs`);
	}
};
