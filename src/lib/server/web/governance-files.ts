/**
 * Governance files through the web: reading an upload (a plan's attachment, a meeting's minutes or
 * papers), checked by type and content before anything is stored, and sending one back, always as
 * a download: never shown inline, so a file that is not what it says can never run as a page here.
 */
import type { FieldErrors } from '$lib/domain/systems';
import { checkAttachment } from '$lib/domain/governance/documents';
import type { Attachment } from '../services/governance-attachment';

/** The uploaded file in `field`, checked; null when none was chosen (or refused: `errors[field]` says why). */
export async function readUpload(
	form: FormData,
	errors: FieldErrors,
	field = 'attachment'
): Promise<Attachment | null> {
	const file = form.get(field);
	if (!(file instanceof File) || file.size === 0) return null;
	const bytes = new Uint8Array(await file.arrayBuffer());
	const checked = checkAttachment(file.name, bytes);
	if (!checked.ok) {
		errors[field] = checked.reason;
		return null;
	}
	return { name: file.name, ext: checked.ext, bytes };
}

/**
 * The file as a download: its checked type (text as UTF-8), `Content-Disposition: attachment`
 * with a name of safe characters only, nosniff, a sandboxing policy in case a browser renders it
 * anyway, and no caching (a restricted document must not linger in a shared cache).
 */
export function fileResponse(file: {
	name: string | null;
	type: string | null;
	bytes: Uint8Array;
}) {
	const safeName = (file.name ?? 'document').replace(/[^A-Za-z0-9._ -]+/g, '_').slice(0, 150);
	return new Response(new Uint8Array(file.bytes), {
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
}
