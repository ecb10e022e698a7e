/**
 * The business case's decision page once the route has authorised an approver. A decision cannot
 * be taken back, so it takes two posts: 'Continue' checks what was typed and shows it again for
 * confirmation, 'Record the decision' records it against the figures the page showed (their
 * fingerprint travels in the form), and 'Change the decision' goes back to the form as typed.
 */
import { error, type RequestEvent } from '@sveltejs/kit';
import { db } from '../db/database';
import * as cases from '../repos/business-cases';
import * as decisions from '../services/business-case-decisions';
import type { Actor } from '../services/actor';
import { answer, caseOf, postedVersion } from './business-case-page';
import {
	DECISION_FIELDS,
	parseDecisionForm,
	readDecisionForm,
	type DecisionFormValues,
	CASE_STATUS_LABEL
} from '$lib/domain/business-cases';
import { FINGERPRINT_FIELD, SEEN_LINES_FIELD, readSeen } from '$lib/domain/hashing';
import { todayInUk } from '$lib/domain/dates';

const EMPTY = Object.fromEntries(DECISION_FIELDS.map((f) => [f, ''])) as DecisionFormValues;

/** The case, the figures to be decided with their fingerprint, and whether the approver edited it. */
export async function loadDecision(event: RequestEvent, actor: Actor & { userId: number }) {
	const { organisationId } = actor;
	const { businessCase, current } = await caseOf(event, organisationId);
	// The figures shown here are the ones decided: their fingerprint goes in the form.
	const basis =
		(await decisions.decisionBasis(organisationId, businessCase.id)) ?? error(404, 'Not found');
	return {
		businessCase: { id: businessCase.id, title: businessCase.title, version: businessCase.version },
		current: { number: current.number, status: current.status },
		// Said before the form is filled in: the service would refuse it anyway (and audit the attempt).
		youEdited: await cases.hasEditedCase(db(), organisationId, businessCase.id, actor.userId),
		values: EMPTY,
		figures: basis.figures,
		seen: { fingerprint: basis.fingerprint, lines: JSON.stringify(basis.lines) }
	};
}

/** The fingerprint and lines exactly as the decision page posted them, carried through the confirmation unread. */
function postedSeen(form: FormData) {
	const text = (name: string) => {
		const value = form.get(name);
		return typeof value === 'string' && value.length <= 1_000_000 ? value : '';
	};
	return { fingerprint: text(FINGERPRINT_FIELD), lines: text(SEEN_LINES_FIELD) };
}

/** The decision as typed, checked against the case the URL names (else a 404). */
async function typedDecision(event: RequestEvent, actor: Actor) {
	const { businessCase } = await caseOf(event, actor.organisationId);
	const form = await event.request.formData();
	const values = readDecisionForm(form);
	const version = postedVersion(form);
	const parsed = parseDecisionForm(values, { today: todayInUk() });
	return { businessCase, form, values, version, parsed };
}

/** 'Continue': the problems, or the decision shown again for confirmation. */
export async function checkDecision(event: RequestEvent, actor: Actor) {
	const { values, version, parsed, form } = await typedDecision(event, actor);
	if (!parsed.ok)
		return answer(
			{ ok: false, reason: 'invalid', errors: parsed.errors },
			{ event, values, version, field: 'outcome', redirectTo: '' }
		);
	return { confirm: true as const, values, version, seen: postedSeen(form) };
}

/** 'Change the decision' on the confirmation: the form again, as typed. */
export async function changeDecision(event: RequestEvent, actor: Actor) {
	const { values, version } = await typedDecision(event, actor);
	return { confirm: false as const, values, version };
}

/** 'Record the decision' on the confirmation: to the case page, or the form again saying why not. */
export async function recordDecision(event: RequestEvent, actor: Actor) {
	const { businessCase, values, version, parsed, form } = await typedDecision(event, actor);
	if (!parsed.ok)
		return answer(
			{ ok: false, reason: 'invalid', errors: parsed.errors },
			{ event, values, version, field: 'outcome', redirectTo: '' }
		);
	const result = await decisions.decideBusinessCase(
		actor,
		businessCase.id,
		version,
		parsed.value,
		readSeen(form)
	);
	return answer(result, {
		event,
		values,
		version,
		field: 'outcome',
		redirectTo: `/business-cases/${businessCase.id}?done=decided`,
		message: `Decision recorded: ${CASE_STATUS_LABEL[parsed.value.outcome]}.`
	});
}
