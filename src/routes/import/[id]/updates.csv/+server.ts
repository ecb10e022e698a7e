import type { RequestHandler } from './$types';
import { authorise, csvProducedResponse, idParam, notFound } from '$lib/server/http';
import { delimiterFromParam } from '$lib/domain/csv/delimiter';
import { readMappingParams } from '$lib/domain/csv/mapping';
import { readValueMappingParams } from '$lib/domain/csv/value-mapping';
import { readImportChoiceParams } from '$lib/domain/csv/name-choices';
import { UPDATES_CSV_HEADER } from '$lib/domain/csv/update-diff';
import * as importService from '$lib/server/services/imports';
import * as imports from '$lib/server/repos/imports';
import { db } from '$lib/server/database';
import { sheetFromParam } from '$lib/domain/csv/xlsx-values';

const exists = (organisationId: number, id: number) => imports.uploadExistsElsewhere(db(), organisationId, id);

/** Every existing system the import would change, one line per field with its whole before and after (the page shows the first 200 systems). */
export const GET: RequestHandler = async (event) => {
	const { actor } = await authorise(event, 'catalogue:write');
	const id = idParam(event.params.id);
	const options = { delimiter: delimiterFromParam(event.url.searchParams.get('delimiter')), sheet: sheetFromParam(event.url.searchParams.get('sheet')), mapping: readMappingParams(event.url.searchParams), values: readValueMappingParams(event.url.searchParams), ...readImportChoiceParams(event.url.searchParams) };
	// Written as the file is planned, a slice at a time: the lines of 100,000 updates are never all held.
	const produce = await importService.updatedSystemsCsv(actor, id, options);
	if (!produce) return notFound(event, 'import', id, exists);
	return csvProducedResponse([...UPDATES_CSV_HEADER], 'updated-systems.csv', produce);
};
