import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { authorise } from '$lib/server/auth/guard';
import { csvResponse } from '$lib/server/web/csv-response';
import { csvFileName } from '$lib/domain/csv/write';
import { todayInUk } from '$lib/domain/dates';
import { ROLLUP_TABLE_IDS, parseRollupTableId, parseWholeLifeYears } from '$lib/domain/rollups';
import * as report from '$lib/server/services/rollup-report';

/** One `/rollups` table as CSV: `?table=cost-by-workstream`, ..., and `&years=` for the whole-life period. */
export const GET: RequestHandler = async (event) => {
	const { organisationId } = await authorise(event, 'catalogue:read');
	const table = parseRollupTableId(event.url.searchParams.get('table'));
	if (table == null) error(400, `Choose a table: table=${ROLLUP_TABLE_IDS.join(', table=')}`);
	const years = parseWholeLifeYears(event.url.searchParams.get('years'));
	if (!years.ok) error(400, years.error);
	const today = todayInUk();
	const csv = await report.rollupTableCsvOf(organisationId, table, { today, years: years.years });
	return csvResponse(csv, csvFileName(table === 'whole-life' ? `whole-life-${years.years}-years` : table, today));
};
