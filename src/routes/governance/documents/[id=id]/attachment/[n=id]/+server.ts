import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/db/database';
import { authorise } from '$lib/server/auth/guard';
import { recordNotFound } from '$lib/server/web/record';
import { fileResponse } from '$lib/server/web/governance-files';
import * as documents from '$lib/server/repos/governance-documents';
import { readAttachment } from '$lib/server/services/governance-documents';

/** A version's attached document, always as a download (a restricted policy's download is audited). */
export const GET: RequestHandler = async (event) => {
	const { actor, organisationId } = await authorise(event, 'governance:read');
	const id = Number(event.params.id);
	const number = Number(event.params.n);
	if (!(await documents.getDocument(db(), organisationId, id)))
		return recordNotFound(event, 'governance_document', id);
	const version = (await documents.listVersions(db(), organisationId, id)).find(
		(v) => v.number === number
	);
	const file = version && (await readAttachment(actor, version.id));
	if (!file) error(404, 'Not found');
	return fileResponse({ name: file.name, type: file.type, bytes: file.bytes! });
};
