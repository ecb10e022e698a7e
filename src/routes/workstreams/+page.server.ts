import type { PageServerLoad } from './$types';
import { db } from '$lib/server/database';
import { organisationOf } from '$lib/server/http';
import * as workstreams from '$lib/server/repos/workstreams';

export const load: PageServerLoad = async ({ locals }) => {
	return { workstreams: await workstreams.summariseWorkstreams(db(), organisationOf(locals).id) };
};
