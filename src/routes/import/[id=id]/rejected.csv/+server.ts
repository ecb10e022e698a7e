import type { RequestHandler } from './$types';
import { authorise } from '$lib/server/auth/guard';
import { csvStreamResponse } from '$lib/server/web/csv-response';
import { recordNotFound } from '$lib/server/web/record';
import { delimiterFromParam } from '$lib/domain/csv/delimiter';
import { sheetFromParam } from '$lib/domain/csv/xlsx-values';
import { readMappingParams } from '$lib/domain/csv/mapping';
import { readValueMappingParams } from '$lib/domain/csv/value-mapping';
import { readImportChoiceParams } from '$lib/domain/csv/name-choices';
import * as importService from '$lib/server/services/imports';
import * as imports from '$lib/server/repos/imports';

/** The rows the import would reject, as the file had them, with first columns naming the system and saying why (every reason). */
export const GET: RequestHandler = async (event) => {
	const { actor } = await authorise(event, 'catalogue:write');
	const id = Number(event.params.id);
	const options = { delimiter: delimiterFromParam(event.url.searchParams.get('delimiter')), sheet: sheetFromParam(event.url.searchParams.get('sheet')), mapping: readMappingParams(event.url.searchParams), values: readValueMappingParams(event.url.searchParams), ...readImportChoiceParams(event.url.searchParams) };
	const rejected = await importService.rejectedRows(actor, id, options);
	if (!rejected) return recordNotFound(event, 'import', id);
	return csvStreamResponse(['Row in your file', 'System', 'Why it was rejected', ...rejected.headings], rejected.rows.map((r) => [r.row, r.name, r.reasons, ...r.cells]), 'rejected-rows.csv');
};
