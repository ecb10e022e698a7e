import type { PageServerLoad } from './$types';
import { authorise } from '$lib/server/auth/guard';
import { audienceOf, reportFor, reportNotFound } from '$lib/server/web/report-page';
import * as reports from '$lib/server/services/committee-reports';

export const load: PageServerLoad = async (event) => {
	const auth = await authorise(event, 'report:read-issued');
	const id = Number(event.params.id);
	// The diff reads nothing from the annex: the public audience is enough, and leaves no exempt read to audit.
	const audience = audienceOf(auth.role) === 'officer' ? 'officer' : 'public';
	const changes = await reports.sinceLastQuarter(auth.actor, id, audience);
	if (!changes) return reportNotFound(event, id);
	const view = await reportFor(event, auth, id, audience);
	return {
		report: { id, title: view.content.title, quarter: view.content.quarter.label, live: view.live },
		previous: changes.previous,
		diff: changes.diff
	};
};
