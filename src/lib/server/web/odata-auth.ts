/**
 * Who is calling the OData feed: an API token only, never the session cookie (so no other site can
 * make a signed-in browser read the feed). The token may come as `Authorization: Bearer`, as the
 * password of Basic authentication (Power BI's and Excel's 'Basic' credential; the user name is
 * ignored) or as the `key` query parameter (Power BI's 'Web API' key). The request log records the
 * path only, never headers or the query string, so the token is never written to the log.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { ODataError, type EntitySetName } from '$lib/domain/odata';
import * as apiTokens from '../services/api-tokens';
import { clientAddress } from '../auth/guard';

export interface ApiCaller {
	tokenId: number;
	organisationId: number;
	scopes: readonly EntitySetName[];
}

/** Requests per token per minute before 429 (ODATA_REQUESTS_PER_MINUTE; a Power BI refresh of every set pages ~50 times). */
function perMinute(): number {
	const n = Number(process.env.ODATA_REQUESTS_PER_MINUTE ?? 300);
	return Number.isSafeInteger(n) && n > 0 ? n : 300;
}

/** Requests in the current minute by token id: counts only, dropped as each minute passes. */
const windows = new Map<number, { start: number; count: number }>();

/** Seconds until the token may call again, or 0 when this request is within its limit. */
export function rateLimited(tokenId: number, now = Date.now()): number {
	const window = windows.get(tokenId);
	if (!window || now - window.start >= 60_000) {
		if (windows.size > 10_000) windows.clear();
		windows.set(tokenId, { start: now, count: 1 });
		return 0;
	}
	window.count++;
	return window.count > perMinute() ? Math.ceil((window.start + 60_000 - now) / 1000) : 0;
}

/** The credential the request carries, or null. */
export function credentialOf(request: Request, url: URL): string | null {
	const header = request.headers.get('authorization') ?? '';
	const bearer = /^Bearer\s+(\S+)$/i.exec(header);
	if (bearer?.[1]) return bearer[1];
	const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header);
	if (basic?.[1]) {
		const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
		const colon = decoded.indexOf(':');
		return colon < 0 ? decoded : decoded.slice(colon + 1) || decoded.slice(0, colon);
	}
	return url.searchParams.get('key');
}

const CHALLENGE =
	'Bearer realm="ICT Portfolio Planner OData", Basic realm="ICT Portfolio Planner OData"';

export class ApiRefusal extends ODataError {
	constructor(
		status: number,
		code: string,
		message: string,
		readonly headers: Record<string, string> = {}
	) {
		super(status, code, message);
	}
}

/**
 * The token's caller for a request to organisation `slug`'s feed, counted; or an ApiRefusal:
 * 401 without a live token, 403 for a token of another organisation, 429 over the rate.
 */
export async function apiCaller(event: RequestEvent, slug: string): Promise<ApiCaller> {
	const credential = credentialOf(event.request, event.url);
	if (!credential)
		throw new ApiRefusal(401, 'Unauthorized', 'Send an API token (Bearer, Basic or key=)', {
			'www-authenticate': CHALLENGE
		});
	const check = await apiTokens.checkToken(credential);
	if (!check.ok) {
		const why = { unknown: 'is not known', expired: 'has expired', revoked: 'has been revoked' };
		throw new ApiRefusal(401, 'Unauthorized', `The API token ${why[check.reason]}`, {
			'www-authenticate': CHALLENGE
		});
	}
	const { token } = check;
	if (token.organisationSlug !== slug)
		throw new ApiRefusal(403, 'Forbidden', 'This API token belongs to another organisation');
	const wait = rateLimited(token.id);
	if (wait > 0)
		throw new ApiRefusal(429, 'TooManyRequests', `Too many requests: try again in ${wait} s`, {
			'retry-after': String(wait)
		});
	await apiTokens.recordUse(token, {
		requestId: event.locals.requestId,
		ip: clientAddress(event),
		what: `GET ${event.url.pathname}`
	});
	return {
		tokenId: token.id,
		organisationId: token.organisationId,
		scopes: apiTokens.scopesOf(token)
	};
}
