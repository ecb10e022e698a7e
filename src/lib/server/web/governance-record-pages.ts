/**
 * Actions that record governance: a document and its versions, approval at a meeting, a recovery
 * test, a person of the register (meetings: governance-meeting-pages.ts). Parse with the domain parser, call the service, answer
 * `fail(400, { values, errors })` (nothing saved) or redirect.
 */
import { fail, type RequestEvent } from '@sveltejs/kit';
import { redirectWithSuccess } from './flash';
import { wholeNumberField } from './http';
import { readUpload } from './governance-files';
import type { Actor } from '../services/actor';
import * as documentService from '../services/governance-documents';
import * as recoveryService from '../services/governance-recovery';
import * as draftService from '../services/governance-drafts';
import * as documents from '../repos/governance-documents';
import { db } from '../db/database';
import { answerSave, readVersion, refuse } from './versioned-save';
import type { FieldErrors } from '$lib/domain/systems';
import { text, refuseUnsafeText } from '$lib/domain/forms';
import {
	parseApprovalForm,
	parseDocumentForm,
	parseTestForm,
	parseVersionForm,
	DRAFT_FIELDS,
	DRAFT_LABELS,
	draftValues,
	readApprovalForm,
	readDocumentForm,
	readTestForm
} from '$lib/domain/governance/forms';

export async function createDocument(event: RequestEvent, actor: Actor) {
	const form = await event.request.formData();
	const values = readDocumentForm(form);
	const parsed = parseDocumentForm(values);
	const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
	const attachment = await readUpload(form, errors);
	if (!parsed.ok || Object.keys(errors).length > 0) return fail(400, { values, errors });
	const result = await documentService.createDocument(actor, parsed.value, attachment);
	if (!result.ok) return fail(400, { values, errors: result.errors });
	redirectWithSuccess(
		event,
		`/governance/documents/${result.documentId}`,
		`Saved: ${parsed.value.title}, version 1 (draft).`
	);
}

export async function addVersion(event: RequestEvent, actor: Actor, documentId: number) {
	const form = await event.request.formData();
	const values = readDocumentForm(form);
	const parsed = parseVersionForm(values);
	const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
	const attachment = await readUpload(form, errors);
	if (!parsed.ok || Object.keys(errors).length > 0)
		return fail(400, { form: 'version', values, errors });
	const result = await documentService.addVersion(actor, documentId, parsed.value, attachment);
	if (!result.ok)
		return fail('reason' in result ? 404 : 400, {
			form: 'version',
			values,
			errors: 'errors' in result ? result.errors : { summary: 'The document is no longer there' }
		});
	redirectWithSuccess(event, `/governance/documents/${documentId}`, 'New draft version saved.');
}

/**
 * Saves a draft version in place, from the version its form was opened at, through the one
 * versioned-save path: done redirects with the banner; invalid is a 400; an approved (frozen)
 * version a 403; someone else's save in between a 409 showing what they changed.
 */
export async function editDraft(event: RequestEvent, actor: Actor, documentId: number) {
	const form = await event.request.formData();
	const versionId = wholeNumberField(form, 'versionId') ?? -1;
	const posted = {
		values: readDocumentForm(form),
		...readVersion(form, DRAFT_FIELDS),
		recordId: versionId,
		action: 'editDraft'
	};
	const parsed = parseVersionForm(posted.values);
	const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
	const attachment = await readUpload(form, errors);
	if (!parsed.ok || Object.keys(errors).length > 0) return refuse(posted, errors);
	const result = await draftService.updateDraft(
		actor,
		documentId,
		versionId,
		posted.version,
		parsed.value,
		attachment
	);
	const names = new Map(
		(await documents.listPeople(db(), actor.organisationId)).map((p) => [p.id, p.name])
	);
	return answerSave(event, result, posted, {
		record: { kind: 'governance_document', id: documentId },
		done: () => ({ to: `/governance/documents/${documentId}`, message: 'Draft saved.' }),
		forbiddenField: 'summary',
		conflict: {
			fields: DRAFT_FIELDS,
			labels: DRAFT_LABELS,
			saved: (current) => current.values,
			yours: (v) =>
				draftValues({
					summary: v.summary,
					linkUrl: v.linkUrl || null,
					authorNames: v.authorIds.map((id) => names.get(id) ?? ''),
					attachmentName: attachment?.name ?? posted.original?.attachment ?? null
				})
		}
	});
}

export async function approveVersion(event: RequestEvent, actor: Actor, documentId: number) {
	const form = await event.request.formData();
	const values = readApprovalForm(form);
	const versionId = wholeNumberField(form, 'versionId');
	const parsed = parseApprovalForm(values);
	if (!parsed.ok || versionId == null)
		return fail(400, {
			form: 'approve',
			values,
			errors: parsed.ok ? { meetingId: 'Choose the version to approve' } : parsed.errors
		});
	const result = await documentService.approveVersion(actor, versionId, parsed.value);
	if (!result.ok) return fail(400, { form: 'approve', values, errors: result.errors });
	redirectWithSuccess(event, `/governance/documents/${documentId}`, 'Version approved and frozen.');
}

export async function recordTest(
	event: RequestEvent,
	actor: Actor,
	versionId: number,
	documentId: number,
	systemIds: readonly number[]
) {
	const form = await event.request.formData();
	const values = readTestForm(form, systemIds);
	const parsed = parseTestForm(values);
	if (!parsed.ok) return fail(400, { values, errors: parsed.errors });
	const result = await recoveryService.recordTest(actor, versionId, parsed.value);
	if (!result.ok)
		return fail(400, {
			values,
			errors:
				'errors' in result ? result.errors : { testType: 'The plan version is no longer there' }
		});
	const said =
		result.breaches > 0
			? ` ${result.breaches} ${result.breaches === 1 ? 'system' : 'systems'} missed the RTO.`
			: '';
	redirectWithSuccess(
		event,
		`/governance/tests/${result.testId}`,
		`Recovery test recorded.${said}`
	);
	void documentId;
}

/** Adds someone who writes or tests plans. */
export async function addPerson(event: RequestEvent, actor: Actor) {
	const form = await event.request.formData();
	const values = { name: text(form, 'name'), jobTitle: text(form, 'jobTitle') };
	const errors: FieldErrors = {};
	refuseUnsafeText(errors, values, { name: 'Name', jobTitle: 'Job title' }, [], {
		name: 200,
		jobTitle: 200
	});
	if (values.name === '' && !errors.name) errors.name = "Enter the person's name";
	if (Object.keys(errors).length > 0) return fail(400, { form: 'person', values, errors });
	const result = await documentService.addPerson(actor, values);
	if (!result.ok) return fail(400, { form: 'person', values, errors: result.errors });
	redirectWithSuccess(event, '/governance/documents#people', `${values.name} added.`);
}
