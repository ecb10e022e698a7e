import type { RequestHandler } from './$types';
import { db } from '$lib/server/db/database';
import { authorise } from '$lib/server/auth/guard';
import { csvResponse } from '$lib/server/web/csv-response';
import { recordNotFound } from '$lib/server/web/record';
import { DEFAULT_QUERY } from '$lib/domain/systems';
import { workstreamSystemsCsv } from '$lib/domain/csv/workstreams';
import { csvFileName } from '$lib/domain/csv/write';
import { todayInUk } from '$lib/domain/dates';
import * as workstreams from '$lib/server/repos/workstreams';
import * as systems from '$lib/server/repos/systems';

/** The systems linked to one workstream as CSV; another organisation's workstream is a 404, as the page answers. */
export const GET: RequestHandler = async (event) => {
	const { organisationId } = await authorise(event, 'catalogue:read');
	const id = Number(event.params.id);
	const workstream = await workstreams.getWorkstream(db(), organisationId, id);
	if (!workstream) return recordNotFound(event, 'workstream', id);
	const [linked, details] = await Promise.all([
		workstreams.listLinkedSystems(db(), organisationId, id),
		systems.exportSystems(db(), organisationId, { ...DEFAULT_QUERY, workstream: id })
	]);
	return csvResponse(
		workstreamSystemsCsv(linked, details),
		csvFileName(`${workstream.name} systems`, todayInUk())
	);
};
