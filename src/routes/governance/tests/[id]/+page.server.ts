import type { PageServerLoad } from './$types';
import { db } from '$lib/server/database';
import { authorise, idParam, notFound } from '$lib/server/http';
import * as recovery from '$lib/server/repos/governance-recovery';
import * as register from '$lib/server/services/governance-register';

const exists = (organisationId: number, id: number) => recovery.testExistsElsewhere(db(), organisationId, id);

export const load: PageServerLoad = async (event) => {
	const { organisationId } = await authorise(event, 'governance:read');
	const id = idParam(event.params.id);
	const test = (await register.testRegister(db(), organisationId)).find((t) => t.id === id) ?? (await notFound(event, 'recovery_test', id, exists));
	const actions = (await recovery.listActions(db(), organisationId)).filter((a) => a.testId === id);
	return { test, actions };
};
