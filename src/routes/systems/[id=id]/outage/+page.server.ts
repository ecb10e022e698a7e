import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { db } from '$lib/server/db/database';
import { authorise, type Authorised } from '$lib/server/auth/guard';
import { recordOf } from '$lib/server/web/record';
import { answerSave, readVersion, refuse } from '$lib/server/web/versioned-save';
import { can } from '$lib/domain/permissions';
import {
	parseOutageForm,
	readOutageForm,
	type OutageFormValues,
	OUTAGE_FIELD_LABEL,
	systemOutageRisk,
	systemOutageValues
} from '$lib/domain/systems';
import * as systems from '$lib/server/repos/systems';
import * as outage from '$lib/server/repos/outage';
import * as outageService from '$lib/server/services/outage';

const FIELDS = Object.keys(OUTAGE_FIELD_LABEL) as (keyof OutageFormValues)[];

export const load: PageServerLoad = async (event) => {
	const { organisationId, role } = await authorise(event, 'catalogue:read');
	const s = await recordOf(event, organisationId, 'system', systems.getSystem);
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
	const s = await recordOf(event, actor.organisationId, 'system', systems.getSystem);
	const form = await event.request.formData();
	const posted = { values: readOutageForm(form), ...readVersion(form, FIELDS) };
	const parsed = clear ? ({ ok: true, value: null } as const) : parseOutageForm(posted.values);
	if (!parsed.ok) return refuse(posted, parsed.errors);
	const result = await outageService.setSystemOutage(actor, s.id, posted.version, parsed.value);
	return answerSave(event, result, posted, {
		record: { kind: 'system', id: s.id },
		done: () => ({
			to: `/systems/${s.id}/outage?done=${clear ? 'cleared' : 'saved'}`,
			message: clear ? 'Outage figures removed.' : 'Outage figures saved.'
		}),
		conflict: { fields: FIELDS, labels: OUTAGE_FIELD_LABEL, saved: systemOutageValues }
	});
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
