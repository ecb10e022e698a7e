import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { authorise } from '$lib/server/auth/guard';
import { xlsxFileName, xlsxResponse } from '$lib/server/web/xlsx-response';
import { csvFileName } from '$lib/domain/csv/write';
import { todayInUk } from '$lib/domain/dates';
import { ROLLUP_TABLE_IDS, parseRollupTableId, parseWholeLifeYears } from '$lib/domain/rollups';
import { rollupTableSheet } from '$lib/domain/xlsx/tables';
import * as report from '$lib/server/services/rollup-report';

/** One `/rollups` table as an Excel workbook: the same parameters and figures as /rollups.csv, with number and date cells. */
export const GET: RequestHandler = async (event) => {
	const { organisationId } = await authorise(event, 'catalogue:read');
	const table = parseRollupTableId(event.url.searchParams.get('table'));
	if (table == null) error(400, `Choose a table: table=${ROLLUP_TABLE_IDS.join(', table=')}`);
	const years = parseWholeLifeYears(event.url.searchParams.get('years'));
	if (!years.ok) error(400, years.error);
	const today = todayInUk();
	const model = await report.rollupTable(organisationId, table, { today, years: years.years });
	return xlsxResponse([rollupTableSheet(model)], xlsxFileName(csvFileName(table === 'whole-life' ? `whole-life-${years.years}-years` : table, today)));
};
