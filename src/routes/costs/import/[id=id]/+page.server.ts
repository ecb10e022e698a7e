import { fail } from '@sveltejs/kit';
import { redirectWithSuccess } from '$lib/server/web/flash';
import type { Actions, PageServerLoad } from './$types';
import { authorise } from '$lib/server/auth/guard';
import { recordNotFound } from '$lib/server/web/record';
import { summariseProblems } from '$lib/domain/csv/problem-summary';
import { readCostImportOptions } from '$lib/domain/csv/preview-options';
import * as costImport from '$lib/server/services/cost-import';
import * as results from '$lib/server/repos/import-results';
import { db } from '$lib/server/db/database';

/** The preview, decided afresh from the kept file and the officer's choices in the URL (separator, words' meanings). */
export const load: PageServerLoad = async (event) => {
	const { actor } = await authorise(event, 'catalogue:write');
	const id = Number(event.params.id);
	const preview = await costImport.previewCostUpload(
		actor,
		id,
		readCostImportOptions(event.url.searchParams)
	);
	if (!preview) return recordNotFound(event, 'import', id);
	// The page lists the first 500 problems (the rejected-rows download has them all), and how many rows have each kind.
	return {
		preview: {
			...preview,
			problems: preview.problems.slice(0, 500),
			problemCount: preview.problems.length,
			kinds: summariseProblems(preview.problems)
		}
	};
};

export const actions: Actions = {
	commit: async (event) => {
		const { actor } = await authorise(event, 'catalogue:write');
		const id = Number(event.params.id);
		const form = await event.request.formData();
		const result = await costImport.commitCostUpload(
			actor,
			id,
			readCostImportOptions(form),
			String(form.get('plan') ?? '')
		);
		if (result.ok) {
			const n = result.counts.create + result.counts.update;
			const auditId = await results.latestImportAuditId(db(), actor.organisationId, id);
			redirectWithSuccess(
				event,
				auditId == null ? `/costs/import?imported=${n}` : `/import/result/${auditId}`,
				`${n} cost ${n === 1 ? 'line' : 'lines'} imported`
			);
		}
		if (result.reason === 'not-found') return recordNotFound(event, 'import', id);
		return fail(409, {
			commitError:
				result.reason === 'changed'
					? 'The cost lines changed since this preview was made. Check the new preview below, then import again.'
					: 'This file cannot be imported until the problems below are fixed.'
		});
	}
};
