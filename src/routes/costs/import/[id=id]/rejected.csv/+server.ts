import type { RequestHandler } from './$types';
import { authorise } from '$lib/server/auth/guard';
import { csvStreamResponse } from '$lib/server/web/csv-response';
import { readCostImportOptions } from '$lib/domain/csv/preview-options';
import { recordNotFound } from '$lib/server/web/record';
import * as costImport from '$lib/server/services/cost-import';

/** The rows the cost line import would reject, as the file had them, with a first column saying why. */
export const GET: RequestHandler = async (event) => {
	const { actor } = await authorise(event, 'catalogue:write');
	const id = Number(event.params.id);
	const rejected = await costImport.rejectedCostRows(
		actor,
		id,
		readCostImportOptions(event.url.searchParams)
	);
	if (!rejected) return recordNotFound(event, 'import', id);
	return csvStreamResponse(
		['Row in your file', 'System', 'Why it was rejected', ...rejected.headings],
		rejected.rows.map((r) => [r.row, r.name, r.reasons, ...r.cells]),
		'rejected-cost-lines.csv'
	);
};
