import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db/database';
import { authorise } from '$lib/server/auth/guard';
import * as scope from '$lib/server/repos/business-case-scope';
import * as caseService from '$lib/server/services/business-cases';
import { answer, caseOf, postedVersion } from '$lib/server/web/business-case-page';
import {
	parseCaseDetailsForm,
	readCaseDetailsForm,
	detailsToFormValues
} from '$lib/domain/business-cases';

export const load: PageServerLoad = async (event) => {
	const { organisationId } = await authorise(event, 'business-case:write');
	const { businessCase, current } = await caseOf(event, organisationId);
	return {
		businessCase: { id: businessCase.id, title: businessCase.title, version: businessCase.version },
		status: current.status,
		values: detailsToFormValues(businessCase.title, businessCase.stage, current.content),
		choices: await scope.scopeOptions(db(), organisationId)
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { actor } = await authorise(event, 'business-case:write');
		const { businessCase } = await caseOf(event, actor.organisationId);
		const form = await event.request.formData();
		const values = readCaseDetailsForm(form);
		const version = postedVersion(form);
		const parsed = parseCaseDetailsForm(
			values,
			await scope.scopeChoices(db(), actor.organisationId)
		);
		if (!parsed.ok)
			return answer(
				{ ok: false, reason: 'invalid', errors: parsed.errors },
				{ event, values, version, field: 'title', redirectTo: '' }
			);
		const result = await caseService.updateCaseDetails(
			actor,
			businessCase.id,
			version,
			parsed.value
		);
		return answer(result, {
			event,
			values,
			version,
			field: 'title',
			redirectTo: `/business-cases/${businessCase.id}?done=saved`,
			message: 'Details and sections saved.'
		});
	}
};
