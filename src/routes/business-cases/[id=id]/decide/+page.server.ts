import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { error } from '@sveltejs/kit';
import { db } from '$lib/server/db/database';
import { authorise } from '$lib/server/auth/guard';
import * as cases from '$lib/server/repos/business-cases';
import * as decisions from '$lib/server/services/business-case-decisions';
import { answer, caseOf, postedVersion } from '$lib/server/web/business-case-page';
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

export const load: PageServerLoad = async (event) => {
	const { organisationId, actor } = await authorise(event, 'business-case:decide');
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
};

/** The fingerprint and lines exactly as the decision page posted them, carried through the confirmation unread. */
function postedSeen(form: FormData) {
	const text = (name: string) => {
		const value = form.get(name);
		return typeof value === 'string' && value.length <= 1_000_000 ? value : '';
	};
	return { fingerprint: text(FINGERPRINT_FIELD), lines: text(SEEN_LINES_FIELD) };
}

/** The decision as typed, checked: the problems, or nothing when it may go on to be confirmed. */
async function typedDecision(event: RequestEvent) {
	const { actor } = await authorise(event, 'business-case:decide');
	const { businessCase } = await caseOf(event, actor.organisationId);
	const form = await event.request.formData();
	const values = readDecisionForm(form);
	const version = postedVersion(form);
	const parsed = parseDecisionForm(values, { today: todayInUk() });
	return { actor, businessCase, form, values, version, parsed };
}

export const actions: Actions = {
	/** 'Continue': a decision cannot be taken back, so a valid one is shown again for confirmation first. */
	check: async (event) => {
		const { values, version, parsed, form } = await typedDecision(event);
		if (!parsed.ok)
			return answer(
				{ ok: false, reason: 'invalid', errors: parsed.errors },
				{ event, values, version, field: 'outcome', redirectTo: '' }
			);
		return { confirm: true as const, values, version, seen: postedSeen(form) };
	},
	/** 'Change the decision' on the confirmation: the form again, as typed. */
	change: async (event) => {
		const { values, version } = await typedDecision(event);
		return { confirm: false as const, values, version };
	},
	/** 'Record the decision' on the confirmation. */
	decide: async (event) => {
		const { actor, businessCase, values, version, parsed, form } = await typedDecision(event);
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
};
