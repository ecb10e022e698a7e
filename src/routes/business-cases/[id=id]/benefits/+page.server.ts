import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { authorise } from '$lib/server/auth/guard';
import * as caseService from '$lib/server/services/business-cases';
import { answer, caseOf, postedItem, postedVersion } from '$lib/server/web/business-case-page';
import {
	parseBenefitForm,
	readBenefitForm,
	emptyBenefit,
	benefitToFormValues,
	BENEFIT_KIND_LABEL,
	BENEFIT_TYPE_LABEL
} from '$lib/domain/business-cases';
import { formatPence } from '$lib/domain/money';
import { sumPence } from '$lib/domain/rollups';

export const load: PageServerLoad = async (event) => {
	const { organisationId } = await authorise(event, 'business-case:write');
	const { businessCase, current } = await caseOf(event, organisationId);
	const edit = event.url.searchParams.get('edit');
	const editing = edit ? current.content.benefits.find((r) => r.id === edit) : undefined;
	if (edit && !editing) error(404, 'Not found');
	return {
		businessCase: { id: businessCase.id, title: businessCase.title, version: businessCase.version },
		status: current.status,
		benefits: current.content.benefits.map((b) => ({
			id: b.id,
			title: b.title,
			detail: `${BENEFIT_KIND_LABEL[b.kind]}, ${BENEFIT_TYPE_LABEL[b.type].toLowerCase()}: ${formatPence(sumPence(b.byYear.map((y) => y.amountPence)))} over ${b.byYear.length} years`
		})),
		editing: editing ? { id: editing.id, values: benefitToFormValues(editing) } : null,
		newValues: emptyBenefit()
	};
};

export const actions: Actions = {
	save: async (event) => {
		const { actor } = await authorise(event, 'business-case:write');
		const { businessCase } = await caseOf(event, actor.organisationId);
		const form = await event.request.formData();
		const values = readBenefitForm(form);
		const version = postedVersion(form);
		const itemId = postedItem(form, 'benefit');
		const parsed = parseBenefitForm(values);
		if (!parsed.ok)
			return answer(
				{ ok: false, reason: 'invalid', errors: parsed.errors },
				{ event, values, version, itemId, field: 'title', redirectTo: '' }
			);
		const result = await caseService.saveBenefit(
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
			redirectTo: `/business-cases/${businessCase.id}/benefits?saved=1`,
			message: `Benefit saved: ${parsed.value.title}.`
		});
	},
	remove: async (event) => {
		const { actor } = await authorise(event, 'business-case:write');
		const { businessCase } = await caseOf(event, actor.organisationId);
		const form = await event.request.formData();
		const version = postedVersion(form);
		const itemId = postedItem(form, 'benefit');
		if (!itemId) error(404, 'Not found');
		const result = await caseService.removeBenefit(actor, businessCase.id, version, itemId);
		return answer(result, {
			event,
			values: null,
			version,
			itemId,
			field: 'items',
			redirectTo: `/business-cases/${businessCase.id}/benefits?removed=1`,
			message: 'Benefit removed.'
		});
	}
};
