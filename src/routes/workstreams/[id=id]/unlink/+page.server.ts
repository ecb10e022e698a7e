import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { db } from '$lib/server/db/database';
import { authorise } from '$lib/server/auth/guard';
import { wholeNumberField } from '$lib/server/web/http';
import { recordNotFound } from '$lib/server/web/record';
import { redirectWithSuccess } from '$lib/server/web/flash';
import * as workstreams from '$lib/server/repos/workstreams';
import * as systems from '$lib/server/repos/systems';
import * as workstreamService from '$lib/server/services/workstreams';

/**
 * The workstream, and the linked system named by `?system=` (or a posted `systemId`); a system that
 * is missing, another organisation's or not linked is a 404. With no system named, null.
 */
async function linkOf(event: RequestEvent, organisationId: number, systemId: number | null) {
	const id = Number(event.params.id);
	const workstream = await workstreams.getWorkstream(db(), organisationId, id);
	if (!workstream) return recordNotFound(event, 'workstream', id);
	if (systemId == null) return null;
	const system = await systems.getSystem(db(), organisationId, systemId);
	if (!system) return recordNotFound(event, 'system', systemId);
	const linked = (await workstreams.listWorkstreamsOfSystem(db(), organisationId, systemId)).some(
		(w) => w.id === id
	);
	if (!linked) error(404, 'Not found');
	return {
		workstream: { id: workstream.id, name: workstream.name },
		system: { id: system.id, name: system.name }
	};
}

/** Unlinking a system that a current review outcome names changes that outcome too: it is confirmed here first. */
export const load: PageServerLoad = async (event) => {
	const { organisationId } = await authorise(event, 'catalogue:write');
	const systemId = /^[1-9]\d{0,15}$/.test(event.url.searchParams.get('system') ?? '')
		? Number(event.url.searchParams.get('system'))
		: null;
	const link = await linkOf(event, organisationId, systemId);
	// Without a system to unlink there is nothing to confirm: back to the workstream's list.
	if (!link) redirect(303, `/workstreams/${event.params.id}`);
	return {
		...link,
		outcomes: await workstreamService.outcomesNaming(
			organisationId,
			link.workstream.id,
			link.system.id
		)
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { actor } = await authorise(event, 'catalogue:write');
		const form = await event.request.formData();
		const link = await linkOf(event, actor.organisationId, wholeNumberField(form, 'systemId'));
		if (!link) return fail(400, { changed: false });
		const { workstream, system } = link;
		const seen = form
			.getAll('outcomeId')
			.map(String)
			.filter((v) => /^\d{1,15}$/.test(v))
			.map(Number);
		const result = await workstreamService.unlinkSystemFromWorkstream(
			actor,
			workstream.id,
			system.id,
			seen
		);
		// The outcomes changed after the page was opened: it shows them as they are now, and nothing was changed.
		if (!result.ok && result.reason === 'confirm') return fail(409, { changed: true });
		if (!result.ok) return recordNotFound(event, 'system', system.id);
		const reopened =
			result.reopened.length > 0
				? ` ${result.reopened.length === 1 ? 'Its outcome that named the workstream is' : 'Its outcomes that named the workstream are'} now proposed, with no workstream set.`
				: '';
		redirectWithSuccess(
			event,
			`/workstreams/${workstream.id}`,
			`${system.name} is no longer linked to ${workstream.name}.${reopened}`
		);
	}
};
