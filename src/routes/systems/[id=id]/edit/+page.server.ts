import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db/database';
import { authorise } from '$lib/server/auth/guard';
import { recordNotFound, recordOf } from '$lib/server/web/record';
import { answerSave, readVersion, refuse } from '$lib/server/web/versioned-save';
import * as contacts from '$lib/server/services/contacts';
import {
	SYSTEM_FIELD_LABEL,
	SYSTEM_TEXT_FIELDS,
	parseSystemForm,
	readSystemForm,
	systemToFormValues
} from '$lib/domain/systems';
import * as systems from '$lib/server/repos/systems';
import * as organisations from '$lib/server/repos/organisations';
import * as systemService from '$lib/server/services/systems';

export const load: PageServerLoad = async (event) => {
	const { organisationId, actor, role } = await authorise(event, 'catalogue:write');
	const system = await recordOf(event, organisationId, 'system', systems.getSystem);
	// The edit form shows a named contact unmasked, so opening it is recorded like any other view.
	const contact =
		(await contacts.revealContact(actor, role, system.id, 'edit')) ??
		(await recordNotFound(event, 'system', system.id));
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
		await recordOf(event, actor.organisationId, 'system', systems.getSystem, id);
		const form = await event.request.formData();
		const posted = { values: readSystemForm(form), ...readVersion(form, SYSTEM_TEXT_FIELDS) };
		const parsed = parseSystemForm(
			posted.values,
			await organisations.systemFormContext(db(), actor.organisationId)
		);
		if (!parsed.ok) return refuse(posted, parsed.errors);
		let result;
		try {
			result = await systemService.updateSystem(actor, id, posted.version, parsed.value);
		} catch (e) {
			if (!(e instanceof systemService.DuplicateExternalRefError)) throw e;
			return refuse(posted, {
				externalRef: 'External reference is already used by another system'
			});
		}
		return answerSave(event, result, posted, {
			record: { kind: 'system', id },
			done: () => ({
				to: `/systems/${id}`,
				message: `Your changes to ${parsed.value.name} have been saved.`
			}),
			conflict: {
				fields: SYSTEM_TEXT_FIELDS,
				labels: SYSTEM_FIELD_LABEL,
				// The conflict panel shows the current contact only through the audited reveal (masked for a role without it).
				saved: async (current) => {
					const contact =
						(await contacts.revealContact(actor, role, id, 'conflict')) ??
						(await recordNotFound(event, 'system', id));
					return systemToFormValues({ ...current, ...contact });
				}
			}
		});
	}
};
