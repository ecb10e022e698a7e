import type { PageServerLoad } from './$types';
import { authorise, notFound } from '$lib/server/auth/guard';
import { db } from '$lib/server/db/database';
import * as results from '$lib/server/repos/import-results';

/** The page lists this many records; the CSV beside it has them all. */
const SHOWN = 200;

const exists = (organisationId: number, id: number) => results.importAuditExistsElsewhere(db(), organisationId, id);

/** What a committed import (systems or cost lines) created and updated, read from the audit trail it wrote. */
export const load: PageServerLoad = async (event) => {
	const { organisationId } = await authorise(event, 'catalogue:write');
	const id = Number(event.params.id);
	const summary = await results.importSummary(db(), organisationId, id);
	if (!summary) return notFound(event, 'import result', id, exists);
	const records = await results.importedRecords(db(), organisationId, summary, SHOWN);
	const { auditId, at, actor, kind, fileName, sha256, counts } = summary;
	return { summary: { auditId, at, actor, kind, fileName, sha256, counts }, records, more: summary.counts.create + summary.counts.update > records.length };
};
