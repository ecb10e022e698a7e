import type { RequestHandler } from './$types';
import { authorise, csvStreamResponse, idParam, notFound } from '$lib/server/http';
import { readSystemImportOptions } from '$lib/domain/csv/preview-options';
import * as importService from '$lib/server/services/imports';
import * as imports from '$lib/server/repos/imports';
import { db } from '$lib/server/database';

const exists = (organisationId: number, id: number) => imports.uploadExistsElsewhere(db(), organisationId, id);

/** The rows the import would reject, as the file had them, with first columns naming the system and saying why (every reason). */
export const GET: RequestHandler = async (event) => {
	const { actor } = await authorise(event, 'catalogue:write');
	const id = idParam(event.params.id);
	const options = readSystemImportOptions(event.url.searchParams);
	const rejected = await importService.rejectedRows(actor, id, options);
	if (!rejected) return notFound(event, 'import', id, exists);
	return csvStreamResponse(['Row in your file', 'System', 'Why it was rejected', ...rejected.headings], rejected.rows.map((r) => [r.row, r.name, r.reasons, ...r.cells]), 'rejected-rows.csv');
};
