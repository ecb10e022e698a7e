import type { RequestHandler } from './$types';
import { authorise } from '$lib/server/auth/guard';

/**
 * A Power BI connection file for this organisation's feed. It holds the address only, never a
 * token: Power BI asks for the token (Basic: any user name, the token as password) when it opens it.
 */
export const GET: RequestHandler = async (event) => {
	await authorise(event, 'user:manage');
	const slug = event.locals.organisation!.slug;
	const body = {
		version: '0.1',
		connections: [
			{
				details: {
					protocol: 'odata',
					address: { url: `${event.url.origin}/api/odata/v4/${slug}` }
				},
				options: {},
				mode: null
			}
		]
	};
	return new Response(JSON.stringify(body, null, 2), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="${slug}-portfolio.pbids"`,
			'cache-control': 'no-store'
		}
	});
};
