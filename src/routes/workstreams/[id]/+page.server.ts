import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/database';
import { actorOf, idParam, organisationOf } from '$lib/server/http';
import { DEFAULT_QUERY } from '$lib/domain/system-query';
import * as workstreams from '$lib/server/repos/workstreams';
import * as systems from '$lib/server/repos/systems';
import * as workstreamService from '$lib/server/services/workstreams';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const org = organisationOf(locals);
	const id = idParam(params.id);
	const workstream = await workstreams.getWorkstream(db(), org.id, id);
	if (!workstream) error(404, 'Not found');
	const find = (url.searchParams.get('find') ?? '').trim().slice(0, 200);
	const [summary, linked, found] = await Promise.all([
		workstreams.summariseWorkstreams(db(), org.id).then((all) => all.find((w) => w.id === id)),
		workstreams.listLinkedSystems(db(), org.id, id),
		find ? systems.listSystems(db(), org.id, { ...DEFAULT_QUERY, q: find, size: 25 }) : Promise.resolve(null)
	]);
	const linkedIds = new Set(linked.map((s) => s.id));
	return { workstream, summary, linked, find, candidates: found?.rows.filter((s) => !linkedIds.has(s.id)) ?? null };
};

function systemIdFrom(form: FormData): number | null {
	const id = Number(form.get('systemId'));
	return Number.isSafeInteger(id) && id > 0 ? id : null;
}

export const actions: Actions = {
	link: async ({ locals, params, request }) => {
		const actor = actorOf(locals);
		const form = await request.formData();
		const systemId = systemIdFrom(form);
		const note = String(form.get('note') ?? '').trim();
		if (systemId == null) return fail(400, { linkError: 'Select a system to link' });
		if (note.length > 500) return fail(400, { linkError: 'Note must be 500 characters or fewer' });
		const result = await workstreamService.linkSystemToWorkstream(actor, idParam(params.id), systemId, note);
		if (!result.ok) error(404, 'Not found');
		return { linked: systemId };
	},
	unlink: async ({ locals, params, request }) => {
		const actor = actorOf(locals);
		const systemId = systemIdFrom(await request.formData());
		if (systemId == null) return fail(400, { linkError: 'Select a system to unlink' });
		const result = await workstreamService.unlinkSystemFromWorkstream(actor, idParam(params.id), systemId);
		if (!result.ok) error(404, 'Not found');
		return { unlinked: systemId };
	}
};
