import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db/database';
import { authorise } from '$lib/server/auth/guard';
import { can } from '$lib/domain/permissions';
import { parseSystemQuery } from '$lib/domain/systems';
import * as systems from '$lib/server/repos/systems';
import * as dataQuality from '$lib/server/repos/data-quality';
import * as organisations from '$lib/server/repos/organisations';
import * as workstreams from '$lib/server/repos/workstreams';

export const load: PageServerLoad = async (event) => {
	const { organisationId, role } = await authorise(event, 'catalogue:read');
	const query = parseSystemQuery(event.url.searchParams);
	const [list, directorates, serviceAreas, workstreamList, dataQualityGaps] = await Promise.all([
		systems.listSystems(db(), organisationId, query),
		organisations.listDirectorates(db(), organisationId),
		organisations.listServiceAreas(db(), organisationId),
		workstreams.listWorkstreams(db(), organisationId),
		dataQuality.countDataQualityGaps(db(), organisationId)
	]);
	return {
		query,
		canAdd: can(role, 'catalogue:write'),
		...list,
		dataQualityGaps,
		directorates: directorates.map((d) => ({ value: String(d.id), label: d.name })),
		serviceAreas: serviceAreas.map((a) => ({ value: String(a.id), label: a.name })),
		workstreams: workstreamList.map((w) => ({ value: String(w.id), label: w.name }))
	};
};
