import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { db } from '$lib/server/db/database';
import { authorise, notFound } from '$lib/server/auth/guard';
import { can } from '$lib/domain/permissions';
import * as workstreams from '$lib/server/repos/workstreams';
import * as milestones from '$lib/server/repos/milestones';
import { addMilestone, archiveMilestone, editMilestone, milestonePageData } from '$lib/server/milestone-forms';

const exists = (organisationId: number, id: number) => workstreams.workstreamExistsElsewhere(db(), organisationId, id);

async function workstreamOf(event: RequestEvent, organisationId: number) {
	const id = Number(event.params.id);
	return (await workstreams.getWorkstream(db(), organisationId, id)) ?? notFound(event, 'workstream', id, exists);
}

export const load: PageServerLoad = async (event) => {
	const { organisationId, role } = await authorise(event, 'catalogue:read');
	const w = await workstreamOf(event, organisationId);
	const rows = await milestones.listMilestonesOfWorkstream(db(), organisationId, w.id);
	return { owner: { kind: 'workstream' as const, id: w.id, name: w.name, href: `/workstreams/${w.id}` }, outcomes: [], ...milestonePageData(event.url, rows, can(role, 'catalogue:write')) };
};

export const actions: Actions = {
	add: async (event) => {
		const { actor } = await authorise(event, 'catalogue:write');
		const w = await workstreamOf(event, actor.organisationId);
		return addMilestone(event, actor, { workstreamId: w.id }, await event.request.formData(), `/workstreams/${w.id}/milestones`);
	},
	edit: async (event) => {
		const { actor } = await authorise(event, 'catalogue:write');
		const w = await workstreamOf(event, actor.organisationId);
		return editMilestone(event, actor, await event.request.formData(), (m) => m.workstreamId === w.id, `/workstreams/${w.id}/milestones`);
	},
	archive: async (event) => {
		const { actor } = await authorise(event, 'catalogue:write');
		const w = await workstreamOf(event, actor.organisationId);
		return archiveMilestone(event, actor, await event.request.formData(), (m) => m.workstreamId === w.id, `/workstreams/${w.id}/milestones`);
	}
};
