import { fail } from '@sveltejs/kit';
import { redirectWithSuccess } from '$lib/server/web/flash';
import type { Actions, PageServerLoad } from './$types';
import { authorise } from '$lib/server/auth/guard';
import { recordNotFound } from '$lib/server/web/record';
import { readSystemImportOptions } from '$lib/domain/csv/preview-options';
import { summariseProblems } from '$lib/domain/csv/problem-summary';
import { readReplaceAgreed } from '$lib/domain/csv/agreed-reviews';
import * as importService from '$lib/server/services/imports';
import * as results from '$lib/server/repos/import-results';
import { db } from '$lib/server/db/database';

/** The preview: decided afresh from the kept file and the officer's corrections in the URL. */
export const load: PageServerLoad = async (event) => {
	const { actor } = await authorise(event, 'catalogue:write');
	const id = Number(event.params.id);
	const preview = await importService.previewUpload(
		actor,
		id,
		readSystemImportOptions(event.url.searchParams)
	);
	if (!preview) return recordNotFound(event, 'import', id);
	// The page lists the first 500 problems (the rejected-rows download has them all), and how many rows have each kind.
	const { counts, problems, warnings, agreed } = preview.plan;
	return {
		preview: {
			...preview,
			plan: {
				counts,
				warnings,
				agreed,
				problems: problems.slice(0, 500),
				problemCount: problems.length,
				kinds: summariseProblems(problems)
			}
		}
	};
};

export const actions: Actions = {
	commit: async (event) => {
		const { actor } = await authorise(event, 'catalogue:write');
		const id = Number(event.params.id);
		const form = await event.request.formData();
		const options = { ...readSystemImportOptions(form), replaceAgreed: readReplaceAgreed(form) };
		const result = await importService.commitUpload(
			actor,
			id,
			options,
			String(form.get('plan') ?? '')
		);
		if (result.ok) {
			// The result page reads what was done from the audit row the commit just wrote.
			const auditId = await results.latestImportAuditId(db(), actor.organisationId, id);
			redirectWithSuccess(
				event,
				auditId == null ? '/systems' : `/import/result/${auditId}`,
				`Import complete: ${result.counts.create} ${result.counts.create === 1 ? 'system' : 'systems'} added, ${result.counts.update} updated${result.leftOut > 0 ? `, ${result.leftOut} left out (agreed review)` : ''}.${result.replanned ? ' Something changed after your preview, so the file was checked again before importing: it still does exactly what the preview showed.' : ''}`
			);
		}
		if (result.reason === 'not-found') return recordNotFound(event, 'import', id);
		return fail(409, {
			commitError:
				result.reason === 'changed'
					? 'The systems changed since this preview was made. Check the new preview below, then import again.'
					: 'This file cannot be imported until the problems below are fixed.'
		});
	}
};
