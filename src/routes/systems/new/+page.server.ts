import { fail } from '@sveltejs/kit';
import { redirectWithSuccess } from '$lib/server/web/flash';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db/database';
import { authorise } from '$lib/server/auth/guard';
import { parseSystemForm, readSystemForm } from '$lib/domain/systems';
import * as organisations from '$lib/server/repos/organisations';
import * as systemService from '$lib/server/services/systems';

export const load: PageServerLoad = async (event) => {
	const { organisationId } = await authorise(event, 'catalogue:write');
	const context = await organisations.systemFormContext(db(), organisationId);
	return { directorates: context.directorates, serviceAreas: context.serviceAreas };
};

export const actions: Actions = {
	default: async (event) => {
		const { actor } = await authorise(event, 'catalogue:write');
		const values = readSystemForm(await event.request.formData());
		const parsed = parseSystemForm(
			values,
			await organisations.systemFormContext(db(), actor.organisationId)
		);
		if (!parsed.ok) return fail(400, { values, errors: parsed.errors });
		try {
			const created = await systemService.createSystem(actor, parsed.value);
			redirectWithSuccess(
				event,
				`/systems/${created.id}`,
				`${parsed.value.name} has been added to the catalogue.`
			);
		} catch (e) {
			if (e instanceof systemService.DuplicateExternalRefError) {
				return fail(400, {
					values,
					errors: { externalRef: 'External reference is already used by another system' }
				});
			}
			throw e;
		}
	}
};
