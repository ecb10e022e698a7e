import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/database';
import { actorOf, idParam, organisationOf } from '$lib/server/http';
import { parseSystemForm, readSystemForm, systemToFormValues, describeConflict, readOriginal } from '$lib/domain/system-form';
import * as systems from '$lib/server/repos/systems';
import * as organisations from '$lib/server/repos/organisations';
import * as systemService from '$lib/server/services/systems';

export const load: PageServerLoad = async ({ locals, params }) => {
	const org = organisationOf(locals);
	const system = await systems.getSystem(db(), org.id, idParam(params.id));
	if (!system) error(404, 'Not found');
	const context = await organisations.systemFormContext(db(), org.id);
	return { system, values: systemToFormValues(system), directorates: context.directorates, serviceAreas: context.serviceAreas };
};

export const actions: Actions = {
	default: async ({ locals, params, request }) => {
		const actor = actorOf(locals);
		const id = idParam(params.id);
		const form = await request.formData();
		const values = readSystemForm(form);
		const version = Number(form.get('version'));
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
		if (result.ok) redirect(303, `/systems/${id}`);
		if (result.reason === 'not-found') error(404, 'Not found');
		const saved = systemToFormValues(result.current);
		return fail(409, { values, errors: {}, version: result.current.version, original: saved, conflict: describeConflict(original, saved, values) });
	}
};
