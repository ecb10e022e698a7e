/**
 * The milestone list's load data and form actions, shared by a workstream's and a system's
 * milestone pages. Each route authorises and finds its own workstream or system first, then hands
 * over here: parse with the domain, call the service, answer with the form's values kept.
 */
import { fail, type RequestEvent } from '@sveltejs/kit';
import { redirectWithSuccess } from './web/flash';
import { db } from './db/database';
import { notFound } from './auth/guard';
import { wholeNumberField } from './web/http';
import * as milestones from './repos/milestones';
import * as milestoneService from './services/milestones';
import type { Actor } from './services/actor';
import { todayInUk } from '$lib/domain/dates';
import { MILESTONE_FIELDS, milestoneToFormValues, parseMilestoneForm, readMilestoneForm, MILESTONE_FIELD_LABEL } from '$lib/domain/milestones';
import { describeChanges, readOriginalValues } from '$lib/domain/forms';
import { OUTCOMES, type Outcome } from '$lib/domain/systems';

const exists = (organisationId: number, id: number) => milestones.milestoneExistsElsewhere(db(), organisationId, id);
type Belongs = (m: milestones.MilestoneRow) => boolean;

/** The list, today's date for statuses, and the milestone named by `?edit=` when there is one. */
export function milestonePageData(url: URL, rows: milestones.MilestoneListRow[], canEdit: boolean) {
	const editId = Number(url.searchParams.get('edit'));
	const editing = canEdit ? rows.find((m) => m.id === editId) : undefined;
	return {
		milestones: rows,
		today: todayInUk(),
		canEdit,
		done: url.searchParams.get('done'),
		editing: editing ? { id: editing.id, version: editing.version, values: milestoneToFormValues(editing) } : null
	};
}

/** Adds a milestone to `target`; `outcomes` are the ones a system's milestone may belong to. */
export async function addMilestone(event: RequestEvent, actor: Actor, target: milestoneService.MilestoneTarget, form: FormData, back: string, outcomes: readonly Outcome[] = []) {
	const values = readMilestoneForm(form);
	const outcome = String(form.get('outcome') ?? '');
	const parsed = parseMilestoneForm(values, { today: todayInUk() });
	const errors = parsed.ok ? {} : { ...parsed.errors };
	if (outcome && !outcomes.includes(outcome as Outcome)) errors.outcome = "Select one of the system's current outcomes, or none";
	if (!parsed.ok || Object.keys(errors).length > 0) return fail(400, { action: 'add' as const, values, outcome, errors });
	const withOutcome = 'systemId' in target && (OUTCOMES as readonly string[]).includes(outcome) ? { ...target, outcome: outcome as Outcome } : target;
	const result = await milestoneService.createMilestone(actor, withOutcome, parsed.value);
	if (!result.ok) return fail(409, { action: 'add' as const, values, outcome, errors: { kind: 'The milestone could not be added: its workstream or system has gone' } });
	redirectWithSuccess(event, `${back}?done=added`, 'Milestone added');
}

/** The milestone a posted form names, if it is live and belongs to this page; a 404 (audited) otherwise. */
async function postedMilestone(event: RequestEvent, actor: Actor, form: FormData, belongs: Belongs) {
	const id = wholeNumberField(form, 'milestoneId');
	if (id === null) return null;
	const found = await milestones.getMilestone(db(), actor.organisationId, id);
	if (!found || !belongs(found)) return notFound(event, 'milestone', id, exists);
	return found;
}

export async function editMilestone(event: RequestEvent, actor: Actor, form: FormData, belongs: Belongs, back: string) {
	const found = await postedMilestone(event, actor, form, belongs);
	if (!found) return fail(400, { action: 'edit' as const, problem: 'Choose a milestone to edit from the list' });
	const values = readMilestoneForm(form);
	if (found.archivedAt) return fail(409, { action: 'edit' as const, problem: 'Someone archived this milestone while you were editing it. Nothing was saved.' });
	// A missing or tampered version can never match, so it is treated as a conflict, never a 500.
	const version = wholeNumberField(form, 'version') ?? -1;
	const original = readOriginalValues(form.get('original'), MILESTONE_FIELDS);
	const base = { action: 'edit' as const, milestoneId: found.id, values };
	const parsed = parseMilestoneForm(values, { today: todayInUk() });
	if (!parsed.ok) return fail(400, { ...base, errors: parsed.errors, version, original });
	const result = await milestoneService.updateMilestone(actor, found.id, version, parsed.value);
	if (result.ok) redirectWithSuccess(event, `${back}?done=saved`, 'Milestone saved');
	if (result.reason === 'not-found') return notFound(event, 'milestone', found.id, exists);
	const saved = milestoneToFormValues(result.current);
	return fail(409, { ...base, errors: {}, version: result.current.version, original: saved, conflict: describeChanges(MILESTONE_FIELDS, MILESTONE_FIELD_LABEL, original, saved, values) });
}

export async function archiveMilestone(event: RequestEvent, actor: Actor, form: FormData, belongs: Belongs, back: string) {
	const found = await postedMilestone(event, actor, form, belongs);
	if (!found) return fail(400, { action: 'archive' as const, problem: 'Choose a milestone to archive from the list' });
	const result = await milestoneService.archiveMilestone(actor, found.id, wholeNumberField(form, 'version') ?? -1);
	if (result.ok) redirectWithSuccess(event, `${back}?done=archived`, 'Milestone archived');
	if (result.reason === 'not-found') return notFound(event, 'milestone', found.id, exists);
	return fail(409, { action: 'archive' as const, problem: 'Someone changed this milestone after you opened the page, so it was not archived. Check it below, then archive it again if you still mean to.' });
}
