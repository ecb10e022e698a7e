import type { RequestHandler } from './$types';
import { authorise } from '$lib/server/auth/guard';
import { parseSystemQuery } from '$lib/domain/systems';
import { systemsCsvResponse } from '$lib/server/web/systems-download';

/** The systems list as CSV: the same query string as /systems, so it holds exactly the filtered rows. */
export const GET: RequestHandler = async (event) => {
	const { organisationId } = await authorise(event, 'catalogue:read');
	return systemsCsvResponse(organisationId, parseSystemQuery(event.url.searchParams));
};
