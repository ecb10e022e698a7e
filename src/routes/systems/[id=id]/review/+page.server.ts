import type { Actions, PageServerLoad } from './$types';
import { authorise } from '$lib/server/auth/guard';
import { loadReview, saveReview } from '$lib/server/web/review-page';

export const load: PageServerLoad = async (event) => {
	const { organisationId } = await authorise(event, 'review:write');
	return loadReview(event, organisationId);
};

export const actions: Actions = {
	/** Records a review, superseding the current one; a review recorded since the form opened is a conflict. */
	default: async (event) => {
		const { actor } = await authorise(event, 'review:write');
		return saveReview(event, actor);
	}
};
