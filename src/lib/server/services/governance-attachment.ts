/**
 * A governance file as stored: a plan version's attachment or a meeting's minutes and papers. The
 * upload has been checked by type and content (domain/governance/documents.ts `checkAttachment`);
 * this fixes its stored type from the checked extension (never the browser's word) and its SHA-256.
 */
import { createHash } from 'node:crypto';
import { ATTACHMENT_TYPES } from '$lib/domain/governance/documents';

export interface Attachment {
	name: string;
	/** The extension `checkAttachment` accepted. */
	ext: string;
	bytes: Uint8Array;
}

export interface StoredAttachment {
	name: string;
	type: string;
	bytes: Buffer;
	sha256: string;
}

/** The file as stored, or null when there is none. */
export function storedAttachment(a: Attachment | null): StoredAttachment | null {
	if (!a) return null;
	const bytes = Buffer.from(a.bytes);
	return {
		name: a.name.slice(0, 200),
		type: ATTACHMENT_TYPES[a.ext]!,
		bytes,
		sha256: createHash('sha256').update(bytes).digest('hex')
	};
}
