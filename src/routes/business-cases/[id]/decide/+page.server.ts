import type { Actions, PageServerLoad } from './$types';
import { error } from '@sveltejs/kit';
import { db } from '$lib/server/database';
import { authorise } from '$lib/server/http';
import * as cases from '$lib/server/repos/business-cases';
import * as decisions from '$lib/server/services/business-case-decisions';
import { answer, caseOf, postedVersion } from '$lib/server/business-case-pages';
import { DECISION_FIELDS, parseDecisionForm, readDecisionForm, type DecisionFormValues } from '$lib/domain/business-case-form';
import { readSeen } from '$lib/domain/fingerprint';
import { todayInUk } from '$lib/domain/dates';

const EMPTY = Object.fromEntries(DECISION_FIELDS.map((f) => [f, ''])) as DecisionFormValues;

export const load: PageServerLoad = async (event) => {
	const { organisationId, actor } = await authorise(event, 'business-case:decide');
	const { businessCase, current } = await caseOf(event, organisationId);
	// The figures shown here are the ones decided: their fingerprint goes in the form.
	const basis = (await decisions.decisionBasis(organisationId, businessCase.id)) ?? error(404, 'Not found');
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

export const actions: Actions = {
	default: async (event) => {
		const { actor } = await authorise(event, 'business-case:decide');
		const { businessCase } = await caseOf(event, actor.organisationId);
		const form = await event.request.formData();
		const values = readDecisionForm(form);
		const version = postedVersion(form);
		const parsed = parseDecisionForm(values, { today: todayInUk() });
		if (!parsed.ok) return answer({ ok: false, reason: 'invalid', errors: parsed.errors }, { values, version, field: 'outcome', redirectTo: '' });
		const result = await decisions.decideBusinessCase(actor, businessCase.id, version, parsed.value, readSeen(form));
		return answer(result, { values, version, field: 'outcome', redirectTo: `/business-cases/${businessCase.id}?done=decided` });
	}
};
