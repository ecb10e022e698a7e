import type { RequestHandler } from './$types';
import { db } from '$lib/server/db/database';
import { authorise } from '$lib/server/auth/guard';
import { csvResponse } from '$lib/server/web/csv-response';
import { costLinesCsv } from '$lib/domain/csv/cost-lines';
import { csvFileName } from '$lib/domain/csv/write';
import { todayInUk } from '$lib/domain/dates';
import * as costLineCsv from '$lib/server/repos/cost-line-csv';

/** A positive whole-number query parameter; anything else is no filter at all (so never NaN in a query). */
const idFilter = (value: string | null) =>
	value && /^[1-9]\d{0,15}$/.test(value) ? Number(value) : undefined;

/** Every live cost line of the organisation (or of one system or workstream: ?system=ID, ?workstream=ID), ready to edit and import back. */
export const GET: RequestHandler = async (event) => {
	const { organisationId } = await authorise(event, 'catalogue:read');
	const params = event.url.searchParams;
	const rows = await costLineCsv.exportCostLines(db(), organisationId, {
		systemId: idFilter(params.get('system')),
		workstreamId: idFilter(params.get('workstream'))
	});
	return csvResponse(costLinesCsv(rows), csvFileName('cost-lines', todayInUk()));
};
