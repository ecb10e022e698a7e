import type { Transport } from '@sveltejs/kit';
import { serverRenderedTransport } from '$lib/components/layout/server-rendered';

/** Custom types in page data. ServerRendered: data of a page rendered only on the server, never sent. */
export const transport: Transport = {
	ServerRendered: serverRenderedTransport
};
