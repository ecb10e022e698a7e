import type { PageServerLoad } from './$types';
import { authorise } from '$lib/server/auth/guard';
import { versionOf } from '$lib/server/web/business-case-page';

/** The version laid out for A4 paper (print.css): the same figures as the version's page. */
export const load: PageServerLoad = async (event) => {
	const { organisationId } = await authorise(event, 'catalogue:read');
	return versionOf(event, organisationId);
};
