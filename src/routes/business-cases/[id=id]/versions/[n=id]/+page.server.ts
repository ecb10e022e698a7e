import type { PageServerLoad } from './$types';
import { authorise } from '$lib/server/auth/guard';
import { versionOf } from '$lib/server/web/business-case-page';

/** One version, read-only: a frozen one exactly as approved (checked against its hash), else a preview from the cost model. */
export const load: PageServerLoad = async (event) => {
	const { organisationId } = await authorise(event, 'catalogue:read');
	return versionOf(event, organisationId);
};
