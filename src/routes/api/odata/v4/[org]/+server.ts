import type { RequestHandler } from './$types';
import { serveServiceDocument } from '$lib/server/web/odata-endpoint';

// Power BI and OData clients write the service root with or without a final slash.
export const trailingSlash = 'ignore';

/** The OData service document. Authorised by API token or by a same-site session (web/odata-auth.ts). */
export const GET: RequestHandler = (event) => serveServiceDocument(event);
