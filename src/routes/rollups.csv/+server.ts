import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { authorise } from '$lib/server/auth/guard';
import { csvResponse } from '$lib/server/web/csv-response';
import { todayInUk } from '$lib/domain/dates';
import { readRollupDownload, rollupFileName } from '$lib/domain/rollups';
import * as report from '$lib/server/services/rollup-report';

/** One `/rollups` table as CSV: `?table=cost-by-workstream`, ..., and `&years=` for the whole-life period. */
export const GET: RequestHandler = async (event) => {
	const { organisationId } = await authorise(event, 'catalogue:read');
	const asked = readRollupDownload(event.url.searchParams);
	if (!asked.ok) error(400, asked.error);
	const today = todayInUk();
	const csv = await report.rollupTableCsvOf(organisationId, asked.table, {
		today,
		years: asked.years
	});
	return csvResponse(csv, rollupFileName(asked, today));
};
