import { fail } from '@sveltejs/kit';
import { redirectWithSuccess } from '$lib/server/web/flash';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db/database';
import { authorise } from '$lib/server/auth/guard';
import { can } from '$lib/domain/permissions';
import * as cases from '$lib/server/repos/business-cases';
import * as caseService from '$lib/server/services/business-cases';
import { STAGES, type Stage } from '$lib/domain/business-cases';
import { isOneOf } from '$lib/domain/systems';
import { TEXT_LIMITS, refuseUnsafeText, text } from '$lib/domain/forms';

export const load: PageServerLoad = async (event) => {
	const { organisationId, role } = await authorise(event, 'catalogue:read');
	const [rows, decided] = await Promise.all([
		caseService.listBusinessCases(organisationId),
		cases.latestDecisionByCase(db(), organisationId)
	]);
	return {
		cases: rows.map((r) => ({
			id: r.id,
			title: r.title,
			stage: r.stage,
			status: r.status,
			currentVersionNumber: r.currentVersionNumber,
			decided: decided.get(r.id) ?? null
		})),
		canWrite: can(role, 'business-case:write')
	};
};

export const actions: Actions = {
	create: async (event) => {
		const { actor } = await authorise(event, 'business-case:write');
		const form = await event.request.formData();
		const values = { title: text(form, 'title'), stage: text(form, 'stage') };
		const errors: Record<string, string> = {};
		if (!values.title) errors.title = 'Enter the title of the business case';
		if (!isOneOf(STAGES, values.stage))
			errors.stage = 'Select the stage: strategic outline, outline or full business case';
		refuseUnsafeText(errors, values, { title: 'Title' }, [], { title: TEXT_LIMITS.name });
		if (Object.keys(errors).length > 0) return fail(400, { values, errors });
		const result = await caseService.createBusinessCase(actor, {
			title: values.title,
			stage: values.stage as Stage
		});
		if (!result.ok)
			return fail(400, {
				values,
				errors:
					result.reason === 'invalid'
						? result.errors
						: { title: 'The business case could not be created' }
			});
		redirectWithSuccess(
			event,
			`/business-cases/${result.businessCase.id}?done=created`,
			'Business case created. Write its sections, add options, then submit it.'
		);
	}
};
