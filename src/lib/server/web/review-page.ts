/**
 * A system's review page once the route has authorised the caller. A review is never edited, only
 * superseded: the form's 'version' is the review that was current when it was opened (`basedOn`,
 * its id; 0 when there was none), so a review recorded meanwhile is a conflict, and every refusal
 * carries the review shown above the form (after a conflict, the one recorded meanwhile).
 */
import { fail, type RequestEvent } from '@sveltejs/kit';
import { db } from '../db/database';
import * as systems from '../repos/systems';
import * as reviews from '../repos/reviews';
import * as workstreams from '../repos/workstreams';
import * as reviewService from '../services/reviews';
import type { Actor } from '../services/actor';
import { wholeNumberField } from './http';
import { recordNotFound, recordOf } from './record';
import { redirectWithSuccess } from './flash';
import { refuse, type Posted } from './versioned-save';
import {
	parseReview,
	readReviewForm,
	reviewToFormValues,
	type ReviewFormValues
} from '$lib/domain/systems';
import { todayInUk } from '$lib/domain/dates';

/** The system `[id]` names (else the audited 404), its current review, the workstreams and the form's values. */
export async function loadReview(event: RequestEvent, organisationId: number) {
	const system = await recordOf(event, organisationId, 'system', systems.getSystem);
	const [current, workstreamList] = await Promise.all([
		reviews.getCurrentReview(db(), organisationId, system.id),
		workstreams.listWorkstreams(db(), organisationId)
	]);
	// Only what the page shows: never the whole system row.
	return {
		system: { id: system.id, name: system.name },
		current,
		workstreams: workstreamList,
		values: reviewToFormValues(current, todayInUk())
	};
}

/** The form again with `failed`'s errors and the review to show above it. */
const withCurrent = (
	failed: ReturnType<typeof refuse<ReviewFormValues>>,
	current: reviews.ReviewWithOutcomes | null = null
) => fail(failed.status, { ...failed.data, current });

/** Records the posted review of the system `[id]` names: to the system's page, or the form again saying why not. */
export async function saveReview(event: RequestEvent, actor: Actor) {
	const system = await recordOf(event, actor.organisationId, 'system', systems.getSystem);
	const form = await event.request.formData();
	const basedOn = form.get('basedOn') ? wholeNumberField(form, 'basedOn') : null;
	const posted: Posted<ReviewFormValues> = {
		values: readReviewForm(form),
		version: basedOn ?? 0,
		original: null
	};
	if (form.get('basedOn') && basedOn == null)
		return withCurrent(
			refuse(
				{ ...posted, version: 0 },
				{ basedOn: 'The form was changed: reload the page and try again' }
			)
		);
	const ids = new Set(
		(await workstreams.listWorkstreams(db(), actor.organisationId)).map((w) => w.id)
	);
	const parsed = parseReview(posted.values, ids);
	if (!parsed.ok) return withCurrent(refuse(posted, parsed.errors));
	const result = await reviewService.recordReview(actor, system.id, basedOn, parsed.value);
	if (result.ok)
		redirectWithSuccess(event, `/systems/${system.id}`, `Review of ${system.name} recorded.`);
	switch (result.reason) {
		case 'not-found':
			return recordNotFound(event, 'system', system.id);
		case 'invalid':
			return withCurrent(refuse(posted, result.errors));
		case 'forbidden':
			return withCurrent(refuse(posted, { summary: result.message }, 403));
		case 'conflict':
			return fail(409, {
				...refuse({ ...posted, version: result.current?.id ?? 0 }, {}).data,
				conflict: [],
				current: result.current ?? null
			});
	}
}
