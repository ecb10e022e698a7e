import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { authorise } from '$lib/server/auth/guard';
import { recordNotFound } from '$lib/server/web/record';
import { fileResponse } from '$lib/server/web/governance-files';
import { todayInUk } from '$lib/domain/dates';
import { readSharedAttachment } from '$lib/server/services/governance-papers';

/**
 * A shared service's plan, downloaded by one of its partners. Not a partner today: the audited 404
 * of another organisation's record; a restricted security policy (held by the shared service), or
 * a document that is not the shared service's, the same; a version with no file, a plain 404.
 */
export const GET: RequestHandler = async (event) => {
	const { actor } = await authorise(event, 'governance:read');
	const sharedId = Number(event.params.id);
	const documentId = Number(event.params.doc);
	const read = await readSharedAttachment(
		actor,
		sharedId,
		documentId,
		Number(event.params.n),
		todayInUk()
	);
	if (read.ok) return fileResponse(read.file);
	if (read.reason === 'not-partner') return recordNotFound(event, 'organisation', sharedId);
	// A restricted policy, or another organisation's document: the 404 audited as a denied access.
	if (read.reason === 'restricted' || read.reason === 'not-found')
		return recordNotFound(event, 'governance_document', documentId);
	error(404, 'Not found');
};
