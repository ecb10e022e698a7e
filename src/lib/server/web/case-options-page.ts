/**
 * The business case's options page once the route has authorised the caller: its data, the save
 * of an option's form, and the one-button actions on an option (remove, pull from the cost model,
 * choose as preferred). Unlike risks and benefits, an option carries flows pulled from the cost
 * model and the case names one as preferred, so it has a page of its own rather than a CaseItemPage.
 */
import type { RequestEvent } from '@sveltejs/kit';
import type { Actor } from '../services/actor';
import * as caseService from '../services/business-cases';
import type { CaseResult } from '../services/business-case-draft';
import { answer, caseOf, itemToEdit, postedItem, postedVersion } from './business-case-page';
import {
	parseOptionForm,
	readOptionForm,
	emptyOption,
	optionToFormValues
} from '$lib/domain/business-cases';

/** The case, its options and preferred one, the option being edited (`?edit=option-2`, else a 404) and the empty form. */
export async function loadOptions(event: RequestEvent, organisationId: number) {
	const { businessCase, current } = await caseOf(event, organisationId);
	const editing = itemToEdit(event.url, current.content.options);
	return {
		businessCase: { id: businessCase.id, title: businessCase.title, version: businessCase.version },
		status: current.status,
		options: current.content.options,
		preferredOptionId: current.content.preferredOptionId,
		editing: editing
			? {
					id: editing.id,
					values: optionToFormValues(editing),
					// Shown read-only: the form edits only the flows typed in.
					pulled: {
						costs: editing.costs.filter((c) => c.source === 'cost_model'),
						benefits: editing.benefits.filter((b) => b.source === 'cost_model')
					}
				}
			: null,
		newValues: emptyOption()
	};
}

/** Adds an option, or saves the one named by the form's `itemId`, at the case version the form was opened at. */
export async function saveOption(event: RequestEvent, actor: Actor) {
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
}

/** A service's change to one option of a case at the version the form was opened at. */
type OptionChange = (
	actor: Actor,
	caseId: number,
	version: number,
	optionId: string
) => Promise<CaseResult>;

/** A one-button action on the option the form names: `run` it, then back to the page with `message`. */
export async function optionButton(
	event: RequestEvent,
	actor: Actor,
	message: string,
	run: OptionChange
) {
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
