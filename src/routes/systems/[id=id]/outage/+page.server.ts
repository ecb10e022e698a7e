import { fail } from '@sveltejs/kit';
import { redirectWithSuccess } from '$lib/server/web/flash';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { db } from '$lib/server/db/database';
import { authorise, notFound, type Authorised } from '$lib/server/auth/guard';
import { wholeNumberField } from '$lib/server/web/http';
import { can } from '$lib/domain/permissions';
import { parseOutageForm, readOutageForm, type OutageFormValues, OUTAGE_FIELD_LABEL, systemOutageRisk, systemOutageValues } from '$lib/domain/systems';
import { describeChanges, readOriginalValues } from '$lib/domain/forms';
import * as systems from '$lib/server/repos/systems';
import * as outage from '$lib/server/repos/outage';
import * as outageService from '$lib/server/services/outage';

const exists = (organisationId: number, id: number) => systems.systemExistsElsewhere(db(), organisationId, id);
const FIELDS = Object.keys(OUTAGE_FIELD_LABEL) as (keyof OutageFormValues)[];

async function systemOf(event: RequestEvent, organisationId: number) {
	const id = Number(event.params.id);
	return (await systems.getSystem(db(), organisationId, id)) ?? notFound(event, 'system', id, exists);
}

export const load: PageServerLoad = async (event) => {
	const { organisationId, role } = await authorise(event, 'catalogue:read');
	const s = await systemOf(event, organisationId);
	const fallback = await outage.getOutageDefault(db(), organisationId);
	const defaultPence = fallback.costPerUserHourPence;
	return {
		system: { id: s.id, name: s.name, version: s.version },
		values: systemOutageValues(s),
		risk: systemOutageRisk(s, defaultPence),
		defaultCost: { pence: defaultPence, basis: fallback.basis },
		canEdit: can(role, 'catalogue:write'),
		done: event.url.searchParams.get('done')
	};
};

/** Saves (or, with `clear`, removes) the figures from the version the form was opened at. */
async function save(event: RequestEvent, actor: Authorised['actor'], clear: boolean) {
	const s = await systemOf(event, actor.organisationId);
	const form = await event.request.formData();
	const values = readOutageForm(form);
	const version = wholeNumberField(form, 'version') ?? -1;
	const original = readOriginalValues(form.get('original'), FIELDS);
	const parsed = clear ? ({ ok: true, value: null } as const) : parseOutageForm(values);
	if (!parsed.ok) return fail(400, { values, errors: parsed.errors, version, original });
	const result = await outageService.setSystemOutage(actor, s.id, version, parsed.value);
	if (result.ok) redirectWithSuccess(event, `/systems/${s.id}/outage?done=${clear ? 'cleared' : 'saved'}`, clear ? 'Outage figures removed.' : 'Outage figures saved.');
	if (result.reason === 'not-found') return notFound(event, 'system', s.id, exists);
	const saved = systemOutageValues(result.current);
	return fail(409, { values, errors: {}, version: result.current.version, original: saved, conflict: describeChanges(FIELDS, OUTAGE_FIELD_LABEL, original, saved, values) });
}

export const actions: Actions = {
	save: async (event) => {
		const { actor } = await authorise(event, 'catalogue:write');
		return save(event, actor, false);
	},
	clear: async (event) => {
		const { actor } = await authorise(event, 'catalogue:write');
		return save(event, actor, true);
	}
};
