import { fail } from '@sveltejs/kit';
import { redirectWithSuccess } from '$lib/server/web/flash';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db/database';
import { authorise } from '$lib/server/auth/guard';
import * as organisations from '$lib/server/repos/organisations';
import * as organisationService from '$lib/server/services/organisations';
import * as userService from '$lib/server/services/users';
import { TEXT_LIMITS, refuseUnsafeText, text } from '$lib/domain/forms';
import { fieldError } from '$lib/domain/forms';

export const load: PageServerLoad = async (event) => {
	await authorise(event, 'organisation:manage');
	return { organisations: await organisations.listOrganisations(db()) };
};

export const actions: Actions = {
	create: async (event) => {
		const { actor } = await authorise(event, 'organisation:manage');
		const form = await event.request.formData();
		const values = { name: text(form, 'name'), slug: text(form, 'slug').toLowerCase() };
		const errors: Record<string, string> = {};
		if (!values.name) errors.name = 'Enter the name of the organisation';
		if (!/^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$/.test(values.slug))
			errors.slug = 'Short name must be lower-case letters, numbers and hyphens, like north-fire';
		refuseUnsafeText(errors, values, { name: 'Name', slug: 'Short name' }, [], {
			name: TEXT_LIMITS.name,
			slug: 50
		});
		if (Object.keys(errors).length) return fail(400, { values, errors });
		const result = await organisationService.createOrganisation(actor, values);
		if (!result.ok)
			return fail(400, {
				values,
				errors: fieldError('slug', 'Another organisation already has this short name')
			});
		redirectWithSuccess(
			event,
			'/admin/organisations',
			`${result.organisation.name} has been added.`
		);
	},
	act: async (event) => {
		const { actor } = await authorise(event, 'organisation:manage');
		const id = Number((await event.request.formData()).get('organisationId'));
		const switched =
			Number.isSafeInteger(id) &&
			(await userService.actInOrganisation(actor, event.locals.sessionToken ?? '', id));
		if (!switched)
			return fail(400, {
				errors: fieldError('organisationId', 'Select an organisation from the list')
			});
		const name =
			(await organisations.listOrganisations(db())).find((o) => o.id === id)?.name ??
			'the organisation you chose';
		redirectWithSuccess(event, '/', `You are now acting in ${name}.`);
	}
};
