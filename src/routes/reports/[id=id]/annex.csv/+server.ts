import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { authorise } from '$lib/server/auth/guard';
import { csvResponse } from '$lib/server/web/csv-response';
import { reportFor } from '$lib/server/web/report-page';
import { ANNEX_HEADER, annexRows } from '$lib/domain/csv/report-annex';
import { toCsv, csvFileName } from '$lib/domain/csv/write';

/** Annex A (exempt) as CSV, for officers and committee members only: the public version has none. */
export const GET: RequestHandler = async (event) => {
	const auth = await authorise(event, 'report:read-issued');
	const view = await reportFor(event, auth, Number(event.params.id));
	if (!view.content.annex) error(404, 'Not found');
	const stem = `annex-a-q${view.content.quarter.quarter}-${view.content.quarter.year.replace('/', '-')}`;
	return csvResponse(
		toCsv(ANNEX_HEADER, annexRows(view.content.annex)),
		csvFileName(stem, view.content.asAt)
	);
};
