/**
 * What the committee report routes share: who reads which version (the service's audience rules),
 * the 404 for a report that is missing, another organisation's, or a draft the reader may not see,
 * and the draft form's save and issue, so each route stays a few lines.
 */
import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { db } from '../db/database';
import { wholeNumberField } from './http';
import { type Authorised } from '../auth/guard';
import * as reportRepo from '../repos/committee-reports';
import * as workstreams from '../repos/workstreams';
import * as reports from '../services/committee-reports';
import { recordNotFound } from './record';
import { refuse, type Posted } from './versioned-save';
import { can, type Role } from '$lib/domain/permissions';
import {
	draftToValues,
	errorsOnRows,
	readDraftForm,
	type FormValues,
	hasUnsavedChanges
} from '$lib/domain/reports';
import { readSeen } from '$lib/domain/hashing';
import { redirectWithSuccess } from './flash';
import { answerButton } from './button-answer';
import type { ReportContent } from '$lib/domain/reports';

/**
 * Officers who write reports see drafts and the full report; every other reader (committee members,
 * and officers who only read) gets the issued report in full, the exempt annex as closed-session
 * papers: the service's 'committee' audience, which never shows a draft.
 */
export const audienceOf = (role: Role): reports.Audience =>
	can(role, 'report:write') ? 'officer' : 'committee';

/** 404 (audited when the report is another organisation's). */
export const reportNotFound = (event: RequestEvent, id: number) =>
	recordNotFound(event, 'committee_report', id);

/** The report as this reader may see it, or a 404. */
export async function reportFor(
	event: RequestEvent,
	auth: Authorised,
	id: number,
	audience: reports.Audience = audienceOf(auth.role)
) {
	const view = await reports.getReport(auth.actor, id, audience);
	return view ?? reportNotFound(event, id);
}

/**
 * A refused draft: the one FormFailure. A conflict (`conflict` set, with no field rows: the report
 * above is the record as saved now) carries the version to resubmit with.
 */
const drafted = (values: FormValues, version: number): Posted<FormValues> => ({
	values,
	version,
	original: null
});
const conflicted = (values: FormValues, version: number, message: string) =>
	fail(409, { ...refuse(drafted(values, version), { form: message }).data, conflict: [] });

/** Saves the officer's parts; errors come back on the fields they were typed in, with everything typed kept. */
export async function saveDraft(event: RequestEvent, auth: Authorised, id: number) {
	const form = await event.request.formData();
	const ids = (await workstreams.listWorkstreams(db(), auth.organisationId)).map((w) => w.id);
	const { values, title, draft, positions } = readDraftForm(form, ids);
	const version = wholeNumberField(form, 'version') ?? -1;
	const result = await reports.updateReportDraft(auth.actor, id, version, { title, draft });
	if (result.ok) redirectWithSuccess(event, `/reports/${id}?saved=1`, 'The draft has been saved.');
	switch (result.reason) {
		case 'not-found':
			return reportNotFound(event, id);
		case 'conflict':
			return conflicted(
				values,
				result.current.version,
				'Someone else saved this draft after you opened it. Your changes are below and have not been saved: check the report above, then save again to replace theirs.'
			);
		case 'invalid':
			return refuse(drafted(values, version), errorsOnRows(result.errors, positions));
		case 'refused':
			return refuse(drafted(values, version), { form: result.message });
		case 'forbidden':
			return refuse(drafted(values, version), { form: result.message }, 403);
	}
}

/**
 * The draft form's 'Issue this report' button: refused while the form holds text that is not saved
 * (issuing would leave it out), otherwise on to the confirmation page, where the report is issued.
 */
export async function startIssue(event: RequestEvent, auth: Authorised, id: number) {
	const form = await event.request.formData();
	const ids = (await workstreams.listWorkstreams(db(), auth.organisationId)).map((w) => w.id);
	const { values, title, draft } = readDraftForm(form, ids);
	const row = await reportRepo.getReport(db(), auth.organisationId, id);
	if (!row) return reportNotFound(event, id);
	if (row.status !== 'draft') redirect(303, `/reports/${id}`);
	if (hasUnsavedChanges({ title, draft }, { title: row.title, draft: row.draft })) {
		return refuse(drafted(values, row.version), {
			form: 'You have changes that are not saved. Save the draft first, then issue it: a report is issued as saved.'
		});
	}
	// The confirmation page freezes what it is opened with: it must be the report this page showed.
	const view = await reports.getReport(auth.actor, id, 'officer');
	if (!view) return reportNotFound(event, id);
	if (readSeen(form).fingerprint !== (await reports.issueBasis(view.content)).fingerprint) {
		return conflicted(
			values,
			view.report.version,
			'The report changed after you opened this page: its figures moved or someone saved the draft. Read it again above, then issue it.'
		);
	}
	redirect(303, `/reports/${id}/issue`);
}

/** What the issue form carries for the draft on the page: the fingerprint of exactly that report, and its lines. */
export async function issueSeen(content: ReportContent) {
	const basis = await reports.issueBasis(content);
	return { fingerprint: basis.fingerprint, lines: JSON.stringify(basis.lines) };
}

/** Issues the draft, freezing it as the issuer saw it; any problem is said next to the button, what changed in the shared conflict table. */
export async function issueDraft(event: RequestEvent, auth: Authorised, id: number) {
	const form = await event.request.formData();
	const version = wholeNumberField(form, 'version') ?? -1;
	const result = await reports.issueReport(auth.actor, id, version, readSeen(form));
	// Refused, the one FormFailure (the reason under 'issue'); a conflict is 409, so `use:enhance`
	// reloads the report shown above the button and the issuer reads it as it is now.
	return answerButton(event, result, {
		field: 'issue',
		refusal: { version },
		record: { kind: 'committee_report', id },
		done: () => ({
			to: `/reports/${id}?issued=1`,
			message: 'The report has been issued and frozen. It can no longer be changed.'
		}),
		problems: (messages, reason) => ({
			issue:
				reason === 'invalid'
					? `The draft has problems to put right before it can be issued: ${messages.join('; ')}.`
					: messages.join('; ')
		}),
		conflict: (current, changes) => ({
			errors: {
				issue: changes
					? 'The report changed after you opened this page, so it was not issued.'
					: 'Someone saved this draft after you opened it: read it again before issuing it.'
			},
			version: current.version,
			rows: changes
		})
	});
}

/** The draft form's values as saved (the officer's own text, untrimmed), for a draft this officer may edit. */
export async function draftFormValues(
	auth: Authorised,
	id: number,
	workstreamIds: readonly number[]
): Promise<FormValues | null> {
	const row = await reportRepo.getReport(db(), auth.organisationId, id);
	return row && row.status === 'draft' ? draftToValues(row.title, row.draft, workstreamIds) : null;
}
