import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db/database';
import { authorise } from '$lib/server/auth/guard';
import { wholeNumberField } from '$lib/server/web/http';
import { recordNotFound } from '$lib/server/web/record';
import { answerButton } from '$lib/server/web/button-answer';
import * as systems from '$lib/server/repos/systems';
import * as workstreams from '$lib/server/repos/workstreams';
import * as systemService from '$lib/server/services/systems';

/** Archiving takes a system out of every list and total and cannot be undone here: it is asked for on a page of its own. */
export const load: PageServerLoad = async (event) => {
	const { organisationId } = await authorise(event, 'catalogue:write');
	const id = Number(event.params.id);
	const system = await systems.getSystem(db(), organisationId, id);
	if (!system) return recordNotFound(event, 'system', id);
	const links = await workstreams.listWorkstreamsOfSystem(db(), organisationId, id);
	return {
		system: { id: system.id, name: system.name, version: system.version },
		workstreams: links.map((w) => ({ id: w.id, name: w.name }))
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { actor } = await authorise(event, 'catalogue:write');
		const id = Number(event.params.id);
		const version = wholeNumberField(await event.request.formData(), 'version') ?? -1;
		const result = await systemService.archiveSystem(actor, id, version);
		return answerButton(event, result, {
			field: 'archive',
			refusal: { version },
			record: { kind: 'system', id },
			done: ({ system }) => ({
				to: '/systems',
				message: `${system.name} has been archived. Its record, reviews and history are kept.`
			}),
			conflict: (current) => {
				const archived = current.lifecycle === 'archived';
				return {
					errors: {
						archive: archived
							? 'Someone archived this system after you opened this page: it is no longer in the catalogue'
							: 'Someone changed this system after you opened this page: check it as now saved, then archive it again if you still mean to'
					},
					version: current.version,
					archived
				};
			}
		});
	}
};
