import type { RequestHandler } from './$types';
import { authorise } from '$lib/server/auth/guard';
import { csvProducedResponse } from '$lib/server/web/csv-response';
import { readSystemImportOptions } from '$lib/domain/csv/preview-options';
import { UPDATES_CSV_HEADER } from '$lib/domain/csv/update-diff';
import * as importService from '$lib/server/services/imports';
import { recordNotFound } from '$lib/server/web/record';

/** Every existing system the import would change, one line per field with its whole before and after (the page shows the first 200 systems). */
export const GET: RequestHandler = async (event) => {
	const { actor } = await authorise(event, 'catalogue:write');
	const id = Number(event.params.id);
	const options = readSystemImportOptions(event.url.searchParams);
	// Written as the file is planned, a slice at a time: the lines of 100,000 updates are never all held.
	const produce = await importService.updatedSystemsCsv(actor, id, options);
	if (!produce) return recordNotFound(event, 'import', id);
	return csvProducedResponse([...UPDATES_CSV_HEADER], 'updated-systems.csv', produce);
};
