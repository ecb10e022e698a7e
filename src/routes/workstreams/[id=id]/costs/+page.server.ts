import type { Actions, PageServerLoad } from './$types';
import { authorise } from '$lib/server/auth/guard';
import { recordOf } from '$lib/server/web/record';
import { can } from '$lib/domain/permissions';
import * as workstreams from '$lib/server/repos/workstreams';
import { archiveLine, loadLinePage, saveLine } from '$lib/server/web/cost-line-page';

export const load: PageServerLoad = async (event) => {
	const { organisationId, role } = await authorise(event, 'catalogue:read');
	const workstream = await recordOf(event, organisationId, 'workstream', workstreams.getWorkstream);
	const canEdit = can(role, 'catalogue:write');
	const page = await loadLinePage(
		event,
		organisationId,
		{ kind: 'workstream', id: workstream.id },
		canEdit
	);
	return { workstream: { id: workstream.id, name: workstream.name }, canEdit, ...page };
};

export const actions: Actions = {
	create: async (event) => {
		const { actor } = await authorise(event, 'catalogue:write');
		const workstream = await recordOf(
			event,
			actor.organisationId,
			'workstream',
			workstreams.getWorkstream
		);
		return saveLine(
			event,
			actor,
			{ kind: 'workstream', id: workstream.id },
			`/workstreams/${workstream.id}/costs`,
			'create'
		);
	},
	update: async (event) => {
		const { actor } = await authorise(event, 'catalogue:write');
		const workstream = await recordOf(
			event,
			actor.organisationId,
			'workstream',
			workstreams.getWorkstream
		);
		return saveLine(
			event,
			actor,
			{ kind: 'workstream', id: workstream.id },
			`/workstreams/${workstream.id}/costs`,
			'update'
		);
	},
	archive: async (event) => {
		const { actor } = await authorise(event, 'catalogue:write');
		const workstream = await recordOf(
			event,
			actor.organisationId,
			'workstream',
			workstreams.getWorkstream
		);
		return archiveLine(
			event,
			actor,
			{ kind: 'workstream', id: workstream.id },
			`/workstreams/${workstream.id}/costs`
		);
	}
};
