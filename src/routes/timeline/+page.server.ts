import type { PageServerLoad } from './$types';
import { authorise } from '$lib/server/auth/guard';
import { todayInUk } from '$lib/domain/dates';
import * as timeline from '$lib/server/services/timeline';

export const load: PageServerLoad = async (event) => {
	const { organisationId } = await authorise(event, 'catalogue:read');
	const asked = event.url.searchParams.get('workstream') ?? '';
	const workstreamId = /^[1-9]\d{0,15}$/.test(asked) ? Number(asked) : null;
	return timeline.timelineOf(organisationId, { workstreamId, today: todayInUk() });
};
