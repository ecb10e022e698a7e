import { fail } from '@sveltejs/kit';
import { redirectWithSuccess } from '$lib/server/web/flash';
import type { Actions, PageServerLoad } from './$types';
import { authorise } from '$lib/server/auth/guard';
import { can } from '$lib/domain/permissions';
import { parseStartForm } from '$lib/domain/reports';
import * as reports from '$lib/server/services/committee-reports';

export const load: PageServerLoad = async (event) => {
	const { organisationId, role } = await authorise(event, 'report:read-issued');
	const canWrite = can(role, 'report:write');
	// Drafts are officers' working papers: only those who write reports see them listed.
	return {
		canWrite,
		reports: canWrite
			? await reports.listAllReports(organisationId)
			: await reports.listIssuedReports(organisationId)
	};
};

export const actions: Actions = {
	create: async (event) => {
		const { actor } = await authorise(event, 'report:write');
		const parsed = parseStartForm(await event.request.formData());
		if (!parsed.ok) return fail(400, { values: parsed.values, errors: parsed.errors });
		const result = await reports.createReportDraft(actor, parsed.value);
		if (result.ok)
			redirectWithSuccess(
				event,
				`/reports/${result.report.id}`,
				"Draft report started. Write the officer's parts below the report, save them, then issue it."
			);
		const errors =
			result.reason === 'invalid'
				? result.errors
				: {
						financialYear:
							result.reason === 'refused' ? result.message : 'The report could not be started'
					};
		return fail(400, { values: parsed.values, errors });
	}
};
