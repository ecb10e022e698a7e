import type { RequestHandler } from './$types';
import { authorise } from '$lib/server/auth/guard';
import { idParam } from '$lib/server/web/http';
import { db } from '$lib/server/db/database';
import { xlsxFileName, xlsxResponse } from '$lib/server/web/xlsx-response';
import { statementFor } from '$lib/server/web/recharge-statement-pages';
import { contentOf } from '$lib/server/services/recharge-statement-views';
import { statementFileStem, statementSheets } from '$lib/domain/recharges';
import { csvFileName } from '$lib/domain/csv/write';
import { todayInUk } from '$lib/domain/dates';

/** The statement as an Excel workbook: its lines and its totals by cost centre, money as numbers. */
export const GET: RequestHandler = async (event) => {
	const auth = await authorise(event, 'governance:read');
	const { row } = await statementFor(event, auth, idParam(event.params.id));
	const content = await contentOf(db(), row);
	return xlsxResponse(
		statementSheets(content, row.contentHash),
		xlsxFileName(csvFileName(statementFileStem(content), todayInUk()))
	);
};
