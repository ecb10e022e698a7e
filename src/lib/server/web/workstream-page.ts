/**
 * What a workstream's page and its unlink confirmation do once the route has authorised the caller:
 * the page's figures and search, linking and unlinking a system, and confirming an unlink that
 * changes a review's outcomes. Every answer is a redirect, a 404 (audited when the record is another
 * organisation's) or the form's own refusal, never a stack trace.
 */
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { db } from '../db/database';
import { wholeNumberField } from './http';
import { recordNotFound, recordOf } from './record';
import { answerButton, refuseButton } from './button-answer';
import * as workstreams from '../repos/workstreams';
import * as systems from '../repos/systems';
import * as costLines from '../repos/cost-lines';
import * as milestones from '../repos/milestones';
import * as workstreamService from '../services/workstreams';
import type { Actor } from '../services/actor';
import { can, type Role } from '$lib/domain/permissions';
import { DEFAULT_QUERY, SEARCH_MAX } from '$lib/domain/systems';
import { todayInUk } from '$lib/domain/dates';
import { nextMilestone } from '$lib/domain/milestones';
import { sumPence } from '$lib/domain/rollups';
import { textProblem, textProblemMessage } from '$lib/domain/forms';

type Event = Pick<RequestEvent, 'cookies' | 'locals' | 'url' | 'request' | 'getClientAddress'> & {
	params: Partial<Record<string, string>>;
};

/** The longest note kept with a link, in characters. */
const NOTE_MAX = 500;

const workstreamOf = (event: Event, organisationId: number) =>
	recordOf(event, organisationId, 'workstream', workstreams.getWorkstream);

/**
 * The workstream named by `[id]`, its counts, linked systems, costs and next milestone; for an
 * editor, the systems that `?find=` matches and are not linked yet.
 */
export async function workstreamPageData(event: Event, organisationId: number, role: Role) {
	const workstream = await workstreamOf(event, organisationId);
	const id = workstream.id;
	const canEdit = can(role, 'catalogue:write');
	const find = canEdit
		? (event.url.searchParams.get('find') ?? '').trim().slice(0, SEARCH_MAX)
		: '';
	const [summary, linked, found] = await Promise.all([
		workstreams
			.summariseWorkstreams(db(), organisationId)
			.then((all) => all.find((w) => w.id === id)),
		workstreams.listLinkedSystems(db(), organisationId, id),
		find
			? systems.listSystems(db(), organisationId, { ...DEFAULT_QUERY, q: find, size: 25 })
			: Promise.resolve(null)
	]);
	const linkedIds = new Set(linked.map((s) => s.id));
	const costTotalPence = sumPence(
		(await costLines.listCostLinesOfWorkstream(db(), organisationId, id)).map((l) => l.amountPence)
	);
	const plan = await milestones.listMilestonesOfWorkstream(db(), organisationId, id);
	return {
		workstream,
		summary,
		linked,
		find,
		canEdit,
		costTotalPence,
		candidates: found?.rows.filter((s) => !linkedIds.has(s.id)) ?? null,
		milestones: { next: nextMilestone(plan, todayInUk()), count: plan.length }
	};
}

/**
 * A refused link or unlink on the workstream's page: the one FormFailure, the reason under 'find' (the
 * search box the error summary sends the editor back to). A link between a system and a workstream
 * has no version of its own, so the failure's version is 0.
 */
const refuseLink = (
	message: string,
	action: 'link' | 'unlink',
	values: Record<string, string> = {}
) => refuseButton(400, { find: message }, { version: 0, values, action });

/** Links the posted system, with its note, to the workstream; a bad choice or note is the form's refusal. */
export async function linkSystem(event: Event, actor: Actor) {
	const workstream = await workstreamOf(event, actor.organisationId);
	const form = await event.request.formData();
	const systemId = wholeNumberField(form, 'systemId') || null;
	const note = String(form.get('note') ?? '').trim();
	const values = { systemId: String(systemId ?? ''), note };
	if (systemId == null) return refuseLink('Select a system to link', 'link', values);
	if (note.length > NOTE_MAX)
		return refuseLink(`Note must be ${NOTE_MAX} characters or fewer`, 'link', values);
	const noteProblem = textProblem(note);
	if (noteProblem) return refuseLink(textProblemMessage('Note', noteProblem), 'link', values);
	const result = await workstreamService.linkSystemToWorkstream(
		actor,
		workstream.id,
		systemId,
		note
	);
	const system = await systems.getSystem(db(), actor.organisationId, systemId);
	// The workstream was found above, so what is missing is the system.
	return answerButton(event, result, {
		field: 'find',
		refusal: { version: 0, values, action: 'link' },
		record: { kind: 'system', id: systemId },
		done: () => ({
			to: `/workstreams/${workstream.id}`,
			message: `${system?.name ?? 'The system'} is now linked to ${workstream.name}.`
		})
	});
}

