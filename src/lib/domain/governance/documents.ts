/**
 * Governance documents: business continuity plans, disaster recovery plans and security policies,
 * each a series of versions. A version is a draft until a decision approves it; then it is frozen
 * (content hash, and database triggers refuse any change). 'Superseded' is never stored: an approved
 * version is superseded when a later version of the same document has been approved, so approving
 * the next version never has to touch a frozen row.
 */
import { addMonths } from '../dates';

export const DOCUMENT_KINDS = [
	'business_continuity',
	'disaster_recovery',
	'security_policy'
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const DOCUMENT_KIND_LABEL: Record<DocumentKind, string> = {
	business_continuity: 'Business continuity plan',
	disaster_recovery: 'Disaster recovery plan',
	security_policy: 'Security policy'
};

export const DOCUMENT_SCOPES = ['organisation', 'service', 'systems'] as const;
export type DocumentScope = (typeof DOCUMENT_SCOPES)[number];
export const DOCUMENT_SCOPE_LABEL: Record<DocumentScope, string> = {
	organisation: 'The whole organisation',
	service: 'A service',
	systems: 'A set of systems'
};

/** What a version is stored as; 'superseded' is worked out from the later approvals. */
export const STORED_STATUSES = ['draft', 'approved'] as const;
export type StoredStatus = (typeof STORED_STATUSES)[number];
export type VersionStatus = 'draft' | 'approved' | 'superseded';
export const VERSION_STATUS_LABEL: Record<VersionStatus, string> = {
	draft: 'Draft',
	approved: 'Approved',
	superseded: 'Superseded'
};

/** Months between approval and the default review-by date. */
export const DEFAULT_REVIEW_MONTHS = 12;

export function defaultReviewBy(approvedOn: string): string {
	return addMonths(approvedOn, DEFAULT_REVIEW_MONTHS);
}

/** Each version's status as shown: the latest approved one is approved, earlier approved ones superseded. */
export function versionStatuses<V extends { number: number; status: StoredStatus }>(
	versions: readonly V[]
): Map<number, VersionStatus> {
	const latestApproved = Math.max(
		0,
		...versions.filter((v) => v.status === 'approved').map((v) => v.number)
	);
	return new Map(
		versions.map((v) => [
			v.number,
			v.status === 'draft' ? 'draft' : v.number === latestApproved ? 'approved' : 'superseded'
		])
	);
}

/** Whether a review-by date has passed on `today`. */
export const isOverdue = (reviewBy: string | null, today: string) =>
	reviewBy != null && reviewBy < today;

/** What is hashed when a version is approved: everything a reader relies on, the attachment by its SHA-256. */
export interface FrozenVersion {
	documentId: number;
	kind: DocumentKind;
	title: string;
	number: number;
	summary: string;
	linkUrl: string | null;
	attachmentSha256: string | null;
	/** Ids, not names: a corrected spelling must not break the hash. */
	authorPersonIds: number[];
	reviewBy: string;
	approvedOn: string;
	decisionId: number;
}

/** Attachments: documents only, never anything a browser would run. PDF, Word, OpenDocument text, plain text. */
export const ATTACHMENT_TYPES: Record<string, string> = {
	pdf: 'application/pdf',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	odt: 'application/vnd.oasis.opendocument.text',
	txt: 'text/plain'
};
/** Every form but the two spreadsheet uploads is held to 1 MB a request, envelope included: a larger document is given as a link. */
export const MAX_ATTACHMENT_BYTES = 900 * 1024;

/**
 * Whether the bytes are a document of an accepted type, judged by extension AND content (a PDF
 * starts '%PDF-', Word and OpenDocument files are zips, text is valid UTF-8 without markup's
 * opening). Returns the extension, or the reason it is refused.
 */
export function checkAttachment(
	fileName: string,
	bytes: Uint8Array
): { ok: true; ext: string } | { ok: false; reason: string } {
	const ext = /\.([a-z0-9]{1,5})$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
	const allowed = 'a PDF, Word (.docx), OpenDocument (.odt) or text (.txt) file';
	if (!(ext in ATTACHMENT_TYPES)) return { ok: false, reason: `The attachment must be ${allowed}` };
	if (bytes.length === 0) return { ok: false, reason: 'The attachment is empty' };
	if (bytes.length > MAX_ATTACHMENT_BYTES)
		return {
			ok: false,
			reason: 'The attachment must be 900 KB or smaller: give a link to a larger document instead'
		};
	const head = new TextDecoder('latin1').decode(bytes.subarray(0, 8));
	if (ext === 'pdf' && !head.startsWith('%PDF-'))
		return {
			ok: false,
			reason: `The attachment is not a PDF, whatever its name says: it must be ${allowed}`
		};
	if ((ext === 'docx' || ext === 'odt') && !head.startsWith('PK\u0003\u0004'))
		return { ok: false, reason: `The attachment is not a ${ext} document: it must be ${allowed}` };
	if (ext === 'txt') {
		let textContent: string;
		try {
			textContent = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, 65_536));
		} catch {
			return { ok: false, reason: 'The text attachment is not UTF-8 text' };
		}
		if (/<\s*(html|script|svg|!doctype|iframe)/i.test(textContent))
			return { ok: false, reason: `The attachment looks like a web page: it must be ${allowed}` };
	}
	return { ok: true, ext };
}

/** A link must be https (or http) to a named host: never javascript:, data: or a relative path. */
export function checkLink(url: string): string | null {
	if (url === '') return null;
	try {
		const u = new URL(url);
		if (u.protocol !== 'https:' && u.protocol !== 'http:')
			return 'Link must start https:// (a web address)';
		return null;
	} catch {
		return 'Link must be a full web address, like https://intranet.example.gov.uk/plan.pdf';
	}
}
