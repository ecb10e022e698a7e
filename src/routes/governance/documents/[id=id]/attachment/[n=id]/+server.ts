import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/db/database';
import { authorise } from '$lib/server/auth/guard';
import { recordNotFound } from '$lib/server/web/record';
import * as documents from '$lib/server/repos/governance-documents';
import { readAttachment } from '$lib/server/services/governance-documents';

/**
 * A version's attached document, always as a download (never shown inline, so a file that is not
 * what it says can never run as a page here), with its checked type and a sandboxing policy.
 */
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
	const safeName = (file.name ?? 'document').replace(/[^A-Za-z0-9._ -]+/g, '_').slice(0, 150);
	return new Response(new Uint8Array(file.bytes!), {
		headers: {
			'content-type':
				file.type === 'text/plain'
					? 'text/plain; charset=utf-8'
					: (file.type ?? 'application/octet-stream'),
			'content-disposition': `attachment; filename="${safeName}"`,
			'x-content-type-options': 'nosniff',
			'content-security-policy': "default-src 'none'; sandbox",
			'cache-control': 'no-store'
		}
	});
};
