import type { RequestHandler } from './$types';
import { serveEntitySet } from '$lib/server/web/odata-endpoint';

/** $metadata, or an entity set as JSON pages or CSV. Authorised by API token or by a same-site session (web/odata-auth.ts). */
export const GET: RequestHandler = (event) => serveEntitySet(event);
