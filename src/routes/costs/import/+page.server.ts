import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { authorise } from '$lib/server/http';
import * as costImport from '$lib/server/services/cost-import';

export const load: PageServerLoad = async (event) => {
	await authorise(event, 'catalogue:write');
	return { maxMegabytes: Math.round(costImport.importMaxBytes() / 1024 / 1024) };
};

export const actions: Actions = {
	upload: async (event) => {
		const { actor } = await authorise(event, 'catalogue:write');
		const file = (await event.request.formData()).get('file');
		if (!(file instanceof File) || file.size === 0) return fail(400, { errors: { file: 'Select a CSV file' } as Record<string, string> });
		const result = await costImport.uploadFile(actor, file.name, new Uint8Array(await file.arrayBuffer()));
		if (!result.ok) return fail(400, { errors: { file: `${file.name}: ${result.reason}` } as Record<string, string> });
		redirect(303, `/costs/import/${result.uploadId}`);
	}
};
