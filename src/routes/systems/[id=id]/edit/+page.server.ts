import { fail } from '@sveltejs/kit';
import { redirectWithSuccess } from '$lib/server/web/flash';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db/database';
import { authorise, notFound } from '$lib/server/auth/guard';
import { wholeNumberField } from '$lib/server/web/http';
import * as contacts from '$lib/server/services/contacts';
import { parseSystemForm, readSystemForm, systemToFormValues, describeConflict, readOriginal } from '$lib/domain/systems';
import * as systems from '$lib/server/repos/systems';
import * as organisations from '$lib/server/repos/organisations';
import * as systemService from '$lib/server/services/systems';

const exists = (organisationId: number, id: number) => systems.systemExistsElsewhere(db(), organisationId, id);

export const load: PageServerLoad = async (event) => {
	const { organisationId, actor, role } = await authorise(event, 'catalogue:write');
	const id = Number(event.params.id);
	const system = await systems.getSystem(db(), organisationId, id);
	if (!system) return notFound(event, 'system', id, exists);
	// The edit form shows a named contact unmasked, so opening it is recorded like any other view.
	const contact = (await contacts.revealContact(actor, role, id, 'edit')) ?? (await notFound(event, 'system', id, exists));
	const context = await organisations.systemFormContext(db(), organisationId);
	return {
		system: { id: system.id, name: system.name, version: system.version },
		values: systemToFormValues({ ...system, ...contact }),
		directorates: context.directorates,
		serviceAreas: context.serviceAreas
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { actor, role } = await authorise(event, 'catalogue:write');
		const id = Number(event.params.id);
		if (!(await systems.getSystem(db(), actor.organisationId, id))) return notFound(event, 'system', id, exists);
		const form = await event.request.formData();
		const values = readSystemForm(form);
		// A missing or tampered version can never match, so it is treated as a conflict, never a 500.
		const version = wholeNumberField(form, 'version') ?? -1;
		const original = readOriginal(form.get('original'));
		const parsed = parseSystemForm(values, await organisations.systemFormContext(db(), actor.organisationId));
		if (!parsed.ok) return fail(400, { values, errors: parsed.errors, version, original });
		let result;
		try {
			result = await systemService.updateSystem(actor, id, version, parsed.value);
		} catch (e) {
			if (!(e instanceof systemService.DuplicateExternalRefError)) throw e;
			return fail(400, { values, errors: { externalRef: 'External reference is already used by another system' }, version, original });
		}
		if (result.ok) redirectWithSuccess(event, `/systems/${id}`, `Your changes to ${parsed.value.name} have been saved.`);
		if (result.reason === 'not-found') return notFound(event, 'system', id, exists);
		// The conflict panel shows the current contact only through the audited reveal (masked for a role without it).
		const contact = (await contacts.revealContact(actor, role, id, 'conflict')) ?? (await notFound(event, 'system', id, exists));
		const saved = systemToFormValues({ ...result.current, ...contact });
		return fail(409, { values, errors: {}, version: result.current.version, original: saved, conflict: describeConflict(original, saved, values) });
	}
};
