import type { PageServerLoad } from './$types';
import { db } from '$lib/server/database';
import { organisationOf } from '$lib/server/http';
import { parseSystemQuery } from '$lib/domain/system-query';
import * as systems from '$lib/server/repos/systems';
import * as organisations from '$lib/server/repos/organisations';
import * as workstreams from '$lib/server/repos/workstreams';

export const load: PageServerLoad = async ({ locals, url }) => {
	const org = organisationOf(locals);
	const query = parseSystemQuery(url.searchParams);
	const [list, directorates, serviceAreas, workstreamList] = await Promise.all([
		systems.listSystems(db(), org.id, query),
		organisations.listDirectorates(db(), org.id),
		organisations.listServiceAreas(db(), org.id),
		workstreams.listWorkstreams(db(), org.id)
	]);
	return {
		query,
		...list,
		directorates: directorates.map((d) => ({ value: String(d.id), label: d.name })),
		serviceAreas: serviceAreas.map((a) => ({ value: String(a.id), label: a.name })),
		workstreams: workstreamList.map((w) => ({ value: String(w.id), label: w.name }))
	};
};
