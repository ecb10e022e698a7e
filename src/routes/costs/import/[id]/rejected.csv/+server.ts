import type { RequestHandler } from './$types';
import { authorise, csvStreamResponse, idParam, notFound } from '$lib/server/http';
import { readCostImportOptions } from '$lib/domain/csv/preview-options';
import * as costImport from '$lib/server/services/cost-import';
import * as imports from '$lib/server/repos/imports';
import { db } from '$lib/server/database';

const exists = (organisationId: number, id: number) => imports.uploadExistsElsewhere(db(), organisationId, id);

/** The rows the cost line import would reject, as the file had them, with a first column saying why. */
export const GET: RequestHandler = async (event) => {
	const { actor } = await authorise(event, 'catalogue:write');
	const id = idParam(event.params.id);
	const rejected = await costImport.rejectedCostRows(actor, id, readCostImportOptions(event.url.searchParams));
	if (!rejected) return notFound(event, 'import', id, exists);
	return csvStreamResponse(['Row in your file', 'System', 'Why it was rejected', ...rejected.headings], rejected.rows.map((r) => [r.row, r.name, r.reasons, ...r.cells]), 'rejected-cost-lines.csv');
};
