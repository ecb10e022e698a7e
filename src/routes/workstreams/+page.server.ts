import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db/database';
import { authorise } from '$lib/server/auth/guard';
import * as workstreams from '$lib/server/repos/workstreams';

export const load: PageServerLoad = async (event) => {
	const { organisationId } = await authorise(event, 'catalogue:read');
	return { workstreams: await workstreams.summariseWorkstreams(db(), organisationId) };
};
