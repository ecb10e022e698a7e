/**
 * Actions that record a partnership meeting, its decisions, and its minutes and papers. Parse with
 * the domain parser, call the service, answer `fail(400, { form, values, errors })` (nothing saved)
 * or redirect to the meeting.
 */
import { fail, type RequestEvent } from '@sveltejs/kit';
import { redirectWithSuccess } from './flash';
import { wholeNumberField } from './http';
import { readUpload } from './governance-files';
import { recordNotFound } from './record';
import type { Actor } from '../services/actor';
import * as meetingService from '../services/governance-meetings';
import * as paperService from '../services/governance-papers';
import type { FieldErrors } from '$lib/domain/systems';
import { text, refuseUnsafeText } from '$lib/domain/forms';
import { parseMeetingForm, readMeetingForm } from '$lib/domain/governance/forms';
import { parsePaperForm } from '$lib/domain/governance/papers';

export async function recordMeeting(
	event: RequestEvent,
	actor: Actor,
	partnerIds: readonly number[]
) {
	const form = await event.request.formData();
	const values = readMeetingForm(form, partnerIds);
	const parsed = parseMeetingForm(values);
	if (!parsed.ok) return fail(400, { form: 'meeting', values, errors: parsed.errors });
	const result = await meetingService.recordMeeting(actor, parsed.value);
	if (!result.ok) return fail(400, { form: 'meeting', values, errors: result.errors });
	redirectWithSuccess(
		event,
		`/governance/meetings#meeting-${result.meetingId}`,
		`Meeting recorded: ${result.summary}.`
	);
}

export async function recordDecision(event: RequestEvent, actor: Actor) {
	const form = await event.request.formData();
	const values = {
		meetingId: text(form, 'meetingId'),
		minuteRef: text(form, 'minuteRef'),
		subject: text(form, 'subject'),
		decisionId: text(form, 'decisionId')
	};
	const errors: FieldErrors = {};
	refuseUnsafeText(errors, values, { minuteRef: 'Minute reference', subject: 'Decision' }, [], {
		minuteRef: 100
	});
	const meetingId = wholeNumberField(form, 'meetingId');
	const ratifying = values.decisionId !== '';
	if (values.minuteRef === '' && !errors.minuteRef)
		errors.minuteRef = 'Enter the minute reference, like JC/2026/14';
	if (!ratifying && values.subject === '' && !errors.subject)
		errors.subject = 'Enter the decision as minuted';
	if (meetingId == null) errors.minuteRef ??= 'Choose the meeting';
	if (Object.keys(errors).length > 0)
		return fail(400, { form: `decision-${values.meetingId}`, values, errors });
	const decisionId = ratifying ? wholeNumberField(form, 'decisionId') : null;
	const result = ratifying
		? decisionId == null
			? { ok: false as const, errors: { decisionId: 'Choose the decision to ratify' } }
			: await meetingService.ratifyDecision(actor, meetingId!, decisionId, values.minuteRef)
		: await meetingService.recordDecision(actor, meetingId!, {
				minuteRef: values.minuteRef,
				subject: values.subject
			});
	if (!result.ok)
		return fail(400, { form: `decision-${values.meetingId}`, values, errors: result.errors });
	redirectWithSuccess(
		event,
		`/governance/meetings#meeting-${meetingId}`,
		ratifying ? 'Decision ratified.' : 'Decision recorded.'
	);
}

/**
 * Attaches minutes or papers to a meeting: the meeting, the kind, a title and the file, checked by
 * type and content; refused with the GOV.UK error summary, what was typed kept, nothing stored.
 */
export async function attachPaper(event: RequestEvent, actor: Actor) {
	const form = await event.request.formData();
	const values = {
		paperMeetingId: text(form, 'paperMeetingId'),
		paperKind: text(form, 'paperKind'),
		paperTitle: text(form, 'paperTitle')
	};
	const parsed = parsePaperForm(values);
	const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
	const file = await readUpload(form, errors, 'paper');
	if (!file && !errors.paper)
		errors.paper = 'Choose the file: a PDF, Word (.docx), OpenDocument (.odt) or text (.txt) file';
	if (!parsed.ok || !file) return fail(400, { form: 'paper', values, errors });
	const { meetingId, ...input } = parsed.value;
	const result = await paperService.attachPaper(actor, meetingId, input, file);
	if (!result.ok) {
		if (result.reason === 'not-found')
			return recordNotFound(event, 'governance_meeting', meetingId);
		return fail(400, { form: 'paper', values, errors: 'errors' in result ? result.errors : {} });
	}
	redirectWithSuccess(
		event,
		`/governance/meetings#meeting-${meetingId}`,
		`Attached to the meeting: ${input.title}.`
	);
}
