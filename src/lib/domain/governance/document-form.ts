/** The plan and policy forms: a document with its first version, a new version, approval at a meeting. */
import { refuseUnsafeText, text } from '../forms/form-text';
import type { FieldErrors, Parsed } from '../systems/review';
import {
	DOCUMENT_KINDS,
	DOCUMENT_SCOPES,
	checkLink,
	type DocumentKind,
	type DocumentScope
} from './documents';
import { oneOf, ids, date } from './form-fields';

export const DOCUMENT_LABELS = {
	kind: 'Type of document',
	title: 'Title',
	scope: 'What it covers',
	serviceName: 'Service covered',
	summary: 'Summary of this version',
	linkUrl: 'Link to the document'
} as const;
export type DocumentValues = Record<keyof typeof DOCUMENT_LABELS, string> & {
	restricted: boolean;
	systemIds: number[];
	authorIds: number[];
};
export interface DocumentInput {
	kind: DocumentKind;
	title: string;
	scope: DocumentScope;
	serviceName: string;
	restricted: boolean;
	systemIds: number[];
}
export interface VersionInput {
	summary: string;
	linkUrl: string | null;
	authorIds: number[];
}

export function readDocumentForm(form: FormData): DocumentValues {
	const v = Object.fromEntries(
		Object.keys(DOCUMENT_LABELS).map((k) => [k, text(form, k)])
	) as Record<keyof typeof DOCUMENT_LABELS, string>;
	return {
		...v,
		restricted: text(form, 'restricted') === 'yes',
		systemIds: ids(form, 'systemIds'),
		authorIds: ids(form, 'authorIds')
	};
}

/** The version part alone: a new version of an existing document. */
export function parseVersionForm(
	values: DocumentValues,
	errors: FieldErrors = {}
): Parsed<VersionInput, DocumentValues> {
	refuseUnsafeText(
		errors,
		values,
		{ summary: DOCUMENT_LABELS.summary, linkUrl: DOCUMENT_LABELS.linkUrl },
		['summary'],
		{ linkUrl: 2000 }
	);
	if (!errors.linkUrl) {
		const linkProblem = checkLink(values.linkUrl);
		if (linkProblem) errors.linkUrl = linkProblem;
	}
	if (values.authorIds.length === 0)
		errors.authorIds = 'Choose at least one author of this version';
	if (Object.keys(errors).length > 0) return { ok: false, values, errors };
	return {
		ok: true,
		value: { summary: values.summary, linkUrl: values.linkUrl || null, authorIds: values.authorIds }
	};
}

export function parseDocumentForm(
	values: DocumentValues
): Parsed<DocumentInput & VersionInput, DocumentValues> {
	const errors: FieldErrors = {};
	refuseUnsafeText(
		errors,
		values,
		{ title: DOCUMENT_LABELS.title, serviceName: DOCUMENT_LABELS.serviceName },
		[],
		{ title: 200, serviceName: 200 }
	);
	if (!oneOf(DOCUMENT_KINDS, values.kind)) errors.kind = 'Choose the type of document';
	if (values.title === '' && !errors.title) errors.title = 'Enter a title';
	if (!oneOf(DOCUMENT_SCOPES, values.scope)) errors.scope = 'Choose what the document covers';
	if (values.scope === 'service' && values.serviceName === '' && !errors.serviceName)
		errors.serviceName = 'Enter the service the document covers';
	if (values.scope === 'systems' && values.systemIds.length === 0)
		errors.systemIds = 'Choose the systems the document covers';
	const version = parseVersionForm(values, errors);
	if (!version.ok) return version;
	const scope = values.scope as DocumentScope;
	return {
		ok: true,
		value: {
			kind: values.kind as DocumentKind,
			title: values.title,
			scope,
			serviceName: scope === 'service' ? values.serviceName : '',
			restricted: values.restricted && values.kind === 'security_policy',
			systemIds: scope === 'systems' ? values.systemIds : [],
			...version.value
		}
	};
}

export const APPROVAL_LABELS = {
	meetingId: 'Meeting',
	minuteRef: 'Minute reference',
	reviewBy: 'Review by'
} as const;
export type ApprovalValues = Record<keyof typeof APPROVAL_LABELS, string>;

export function readApprovalForm(form: FormData): ApprovalValues {
	return {
		meetingId: text(form, 'meetingId'),
		minuteRef: text(form, 'minuteRef'),
		reviewBy: text(form, 'reviewBy')
	};
}

export function parseApprovalForm(
	values: ApprovalValues
): Parsed<{ meetingId: number; minuteRef: string; reviewBy: string | null }, ApprovalValues> {
	const errors: FieldErrors = {};
	refuseUnsafeText(errors, values, { minuteRef: APPROVAL_LABELS.minuteRef }, [], {
		minuteRef: 100
	});
	if (!/^[1-9]\d{0,15}$/.test(values.meetingId))
		errors.meetingId = 'Choose the meeting that approved it';
	if (values.minuteRef === '' && !errors.minuteRef)
		errors.minuteRef = 'Enter the minute reference, like JC/2026/14';
	const reviewBy = date(errors, 'reviewBy', APPROVAL_LABELS.reviewBy, values.reviewBy, false);
	if (Object.keys(errors).length > 0) return { ok: false, values, errors };
	return {
		ok: true,
		value: { meetingId: Number(values.meetingId), minuteRef: values.minuteRef, reviewBy }
	};
}

/** What an edit of a draft version compares on a conflict, each as the form shows it in words. */
export const DRAFT_LABELS = {
	summary: DOCUMENT_LABELS.summary,
	linkUrl: DOCUMENT_LABELS.linkUrl,
	authors: 'Authors of this version',
	attachment: 'The document itself'
} as const;
export type DraftValues = Record<keyof typeof DRAFT_LABELS, string>;
export const DRAFT_FIELDS = Object.keys(DRAFT_LABELS) as (keyof typeof DRAFT_LABELS)[];

/** A draft's values in words: authors by name (sorted), the attachment by its file name. */
export function draftValues(v: {
	summary: string;
	linkUrl: string | null;
	authorNames: readonly string[];
	attachmentName: string | null;
}): DraftValues {
	return {
		summary: v.summary,
		linkUrl: v.linkUrl ?? '',
		authors: [...v.authorNames].sort((a, b) => a.localeCompare(b, 'en-GB')).join(', '),
		attachment: v.attachmentName ?? ''
	};
}
