import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { authorise } from '$lib/server/auth/guard';
import { recordNotFound } from '$lib/server/web/record';
import { fileResponse } from '$lib/server/web/governance-files';
import { todayInUk } from '$lib/domain/dates';
import { readSharedAttachment } from '$lib/server/services/governance-papers';

/**
 * A shared service's plan, downloaded by one of its partners. Not a partner today: the audited 404
 * of another organisation's record; a restricted security policy (held by the shared service) the
 * same; no such file, a plain 404.
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
	if (read.reason === 'restricted') return recordNotFound(event, 'governance_document', documentId);
	error(404, 'Not found');
};
