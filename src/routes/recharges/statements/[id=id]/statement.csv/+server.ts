import type { RequestHandler } from './$types';
import { authorise } from '$lib/server/auth/guard';
import { idParam } from '$lib/server/web/http';
import { csvResponse } from '$lib/server/web/csv-response';
import { statementFor } from '$lib/server/web/recharge-statement-pages';
import { statementCsv, statementFileStem } from '$lib/domain/recharges';
import { csvFileName, toCsv } from '$lib/domain/csv/write';
import { todayInUk } from '$lib/domain/dates';

/** The statement's lines as CSV (UTF-8 with a BOM), for whoever may read the statement. */
export const GET: RequestHandler = async (event) => {
	const auth = await authorise(event, 'governance:read');
	const { row, content } = await statementFor(event, auth, idParam(event.params.id));
	const { header, rows } = statementCsv(content, row.contentHash);
	return csvResponse(toCsv(header, rows), csvFileName(statementFileStem(content), todayInUk()));
};
