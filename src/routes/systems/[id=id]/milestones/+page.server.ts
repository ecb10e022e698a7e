import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db/database';
import { authorise } from '$lib/server/auth/guard';
import { recordOf } from '$lib/server/web/record';
import { can } from '$lib/domain/permissions';
import * as systems from '$lib/server/repos/systems';
import * as reviews from '$lib/server/repos/reviews';
import * as milestones from '$lib/server/repos/milestones';
import {
	addMilestone,
	archiveMilestone,
	editMilestone,
	milestonePageData
} from '$lib/server/web/milestone-page';

/** The outcomes of the system's current review: a milestone may belong to one of them. */
async function currentOutcomes(organisationId: number, systemId: number) {
	return ((await reviews.getCurrentReview(db(), organisationId, systemId))?.outcomes ?? []).map(
		(o) => o.outcome
	);
}

export const load: PageServerLoad = async (event) => {
	const { organisationId, role } = await authorise(event, 'catalogue:read');
	const s = await recordOf(event, organisationId, 'system', systems.getSystem);
	const [rows, outcomes] = await Promise.all([
		milestones.listMilestonesOfSystem(db(), organisationId, s.id),
		currentOutcomes(organisationId, s.id)
	]);
	return {
		owner: { kind: 'system' as const, id: s.id, name: s.name, href: `/systems/${s.id}` },
		outcomes,
		...milestonePageData(event.url, rows, can(role, 'catalogue:write'))
	};
};

export const actions: Actions = {
	add: async (event) => {
		const { actor } = await authorise(event, 'catalogue:write');
		const s = await recordOf(event, actor.organisationId, 'system', systems.getSystem);
		return addMilestone(
			event,
			actor,
			{ systemId: s.id },
			await event.request.formData(),
			`/systems/${s.id}/milestones`,
			await currentOutcomes(actor.organisationId, s.id)
		);
	},
	edit: async (event) => {
		const { actor } = await authorise(event, 'catalogue:write');
		const s = await recordOf(event, actor.organisationId, 'system', systems.getSystem);
		return editMilestone(
			event,
			actor,
			await event.request.formData(),
			(m) => m.systemId === s.id,
			`/systems/${s.id}/milestones`
		);
	},
	archive: async (event) => {
		const { actor } = await authorise(event, 'catalogue:write');
		const s = await recordOf(event, actor.organisationId, 'system', systems.getSystem);
		return archiveMilestone(
			event,
			actor,
			await event.request.formData(),
			(m) => m.systemId === s.id,
			`/systems/${s.id}/milestones`
		);
	}
};
