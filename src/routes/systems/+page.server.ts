import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db/database';
import { authorise } from '$lib/server/auth/guard';
import { can } from '$lib/domain/permissions';
import { parseSystemQuery } from '$lib/domain/systems';
import * as systems from '$lib/server/repos/systems';
import { systemListFacts } from '$lib/server/services/system-list-facts';
import { serverRendered } from '$lib/components/layout/server-rendered';

export const load: PageServerLoad = async (event) => {
	const { organisationId, role } = await authorise(event, 'catalogue:read');
	const query = parseSystemQuery(event.url.searchParams);
	const kept = systemListFacts(db(), organisationId);
	// Only a search of 3 characters or more needs to know whether the organisation reaches the trigram index.
	const searching = [...query.q].length >= 3;
	const [facts, list] = await Promise.all([
		kept,
		(searching ? kept : Promise.resolve(null)).then((f) =>
			systems.listSystems(db(), organisationId, query, f?.reachesSearchIndex ?? false)
		)
	]);
	return {
		page: serverRendered(event, {
			query,
			canAdd: can(role, 'catalogue:write'),
			...list,
			dataQualityGaps: facts.dataQualityGaps,
			directorates: facts.directorates,
			serviceAreas: facts.serviceAreas,
			workstreams: facts.workstreams
		})
	};
};
