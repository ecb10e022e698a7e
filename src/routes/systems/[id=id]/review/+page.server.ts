import { fail } from '@sveltejs/kit';
import { redirectWithSuccess } from '$lib/server/web/flash';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db/database';
import { authorise, notFound } from '$lib/server/auth/guard';
import { wholeNumberField } from '$lib/server/web/http';
import { parseReview, readReviewForm, reviewToFormValues } from '$lib/domain/systems';
import { todayInUk } from '$lib/domain/dates';
import * as systems from '$lib/server/repos/systems';
import * as reviews from '$lib/server/repos/reviews';
import * as workstreams from '$lib/server/repos/workstreams';
import * as reviewService from '$lib/server/services/reviews';

const exists = (organisationId: number, id: number) => systems.systemExistsElsewhere(db(), organisationId, id);

export const load: PageServerLoad = async (event) => {
	const { organisationId } = await authorise(event, 'review:write');
	const id = Number(event.params.id);
	const system = await systems.getSystem(db(), organisationId, id);
	if (!system) return notFound(event, 'system', id, exists);
	const [current, workstreamList] = await Promise.all([reviews.getCurrentReview(db(), organisationId, id), workstreams.listWorkstreams(db(), organisationId)]);
	// Only what the page shows: never the whole system row.
	return { system: { id: system.id, name: system.name }, current, workstreams: workstreamList, values: reviewToFormValues(current, todayInUk()) };
};

export const actions: Actions = {
	default: async (event) => {
		const { actor } = await authorise(event, 'review:write');
		const id = Number(event.params.id);
		const system = await systems.getSystem(db(), actor.organisationId, id);
		if (!system) return notFound(event, 'system', id, exists);
		const form = await event.request.formData();
		const values = readReviewForm(form);
		const basedOn = form.get('basedOn') ? wholeNumberField(form, 'basedOn') : null;
		if (form.get('basedOn') && basedOn == null) return fail(400, { values, errors: { basedOn: 'The form was changed: reload the page and try again' } as Record<string, string>, basedOn: null, conflict: false, current: null });
		const ids = new Set((await workstreams.listWorkstreams(db(), actor.organisationId)).map((w) => w.id));
		const parsed = parseReview(values, ids);
		if (!parsed.ok) return fail(400, { values, errors: parsed.errors, basedOn, conflict: false, current: null });
		const result = await reviewService.recordReview(actor, id, basedOn, parsed.value);
		if (result.ok) redirectWithSuccess(event, `/systems/${id}`, `Review of ${system.name} recorded.`);
		if (result.reason === 'not-found') return notFound(event, 'system', id, exists);
		return fail(409, { values, errors: {} as Record<string, string>, basedOn: result.current?.id ?? null, conflict: true, current: result.current ?? null });
	}
};