/** Unlinks the posted system, or sends the caller to confirm it when a review's outcome names the workstream. */
export async function unlinkSystem(event: Event, actor: Actor) {
	const workstream = await workstreamOf(event, actor.organisationId);
	const systemId = wholeNumberField(await event.request.formData(), 'systemId') || null;
	if (systemId == null) return refuseLink('Select a system to unlink', 'unlink');
	const system = await systems.getSystem(db(), actor.organisationId, systemId);
	if (!system) return recordNotFound(event, 'system', systemId);
	const result = await workstreamService.unlinkSystemFromWorkstream(actor, workstream.id, systemId);
	// A review's outcome names this workstream: nothing is changed until that is confirmed on a page of its own.
	if (!result.ok && result.reason === 'conflict')
		redirect(303, `/workstreams/${workstream.id}/unlink?system=${systemId}`);
	return answerButton(event, result, {
		field: 'find',
		refusal: { version: 0, action: 'unlink' },
		record: { kind: 'system', id: systemId },
		done: () => ({
			to: `/workstreams/${workstream.id}`,
			message: `${system.name} is no longer linked to ${workstream.name}.`
		})
	});
}

/**
 * The workstream, and the linked system `systemId`; a system that is missing, another
 * organisation's or not linked is a 404. With no system named, null.
 */
async function linkOf(event: Event, organisationId: number, systemId: number | null) {
	const workstream = await workstreamOf(event, organisationId);
	if (systemId == null) return null;
	const system = await recordOf(event, organisationId, 'system', systems.getSystem, systemId);
	const linked = (await workstreams.listWorkstreamsOfSystem(db(), organisationId, systemId)).some(
		(w) => w.id === workstream.id
	);
	if (!linked) error(404, 'Not found');
	return {
		workstream: { id: workstream.id, name: workstream.name },
		system: { id: system.id, name: system.name }
	};
}

/**
 * The confirmation page for unlinking the system named by `?system=`: the outcomes of its current
 * review that name the workstream. With no system named, back to the workstream.
 */
export async function unlinkPageData(event: Event, organisationId: number) {
	const named = event.url.searchParams.get('system') ?? '';
	const systemId = /^[1-9]\d{0,15}$/.test(named) ? Number(named) : null;
	const link = await linkOf(event, organisationId, systemId);
	if (!link) redirect(303, `/workstreams/${event.params.id}`);
	return {
		...link,
		outcomes: await workstreamService.outcomesNaming(
			organisationId,
			link.workstream.id,
			link.system.id
		)
	};
}

/**
 * Unlinks once the caller has confirmed exactly the outcomes the page showed (posted as `outcomeId`);
 * those outcomes go back to proposed with no workstream. Outcomes that changed since are a 409.
 */
export async function confirmUnlink(event: Event, actor: Actor) {
	const form = await event.request.formData();
	const link = await linkOf(event, actor.organisationId, wholeNumberField(form, 'systemId'));
	if (!link) return refuseButton(400, { unlink: 'Select a system to unlink' }, { version: 0 });
	const { workstream, system } = link;
	const seen = form
		.getAll('outcomeId')
		.map(String)
		.filter((v) => /^\d{1,15}$/.test(v))
		.map(Number);
	const result = await workstreamService.unlinkSystemFromWorkstream(
		actor,
		workstream.id,
		system.id,
		seen
	);
	return answerButton(event, result, {
		field: 'unlink',
		refusal: { version: 0 },
		record: { kind: 'system', id: system.id },
		done: ({ reopened }) => ({
			to: `/workstreams/${workstream.id}`,
			message: `${system.name} is no longer linked to ${workstream.name}.${reopenedWords(reopened.length)}`
		}),
		// The outcomes changed after the page was opened: it shows them as they are now (409 reloads it).
		conflict: () => ({
			errors: {
				unlink:
					"The system's review changed after you opened this page. Read what will happen now, below, then confirm again if you still mean to unlink it."
			},
			version: 0
		})
	});
}

/** What the banner adds when outcomes that named the workstream went back to proposed. */
function reopenedWords(count: number): string {
	if (count === 0) return '';
	return ` ${count === 1 ? 'Its outcome that named the workstream is' : 'Its outcomes that named the workstream are'} now proposed, with no workstream set.`;
}
