import type { PageServerLoad } from './$types';
import { authorise } from '$lib/server/auth/guard';
import { recordNotFound } from '$lib/server/web/record';
import { db } from '$lib/server/db/database';
import * as results from '$lib/server/repos/import-results';

/** The page lists this many records; the CSV beside it has them all. */
const SHOWN = 200;

/** What a committed import (systems or cost lines) created and updated, read from the audit trail it wrote. */
export const load: PageServerLoad = async (event) => {
	const { organisationId } = await authorise(event, 'catalogue:write');
	const id = Number(event.params.id);
	const summary = await results.importSummary(db(), organisationId, id);
	if (!summary) return recordNotFound(event, 'import result', id);
	const records = await results.importedRecords(db(), organisationId, summary, SHOWN);
	const { auditId, at, actor, kind, fileName, sha256, counts } = summary;
	return {
		summary: { auditId, at, actor, kind, fileName, sha256, counts },
		records,
		more: summary.counts.create + summary.counts.update > records.length
	};
};
