import type { RequestHandler } from './$types';
import { authorise, csvStreamResponse, idParam, notFound } from '$lib/server/http';
import { readSystemImportOptions } from '$lib/domain/csv/preview-options';
import { UPDATES_CSV_HEADER } from '$lib/domain/csv/update-diff';
import * as importService from '$lib/server/services/imports';
import * as imports from '$lib/server/repos/imports';
import { db } from '$lib/server/database';

const exists = (organisationId: number, id: number) => imports.uploadExistsElsewhere(db(), organisationId, id);

/** Every existing system the import would change, one line per field with its whole before and after (the page shows the first 200 systems). */
export const GET: RequestHandler = async (event) => {
	const { actor } = await authorise(event, 'catalogue:write');
	const id = idParam(event.params.id);
	const options = readSystemImportOptions(event.url.searchParams);
	const lines = await importService.updatedSystemsCsv(actor, id, options);
	if (!lines) return notFound(event, 'import', id, exists);
	return csvStreamResponse([...UPDATES_CSV_HEADER], lines, 'updated-systems.csv');
};
