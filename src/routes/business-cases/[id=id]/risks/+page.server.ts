import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { authorise } from '$lib/server/auth/guard';
import * as caseService from '$lib/server/services/business-cases';
import { answer, caseOf, postedItem, postedVersion } from '$lib/server/web/business-case-page';
import {
	parseRiskForm,
	readRiskForm,
	EMPTY_RISK,
	riskToFormValues,
	scoreRisks
} from '$lib/domain/business-cases';

export const load: PageServerLoad = async (event) => {
	const { organisationId } = await authorise(event, 'business-case:write');
	const { businessCase, current } = await caseOf(event, organisationId);
	const edit = event.url.searchParams.get('edit');
	const editing = edit ? current.content.risks.find((r) => r.id === edit) : undefined;
	if (edit && !editing) error(404, 'Not found');
	return {
		businessCase: { id: businessCase.id, title: businessCase.title, version: businessCase.version },
		status: current.status,
		risks: scoreRisks(current.content.risks).map((r) => ({
			id: r.id,
			title: r.title,
			detail: `${r.inherentRating} (${r.inherentScore}) before, ${r.residualRating} (${r.residualScore}) after; owner ${r.owner}`
		})),
		editing: editing ? { id: editing.id, values: riskToFormValues(editing) } : null,
		newValues: EMPTY_RISK
	};
};

export const actions: Actions = {
	save: async (event) => {
		const { actor } = await authorise(event, 'business-case:write');
		const { businessCase } = await caseOf(event, actor.organisationId);
		const form = await event.request.formData();
		const values = readRiskForm(form);
		const version = postedVersion(form);
		const itemId = postedItem(form, 'risk');
		const parsed = parseRiskForm(values);
		if (!parsed.ok)
			return answer(
				{ ok: false, reason: 'invalid', errors: parsed.errors },
				{ event, values, version, itemId, field: 'title', redirectTo: '' }
			);
		const result = await caseService.saveRisk(
			actor,
			businessCase.id,
			version,
			itemId,
			parsed.value
		);
		return answer(result, {
			event,
			values,
			version,
			itemId,
			field: 'title',
			redirectTo: `/business-cases/${businessCase.id}/risks?saved=1`,
			message: `Risk saved: ${parsed.value.title}.`
		});
	},
	remove: async (event) => {
		const { actor } = await authorise(event, 'business-case:write');
		const { businessCase } = await caseOf(event, actor.organisationId);
		const form = await event.request.formData();
		const version = postedVersion(form);
		const itemId = postedItem(form, 'risk');
		if (!itemId) error(404, 'Not found');
		const result = await caseService.removeRisk(actor, businessCase.id, version, itemId);
		return answer(result, {
			event,
			values: null,
			version,
			itemId,
			field: 'items',
			redirectTo: `/business-cases/${businessCase.id}/risks?removed=1`,
			message: 'Risk removed.'
		});
	}
};
