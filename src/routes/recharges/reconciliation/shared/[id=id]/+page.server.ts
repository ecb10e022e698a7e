import type { Actions, PageServerLoad } from './$types';
import { error } from '@sveltejs/kit';
import { db } from '$lib/server/db/database';
import { authorise } from '$lib/server/auth/guard';
import { recordNotFound } from '$lib/server/web/record';
import { queryId } from '$lib/server/web/http';
import { can } from '$lib/domain/permissions';
import { readLedgerImportOptions } from '$lib/domain/csv/preview-options';
import * as organisations from '$lib/server/repos/organisations';
import { importMaxBytes } from '$lib/server/services/import-upload';
import { previewLedger } from '$lib/server/services/ledger-import';
import { linesBehind, reconciliationOf } from '$lib/server/services/reconciliation';
import { readRowLines } from '$lib/domain/recharges';
import { commitLedger, sharedServiceOfPartner, uploadLedger } from '$lib/server/web/ledger-pages';

/**
 * A partner's reconciliation with a shared service it belongs to today: always the caller's own
 * organisation's ledger (never one named in the URL); with ?upload=, the preview of its upload; with
 * ?centre=&year=&spend=, a page of the lines behind one row.
 */
export const load: PageServerLoad = async (event) => {
	const { actor, organisationId, role } = await authorise(event, 'governance:read');
	const sharedId = await sharedServiceOfPartner(event, organisationId);
	const shared = (await organisations.getOrganisation(db(), sharedId)) ?? error(404, 'Not found');
	const uploadId = queryId(event.url, 'upload');
	const preview =
		uploadId == null
			? null
			: ((await previewLedger(
					actor,
					sharedId,
					uploadId,
					readLedgerImportOptions(event.url.searchParams)
				)) ?? (await recordNotFound(event, 'import', uploadId)));
	const listed = readRowLines(event.url.searchParams);
	return {
		shared: { id: shared.id, name: shared.name },
		reconciliation: await reconciliationOf(db(), sharedId, organisationId, 'partner'),
		listed: listed && {
			...listed,
			page: await linesBehind(db(), sharedId, organisationId, listed.row, listed.after)
		},
		canWrite: can(role, 'governance:write'),
		maxMegabytes: Math.round(importMaxBytes() / 1024 / 1024),
		// The page lists the first 500 problems and flagged lines.
		preview: preview && {
			...preview,
			problems: preview.problems.slice(0, 500),
			problemCount: preview.problems.length,
			flagged: preview.flagged.slice(0, 500),
			flaggedCount: preview.flagged.length
		}
	};
};

export const actions: Actions = {
	upload: async (event) => uploadLedger(event, await authorise(event, 'governance:write')),
	commit: async (event) => commitLedger(event, await authorise(event, 'governance:write'))
};
