import type { RequestHandler } from './$types';
import { authorise } from '$lib/server/auth/guard';
import { csvStreamResponse } from '$lib/server/web/csv-response';
import { readSystemImportOptions } from '$lib/domain/csv/preview-options';
import { recordNotFound } from '$lib/server/web/record';
import * as importService from '$lib/server/services/imports';

/** The rows the import would reject, as the file had them, with first columns naming the system and saying why (every reason). */
export const GET: RequestHandler = async (event) => {
	const { actor } = await authorise(event, 'catalogue:write');
	const id = Number(event.params.id);
	const options = readSystemImportOptions(event.url.searchParams);
	const rejected = await importService.rejectedRows(actor, id, options);
	if (!rejected) return recordNotFound(event, 'import', id);
	return csvStreamResponse(
		['Row in your file', 'System', 'Why it was rejected', ...rejected.headings],
		rejected.rows.map((r) => [r.row, r.name, r.reasons, ...r.cells]),
		'rejected-rows.csv'
	);
};
