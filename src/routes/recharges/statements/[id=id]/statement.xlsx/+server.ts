import type { RequestHandler } from './$types';
import { authorise } from '$lib/server/auth/guard';
import { idParam } from '$lib/server/web/http';
import { statementFor } from '$lib/server/web/recharge-statement-pages';
import { statementXlsxDownload } from '$lib/server/web/recharge-statement-xlsx';

/** The statement as an Excel workbook: its lines and its totals by cost centre, money as numbers, streamed. */
export const GET: RequestHandler = async (event) => {
	const auth = await authorise(event, 'governance:read');
	const { row } = await statementFor(event, auth, idParam(event.params.id));
	return statementXlsxDownload(row);
};
