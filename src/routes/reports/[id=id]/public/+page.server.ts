import type { PageServerLoad } from './$types';
import { authorise } from '$lib/server/auth/guard';
import { reportFor } from '$lib/server/web/report-page';

/** The public version: only an issued report, with no exempt annex and supplier names withheld. */
export const load: PageServerLoad = async (event) => {
	const auth = await authorise(event, 'report:read-issued');
	const view = await reportFor(event, auth, Number(event.params.id), 'public');
	return {
		report: { id: view.report.id, issuedAt: view.report.issuedAt },
		content: view.content,
		publicHash: view.publicHash
	};
};
