import { fail } from '@sveltejs/kit';
import { redirectWithSuccess } from '$lib/server/web/flash';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db/database';
import { authorise } from '$lib/server/auth/guard';
import { wholeNumberField } from '$lib/server/web/http';
import { recordNotFound, recordOf } from '$lib/server/web/record';
import { refuse, type Posted } from '$lib/server/web/versioned-save';
import {
	parseReview,
	readReviewForm,
	reviewToFormValues,
	type ReviewFormValues
} from '$lib/domain/systems';
import { todayInUk } from '$lib/domain/dates';
import * as systems from '$lib/server/repos/systems';
import * as reviews from '$lib/server/repos/reviews';
import * as workstreams from '$lib/server/repos/workstreams';
import * as reviewService from '$lib/server/services/reviews';

export const load: PageServerLoad = async (event) => {
	const { organisationId } = await authorise(event, 'review:write');
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
};

/**
 * A review is never edited, only superseded: its 'version' is the review that was current when the
 * form was opened (`basedOn`, its id; 0 when there was none), so a review recorded meanwhile is a conflict.
 */
export const actions: Actions = {
	default: async (event) => {
		const { actor } = await authorise(event, 'review:write');
		const system = await recordOf(event, actor.organisationId, 'system', systems.getSystem);
		const form = await event.request.formData();
		const basedOn = form.get('basedOn') ? wholeNumberField(form, 'basedOn') : null;
		const posted: Posted<ReviewFormValues> = {
			values: readReviewForm(form),
			version: basedOn ?? 0,
			original: null
		};
		// A refusal carries the review shown above the form: after a conflict, the one recorded meanwhile.
		const withCurrent = (
			failed: ReturnType<typeof refuse<ReviewFormValues>>,
			current: reviews.ReviewWithOutcomes | null = null
		) => fail(failed.status, { ...failed.data, current });
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
};
