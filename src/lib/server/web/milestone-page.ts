/**
 * The milestone list's load data and form actions, shared by a workstream's and a system's
 * milestone pages. Each route authorises and finds its own workstream or system first, then hands
 * over here: parse with the domain, call the service, answer through the versioned-save helper.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { redirectWithSuccess } from './flash';
import { answerButton, refuseButton } from './button-answer';
import { db } from '../db/database';
import { queryId, wholeNumberField } from './http';
import * as milestones from '../repos/milestones';
import * as milestoneService from '../services/milestones';
import type { Actor } from '../services/actor';
import { recordNotFound } from './record';
import { answerSave, readVersion, refuse } from './versioned-save';
import { todayInUk } from '$lib/domain/dates';
import {
	MILESTONE_FIELDS,
	milestoneToFormValues,
	parseMilestoneForm,
	readMilestoneForm,
	MILESTONE_FIELD_LABEL
} from '$lib/domain/milestones';
import { OUTCOMES, type Outcome } from '$lib/domain/systems';

type Belongs = (m: milestones.MilestoneRow) => boolean;

/** The list, today's date for statuses, and the milestone named by `?edit=` when there is one. */
export function milestonePageData(url: URL, rows: milestones.MilestoneListRow[], canEdit: boolean) {
	const editId = queryId(url, 'edit');
	const editing = canEdit ? rows.find((m) => m.id === editId) : undefined;
	return {
		milestones: rows,
		today: todayInUk(),
		canEdit,
		done: url.searchParams.get('done'),
		editing: editing
			? { id: editing.id, version: editing.version, values: milestoneToFormValues(editing) }
			: null
	};
}

/** Adds a milestone to `target`; `outcomes` are the ones a system's milestone may belong to. */
export async function addMilestone(
	event: RequestEvent,
	actor: Actor,
	target: milestoneService.MilestoneTarget,
	form: FormData,
	back: string,
	outcomes: readonly Outcome[] = []
) {
	const outcome = String(form.get('outcome') ?? '');
	// The outcome is typed with the milestone's fields, so it comes back with them.
	const posted = {
		values: { ...readMilestoneForm(form), outcome },
		version: 0,
		original: null,
		action: 'add'
	};
	const parsed = parseMilestoneForm(posted.values, { today: todayInUk() });
	const errors = parsed.ok ? {} : { ...parsed.errors };
	if (outcome && !outcomes.includes(outcome as Outcome))
		errors.outcome = "Select one of the system's current outcomes, or none";
	if (!parsed.ok || Object.keys(errors).length > 0) return refuse(posted, errors);
	const withOutcome =
		'systemId' in target && (OUTCOMES as readonly string[]).includes(outcome)
			? { ...target, outcome: outcome as Outcome }
			: target;
	const result = await milestoneService.createMilestone(actor, withOutcome, parsed.value);
	if (!result.ok)
		return refuse(
			posted,
			{ kind: 'The milestone could not be added: its workstream or system has gone' },
			409
		);
	redirectWithSuccess(event, `${back}?done=added`, 'Milestone added');
}

/** The milestone a posted form names, if it is live and belongs to this page; a 404 (audited) otherwise. */
async function postedMilestone(
	event: RequestEvent,
	actor: Actor,
	form: FormData,
	belongs: Belongs
) {
	const id = wholeNumberField(form, 'milestoneId');
	if (id === null) return null;
	const found = await milestones.getMilestone(db(), actor.organisationId, id);
	if (!found || !belongs(found)) return recordNotFound(event, 'milestone', id);
	return found;
}

export async function editMilestone(
	event: RequestEvent,
	actor: Actor,
	form: FormData,
	belongs: Belongs,
	back: string
) {
	const found = await postedMilestone(event, actor, form, belongs);
	if (!found)
		return refuseButton(
			400,
			{ milestones: 'Choose a milestone to edit from the list' },
			{ version: -1, action: 'edit' }
		);
	if (found.archivedAt)
		return refuseButton(
			409,
			{
				milestones: 'Someone archived this milestone while you were editing it. Nothing was saved.'
			},
			{ version: found.version, recordId: found.id, action: 'edit', archived: true }
		);
	const posted = {
		values: readMilestoneForm(form),
		...readVersion(form, MILESTONE_FIELDS),
		recordId: found.id,
		action: 'edit'
	};
	const parsed = parseMilestoneForm(posted.values, { today: todayInUk() });
	if (!parsed.ok) return refuse(posted, parsed.errors);
	const result = await milestoneService.updateMilestone(
		actor,
		found.id,
		posted.version,
		parsed.value
	);
	return answerSave(event, result, posted, {
		record: { kind: 'milestone', id: found.id },
		done: () => ({ to: `${back}?done=saved`, message: 'Milestone saved' }),
		conflict: {
			fields: MILESTONE_FIELDS,
			labels: MILESTONE_FIELD_LABEL,
			saved: milestoneToFormValues
		}
	});
}

export async function archiveMilestone(
	event: RequestEvent,
	actor: Actor,
	form: FormData,
	belongs: Belongs,
	back: string
) {
	const found = await postedMilestone(event, actor, form, belongs);
	if (!found)
		return refuseButton(
			400,
			{ milestones: 'Choose a milestone to archive from the list' },
			{ version: -1, action: 'archive' }
		);
	const version = wholeNumberField(form, 'version') ?? -1;
	const result = await milestoneService.archiveMilestone(actor, found.id, version);
	return answerButton(event, result, {
		field: 'milestones',
		refusal: { version, recordId: found.id, action: 'archive' },
		record: { kind: 'milestone', id: found.id },
		done: () => ({ to: `${back}?done=archived`, message: 'Milestone archived' }),
		// The list beside the button is loaded again as now saved; the message says so, with no field table.
		conflict: (current) => ({
			errors: {
				milestones:
					'Someone changed this milestone after you opened the page, so it was not archived. Check it below, then archive it again if you still mean to.'
			},
			version: current.version,
			rows: null
		})
	});
}
