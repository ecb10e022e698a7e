import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db/database';
import { authorise } from '$lib/server/auth/guard';
import { recordOf } from '$lib/server/web/record';
import { can } from '$lib/domain/permissions';
import * as workstreams from '$lib/server/repos/workstreams';
import * as milestones from '$lib/server/repos/milestones';
import {
	addMilestone,
	archiveMilestone,
	editMilestone,
	milestonePageData
} from '$lib/server/web/milestone-page';

export const load: PageServerLoad = async (event) => {
	const { organisationId, role } = await authorise(event, 'catalogue:read');
	const w = await recordOf(event, organisationId, 'workstream', workstreams.getWorkstream);
	const rows = await milestones.listMilestonesOfWorkstream(db(), organisationId, w.id);
	return {
		owner: { kind: 'workstream' as const, id: w.id, name: w.name, href: `/workstreams/${w.id}` },
		outcomes: [],
		...milestonePageData(event.url, rows, can(role, 'catalogue:write'))
	};
};

export const actions: Actions = {
	add: async (event) => {
		const { actor } = await authorise(event, 'catalogue:write');
		const w = await recordOf(event, actor.organisationId, 'workstream', workstreams.getWorkstream);
		return addMilestone(
			event,
			actor,
			{ workstreamId: w.id },
			await event.request.formData(),
			`/workstreams/${w.id}/milestones`
		);
	},
	edit: async (event) => {
		const { actor } = await authorise(event, 'catalogue:write');
		const w = await recordOf(event, actor.organisationId, 'workstream', workstreams.getWorkstream);
		return editMilestone(
			event,
			actor,
			await event.request.formData(),
			(m) => m.workstreamId === w.id,
			`/workstreams/${w.id}/milestones`
		);
	},
	archive: async (event) => {
		const { actor } = await authorise(event, 'catalogue:write');
		const w = await recordOf(event, actor.organisationId, 'workstream', workstreams.getWorkstream);
		return archiveMilestone(
			event,
			actor,
			await event.request.formData(),
			(m) => m.workstreamId === w.id,
			`/workstreams/${w.id}/milestones`
		);
	}
};
