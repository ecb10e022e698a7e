import type { RequestHandler } from './$types';
import { authorise } from '$lib/server/auth/guard';
import { importTemplateCsv } from '$lib/domain/csv/template';

export const GET: RequestHandler = async (event) => {
	await authorise(event, 'catalogue:write');
	return new Response(importTemplateCsv(), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': 'attachment; filename="systems-import-template.csv"'
		}
	});
};
