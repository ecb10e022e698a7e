import type { RequestHandler } from './$types';
import { authorise, csvStreamResponse, idParam } from '$lib/server/http';
import { recordNotFound } from '$lib/server/web/record';
import { db } from '$lib/server/database';
import * as results from '$lib/server/repos/import-results';

/** Every record the import created or updated (the page shows the first 200). */
export const GET: RequestHandler = async (event) => {
	const { organisationId } = await authorise(event, 'catalogue:write');
	const id = idParam(event.params.id);
	const summary = await results.importSummary(db(), organisationId, id);
	if (!summary) return recordNotFound(event, 'import result', id);
	const records = await results.importedRecords(db(), organisationId, summary, 1_000_000);
	const what = summary.kind === 'cost lines' ? 'Cost line' : 'System';
	return csvStreamResponse(['Change', what, 'System id'], records.map((r) => [r.action === 'create' ? 'Created' : 'Updated', r.name, r.systemId]), `import-${id}-changes.csv`);
};
