import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db/database';
import { authorise } from '$lib/server/auth/guard';
import { recordNotFound } from '$lib/server/web/record';
import * as recovery from '$lib/server/repos/governance-recovery';
import * as register from '$lib/server/services/governance-register';

export const load: PageServerLoad = async (event) => {
	const { organisationId } = await authorise(event, 'governance:read');
	const id = Number(event.params.id);
	const test =
		(await register.testRegister(db(), organisationId)).find((t) => t.id === id) ??
		(await recordNotFound(event, 'recovery_test', id));
	const actions = (await recovery.listActions(db(), organisationId)).filter((a) => a.testId === id);
	return { test, actions };
};
