import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { authorise } from '$lib/server/auth/guard';
import * as caseService from '$lib/server/services/business-cases';
import { loadOptions, optionButton, saveOption } from '$lib/server/web/case-options-page';

export const load: PageServerLoad = async (event) => {
	const { organisationId } = await authorise(event, 'business-case:write');
	return loadOptions(event, organisationId);
};

/** Every option action needs the right to edit the case: it is checked before the form is read. */
const writer = async (event: RequestEvent) => (await authorise(event, 'business-case:write')).actor;

export const actions: Actions = {
	save: async (event) => saveOption(event, await writer(event)),
	remove: async (event) =>
		optionButton(event, await writer(event), 'Option removed.', caseService.removeOption),
	pull: async (event) =>
		optionButton(
			event,
			await writer(event),
			'Costs and benefits pulled from the cost model.',
			caseService.pullOptionFromCostModel
		),
	prefer: async (event) =>
		optionButton(
			event,
			await writer(event),
			'Preferred option chosen.',
			caseService.choosePreferred
		)
};
