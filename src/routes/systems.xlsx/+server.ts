import type { RequestHandler } from './$types';
import { db } from '$lib/server/db/database';
import { authorise } from '$lib/server/auth/guard';
import { xlsxFileName, xlsxResponse } from '$lib/server/web/xlsx-response';
import { parseSystemQuery } from '$lib/domain/systems';
import { systemsSheet } from '$lib/domain/xlsx/tables';
import { csvFileName } from '$lib/domain/csv/write';
import { todayInUk } from '$lib/domain/dates';
import * as systems from '$lib/server/repos/systems';

/** The systems list as an Excel workbook: the same query string and rows as /systems.csv, with number and date cells. */
export const GET: RequestHandler = async (event) => {
	const { organisationId } = await authorise(event, 'catalogue:read');
	const rows = await systems.exportSystems(
		db(),
		organisationId,
		parseSystemQuery(event.url.searchParams)
	);
	return xlsxResponse([systemsSheet(rows)], xlsxFileName(csvFileName('systems', todayInUk())));
};
