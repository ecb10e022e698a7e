import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { authorise } from '$lib/server/auth/guard';
import { readUploadedFile } from '$lib/server/web/uploaded-file';
import * as importService from '$lib/server/services/imports';
import { fieldError } from '$lib/domain/forms';

export const load: PageServerLoad = async (event) => {
	await authorise(event, 'catalogue:write');
	return { maxMegabytes: Math.round(importService.importMaxBytes() / 1024 / 1024) };
};

export const actions: Actions = {
	upload: async (event) => {
		const { actor } = await authorise(event, 'catalogue:write');
		// Not request.formData(): it parses a 20 MB body in one synchronous step.
		const file = await readUploadedFile(event.request, 'file', importService.importMaxBytes());
		if (!file.ok) return fail(400, { errors: fieldError('file', file.reason) });
		const result = await importService.uploadFile(actor, file.name, file.bytes);
		if (!result.ok)
			return fail(400, { errors: fieldError('file', `${file.name}: ${result.reason}`) });
		redirect(303, `/import/${result.uploadId}`);
	}
};
