import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { db } from '$lib/server/db/database';
import { authorise, notFound } from '$lib/server/auth/guard';
import { can } from '$lib/domain/permissions';
import * as systems from '$lib/server/repos/systems';
import { archiveLine, loadLinePage, saveLine } from '$lib/server/cost-line-pages';

const exists = (organisationId: number, id: number) => systems.systemExistsElsewhere(db(), organisationId, id);

/** The system named by the URL, in the caller's organisation, or a 404 (audited when it is another's). */
async function systemOf(event: RequestEvent, organisationId: number) {
	const id = Number(event.params.id);
	return (await systems.getSystem(db(), organisationId, id)) ?? notFound(event, 'system', id, exists);
}

export const load: PageServerLoad = async (event) => {
	const { organisationId, role } = await authorise(event, 'catalogue:read');
	const system = await systemOf(event, organisationId);
	const canEdit = can(role, 'catalogue:write');
	const page = await loadLinePage(event, organisationId, { kind: 'system', id: system.id }, canEdit);
	return { system: { id: system.id, name: system.name }, canEdit, ...page };
};

export const actions: Actions = {
	create: async (event) => {
		const { actor } = await authorise(event, 'catalogue:write');
		const system = await systemOf(event, actor.organisationId);
		return saveLine(event, actor, { kind: 'system', id: system.id }, `/systems/${system.id}/costs`, 'create');
	},
	update: async (event) => {
		const { actor } = await authorise(event, 'catalogue:write');
		const system = await systemOf(event, actor.organisationId);
		return saveLine(event, actor, { kind: 'system', id: system.id }, `/systems/${system.id}/costs`, 'update');
	},
	archive: async (event) => {
		const { actor } = await authorise(event, 'catalogue:write');
		const system = await systemOf(event, actor.organisationId);
		return archiveLine(event, actor, { kind: 'system', id: system.id }, `/systems/${system.id}/costs`);
	}
};
