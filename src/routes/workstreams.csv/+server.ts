import type { RequestHandler } from './$types';
import { db } from '$lib/server/db/database';
import { authorise } from '$lib/server/auth/guard';
import { csvResponse } from '$lib/server/web/csv-response';
import { workstreamsCsv } from '$lib/domain/csv/workstreams';
import { csvFileName } from '$lib/domain/csv/write';
import { todayInUk } from '$lib/domain/dates';
import * as workstreams from '$lib/server/repos/workstreams';

/** The workstreams list as CSV: each workstream, its lead and its linked systems by current outcome. */
export const GET: RequestHandler = async (event) => {
	const { organisationId } = await authorise(event, 'catalogue:read');
	const rows = await workstreams.summariseWorkstreams(db(), organisationId);
	return csvResponse(workstreamsCsv(rows), csvFileName('workstreams', todayInUk()));
};
