import type { RequestHandler } from './$types';
import { authorise } from '$lib/server/auth/guard';
import { idParam } from '$lib/server/web/http';
import { statementCsvDownload } from '$lib/server/web/recharge-statement-pages';

/** The statement's lines as CSV (UTF-8 with a BOM), streamed a batch at a time, for whoever may read the statement. */
export const GET: RequestHandler = async (event) =>
	statementCsvDownload(event, await authorise(event, 'governance:read'), idParam(event.params.id));
