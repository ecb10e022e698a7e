import { error, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { authorise } from '$lib/server/auth/guard';
import * as caseService from '$lib/server/services/business-cases';
import { answer, caseOf, postedItem, postedVersion } from '$lib/server/web/business-case-page';
import {
	parseOptionForm,
	readOptionForm,
	emptyOption,
	optionToFormValues
} from '$lib/domain/business-cases';

export const load: PageServerLoad = async (event) => {
	const { organisationId } = await authorise(event, 'business-case:write');
	const { businessCase, current } = await caseOf(event, organisationId);
	const edit = event.url.searchParams.get('edit');
	const editing = edit ? current.content.options.find((o) => o.id === edit) : undefined;
	if (edit && !editing) error(404, 'Not found');
	return {
		businessCase: { id: businessCase.id, title: businessCase.title, version: businessCase.version },
		status: current.status,
		options: current.content.options,
		preferredOptionId: current.content.preferredOptionId,
		editing: editing
			? {
					id: editing.id,
					values: optionToFormValues(editing),
					pulled: {
						costs: editing.costs.filter((c) => c.source === 'cost_model'),
						benefits: editing.benefits.filter((b) => b.source === 'cost_model')
					}
				}
			: null,
		newValues: emptyOption()
	};
};

/** A one-button action on an option (remove, pull from the cost model, choose as preferred). */
async function onOption(
	event: RequestEvent,
	message: string,
	run: (
		actor: Parameters<typeof caseService.removeOption>[0],
		caseId: number,
		version: number,
		optionId: string
	) => ReturnType<typeof caseService.removeOption>
) {
	const { actor } = await authorise(event, 'business-case:write');
	const { businessCase } = await caseOf(event, actor.organisationId);
	const form = await event.request.formData();
	const version = postedVersion(form);
	const optionId = postedItem(form, 'option');
	if (!optionId)
		return answer(
			{ ok: false, reason: 'refused', message: 'Choose an option from the list' },
			{ event, values: null, version, field: 'options', redirectTo: '' }
		);
	const result = await run(actor, businessCase.id, version, optionId);
	return answer(result, {
		event,
		values: null,
		version,
		itemId: optionId,
		field: 'options',
		redirectTo: `/business-cases/${businessCase.id}/options?saved=${optionId}`,
		message
	});
}

export const actions: Actions = {
	save: async (event) => {
		const { actor } = await authorise(event, 'business-case:write');
		const { businessCase } = await caseOf(event, actor.organisationId);
		const form = await event.request.formData();
		const values = readOptionForm(form);
		const version = postedVersion(form);
		const itemId = postedItem(form, 'option');
		const parsed = parseOptionForm(values);
		if (!parsed.ok)
			return answer(
				{ ok: false, reason: 'invalid', errors: parsed.errors },
				{ event, values, version, itemId, field: 'title', redirectTo: '' }
			);
		const result = await caseService.saveOption(
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
			redirectTo: `/business-cases/${businessCase.id}/options?saved=${result.ok ? result.itemId : ''}`,
			message: `Option saved: ${parsed.value.title}.`
		});
	},
	remove: (event) => onOption(event, 'Option removed.', caseService.removeOption),
	pull: (event) =>
		onOption(
			event,
			'Costs and benefits pulled from the cost model.',
			caseService.pullOptionFromCostModel
		),
	prefer: (event) => onOption(event, 'Preferred option chosen.', caseService.choosePreferred)
};
