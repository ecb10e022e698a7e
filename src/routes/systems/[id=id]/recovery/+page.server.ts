import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { db } from '$lib/server/db/database';
import { authorise } from '$lib/server/auth/guard';
import { recordOf } from '$lib/server/web/record';
import { can } from '$lib/domain/permissions';
import * as systems from '$lib/server/repos/systems';
import * as outage from '$lib/server/repos/outage';
import * as recovery from '$lib/server/repos/governance-recovery';
import { saveObjectives } from '$lib/server/web/governance-pages';
import { objectiveComparable, objectiveValues } from '$lib/domain/governance/forms';
import { rtoOutageCost } from '$lib/domain/governance/recovery';

const systemOf = (event: RequestEvent, organisationId: number) =>
	recordOf(event, organisationId, 'system', systems.getSystem);

export const load: PageServerLoad = async (event) => {
	const { organisationId, role } = await authorise(event, 'governance:read');
	const s = await systemOf(event, organisationId);
	const [objectives, fallback] = await Promise.all([
		recovery.getObjectives(db(), organisationId, s.id),
		outage.getOutageDefault(db(), organisationId)
	]);
	const values = objectiveValues(objectives);
	return {
		system: { id: s.id, name: s.name },
		objectives: objectives
			? {
					rtoMinutes: objectives.rtoMinutes,
					rpoMinutes: objectives.rpoMinutes,
					mtpdMinutes: objectives.mtpdMinutes,
					restorationOrder: objectives.restorationOrder,
					agreedBy: objectives.agreedBy,
					agreedOn: objectives.agreedOn
				}
			: null,
		cost: objectives
			? rtoOutageCost(objectives.rtoMinutes, s, fallback?.costPerUserHourPence ?? 1300)
			: null,
		values,
		original: objectiveComparable(values),
		// 0: the form is opened before there are objectives (saved ones start at version 1).
		version: objectives?.version ?? 0,
		canEdit: can(role, 'governance:write')
	};
};

export const actions: Actions = {
	save: async (event) => {
		const { actor } = await authorise(event, 'governance:write');
		const s = await systemOf(event, actor.organisationId);
		return saveObjectives(event, actor, s.id);
	}
};
