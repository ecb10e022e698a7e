import type { RequestHandler } from './$types';
import { authorise } from '$lib/server/auth/guard';
import { csvStreamResponse } from '$lib/server/web/csv-response';
import { recordNotFound } from '$lib/server/web/record';
import { db } from '$lib/server/db/database';
import * as results from '$lib/server/repos/import-results';

/** Every record the import created or updated (the page shows the first 200). */
export const GET: RequestHandler = async (event) => {
	const { organisationId } = await authorise(event, 'catalogue:write');
	const id = Number(event.params.id);
	const summary = await results.importSummary(db(), organisationId, id);
	if (!summary) return recordNotFound(event, 'import result', id);
	const records = await results.importedRecords(db(), organisationId, summary, 1_000_000);
	const what = summary.kind === 'cost lines' ? 'Cost line' : 'System';
	return csvStreamResponse(
		['Change', what, 'System id'],
		records.map((r) => [r.action === 'create' ? 'Created' : 'Updated', r.name, r.systemId]),
		`import-${id}-changes.csv`
	);
};
