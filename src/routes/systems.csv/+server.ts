import type { RequestHandler } from './$types';
import { db } from '$lib/server/db/database';
import { authorise } from '$lib/server/auth/guard';
import { parseSystemQuery } from '$lib/domain/systems';
import { systemsCsv } from '$lib/domain/csv/systems';
import { csvFileName } from '$lib/domain/csv/write';
import { todayInUk } from '$lib/domain/dates';
import * as systems from '$lib/server/repos/systems';

/** The systems list as CSV: the same query string as /systems, so it holds exactly the filtered rows. */
export const GET: RequestHandler = async (event) => {
	const { organisationId } = await authorise(event, 'catalogue:read');
	const rows = await systems.exportSystems(
		db(),
		organisationId,
		parseSystemQuery(event.url.searchParams)
	);
	return new Response(systemsCsv(rows), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${csvFileName('systems', todayInUk())}"`
		}
	});
};
