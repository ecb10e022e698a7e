import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db/database';
import { authorise } from '$lib/server/auth/guard';
import { wholeNumberField } from '$lib/server/web/http';
import { redirectWithSuccess } from '$lib/server/web/flash';
import { can } from '$lib/domain/permissions';
import { todayInUk } from '$lib/domain/dates';
import * as recovery from '$lib/server/repos/governance-recovery';
import * as register from '$lib/server/services/governance-register';
import { completeAction } from '$lib/server/services/governance-recovery';

export const load: PageServerLoad = async (event) => {
	const { organisationId, role } = await authorise(event, 'governance:read');
	const [tests, actions] = await Promise.all([
		register.testRegister(db(), organisationId),
		recovery.listActions(db(), organisationId, true)
	]);
	return { today: todayInUk(), tests, actions, canEdit: can(role, 'governance:write') };
};

export const actions: Actions = {
	/** Marks an open action done today. */
	complete: async (event) => {
		const { actor } = await authorise(event, 'governance:write');
		const actionId = wholeNumberField(await event.request.formData(), 'actionId');
		if (actionId == null || !(await completeAction(actor, actionId, todayInUk())))
			return fail(400, {
				errors: { actions: 'That action is already done, or is not one of yours' } as Record<
					string,
					string
				>
			});
		redirectWithSuccess(event, '/governance/tests', 'Action marked as done.');
	}
};
