import type { Actions, PageServerLoad } from './$types';
import { authorise } from '$lib/server/auth/guard';
import { recordOf } from '$lib/server/web/record';
import { can } from '$lib/domain/permissions';
import * as systems from '$lib/server/repos/systems';
import { archiveLine, loadLinePage, saveLine } from '$lib/server/web/cost-line-page';

export const load: PageServerLoad = async (event) => {
	const { organisationId, role } = await authorise(event, 'catalogue:read');
	const system = await recordOf(event, organisationId, 'system', systems.getSystem);
	const canEdit = can(role, 'catalogue:write');
	const page = await loadLinePage(
		event,
		organisationId,
		{ kind: 'system', id: system.id },
		canEdit
	);
	return { system: { id: system.id, name: system.name }, canEdit, ...page };
};

export const actions: Actions = {
	create: async (event) => {
		const { actor } = await authorise(event, 'catalogue:write');
		const system = await recordOf(event, actor.organisationId, 'system', systems.getSystem);
		return saveLine(
			event,
			actor,
			{ kind: 'system', id: system.id },
			`/systems/${system.id}/costs`,
			'create'
		);
	},
	update: async (event) => {
		const { actor } = await authorise(event, 'catalogue:write');
		const system = await recordOf(event, actor.organisationId, 'system', systems.getSystem);
		return saveLine(
			event,
			actor,
			{ kind: 'system', id: system.id },
			`/systems/${system.id}/costs`,
			'update'
		);
	},
	archive: async (event) => {
		const { actor } = await authorise(event, 'catalogue:write');
		const system = await recordOf(event, actor.organisationId, 'system', systems.getSystem);
		return archiveLine(
			event,
			actor,
			{ kind: 'system', id: system.id },
			`/systems/${system.id}/costs`
		);
	}
};
