import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db/database';
import { authorise } from '$lib/server/auth/guard';
import { recordNotFound } from '$lib/server/web/record';
import { redirectWithSuccess } from '$lib/server/web/flash';
import { can } from '$lib/domain/permissions';
import { DEFAULT_QUERY, SEARCH_MAX } from '$lib/domain/systems';
import * as workstreams from '$lib/server/repos/workstreams';
import * as systems from '$lib/server/repos/systems';
import * as workstreamService from '$lib/server/services/workstreams';
import * as costLines from '$lib/server/repos/cost-lines';
import * as milestones from '$lib/server/repos/milestones';
import { todayInUk } from '$lib/domain/dates';
import { nextMilestone } from '$lib/domain/milestones';
import { sumPence } from '$lib/domain/rollups';
import { textProblem, textProblemMessage } from '$lib/domain/forms';

export const load: PageServerLoad = async (event) => {
	const { organisationId, role } = await authorise(event, 'catalogue:read');
	const id = Number(event.params.id);
	const workstream = await workstreams.getWorkstream(db(), organisationId, id);
	if (!workstream) return recordNotFound(event, 'workstream', id);
	const canEdit = can(role, 'catalogue:write');
	const find = canEdit
		? (event.url.searchParams.get('find') ?? '').trim().slice(0, SEARCH_MAX)
		: '';
	const [summary, linked, found] = await Promise.all([
		workstreams
			.summariseWorkstreams(db(), organisationId)
			.then((all) => all.find((w) => w.id === id)),
		workstreams.listLinkedSystems(db(), organisationId, id),
		find
			? systems.listSystems(db(), organisationId, { ...DEFAULT_QUERY, q: find, size: 25 })
			: Promise.resolve(null)
	]);
	const linkedIds = new Set(linked.map((s) => s.id));
	const costTotalPence = sumPence(
		(await costLines.listCostLinesOfWorkstream(db(), organisationId, id)).map((l) => l.amountPence)
	);
	const plan = await milestones.listMilestonesOfWorkstream(db(), organisationId, id);
	return {
		workstream,
		summary,
		linked,
		find,
		canEdit,
		costTotalPence,
		candidates: found?.rows.filter((s) => !linkedIds.has(s.id)) ?? null,
		milestones: { next: nextMilestone(plan, todayInUk()), count: plan.length }
	};
};

function systemIdFrom(form: FormData): number | null {
	const id = Number(form.get('systemId'));
	return Number.isSafeInteger(id) && id > 0 ? id : null;
}

export const actions: Actions = {
	link: async (event) => {
		const { actor } = await authorise(event, 'catalogue:write');
		const id = Number(event.params.id);
		const workstream = await workstreams.getWorkstream(db(), actor.organisationId, id);
		if (!workstream) return recordNotFound(event, 'workstream', id);
		const form = await event.request.formData();
		const systemId = systemIdFrom(form);
		const note = String(form.get('note') ?? '').trim();
		if (systemId == null) return fail(400, { linkError: 'Select a system to link' });
		if (note.length > 500) return fail(400, { linkError: 'Note must be 500 characters or fewer' });
		const noteProblem = textProblem(note);
		if (noteProblem) return fail(400, { linkError: textProblemMessage('Note', noteProblem) });
		const result = await workstreamService.linkSystemToWorkstream(actor, id, systemId, note);
		// The workstream was found above, so what is missing is the system.
		if (!result.ok) return recordNotFound(event, 'system', systemId);
		const system = await systems.getSystem(db(), actor.organisationId, systemId);
		redirectWithSuccess(
			event,
			`/workstreams/${id}`,
			`${system?.name ?? 'The system'} is now linked to ${workstream.name}.`
		);
	},
	unlink: async (event) => {
		const { actor } = await authorise(event, 'catalogue:write');
		const id = Number(event.params.id);
		const workstream = await workstreams.getWorkstream(db(), actor.organisationId, id);
		if (!workstream) return recordNotFound(event, 'workstream', id);
		const systemId = systemIdFrom(await event.request.formData());
		if (systemId == null) return fail(400, { linkError: 'Select a system to unlink' });
		const system = await systems.getSystem(db(), actor.organisationId, systemId);
		const result = await workstreamService.unlinkSystemFromWorkstream(actor, id, systemId);
		// A review's outcome names this workstream: nothing is changed until that is confirmed on a page of its own.
		if (!result.ok && result.reason === 'confirm')
			redirect(303, `/workstreams/${id}/unlink?system=${systemId}`);
		if (!result.ok || !system) return recordNotFound(event, 'system', systemId);
		redirectWithSuccess(
			event,
			`/workstreams/${id}`,
			`${system.name} is no longer linked to ${workstream.name}.`
		);
	}
};
