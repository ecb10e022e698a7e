/**
 * Who is calling the OData feed: an API token, or a signed-in person's session. The token may come
 * as `Authorization: Bearer`, as the password of Basic authentication (Power BI's and Excel's
 * 'Basic' credential; the user name is ignored) or as the `key` query parameter (Power BI's 'Web API'
 * key). The request log records the path only, never headers or the query string, so the token is
 * never written to the log. A session reads its own organisation's feed with the sets its role may
 * see in the app (SET_PERMISSION), only from the app's own pages or an address typed in: the cookie
 * is SameSite=Lax, so other sites' fetches never carry it, and a request the browser marks as
 * coming from another site (Sec-Fetch-Site, or an Origin that is not ours) is refused as well.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { ODataError, setsForRole, type EntitySetName } from '$lib/domain/odata';
import * as apiTokens from '../services/api-tokens';
import { actorFrom, clientAddress } from '../auth/guard';
import { transaction } from '../db/database';
import { recordAudit } from '../repos/audit';

export interface ApiCaller {
	/** The token's id, or null for a signed-in person's session. */
	tokenId: number | null;
	organisationId: number;
	scopes: readonly EntitySetName[];
}

/** Requests per token per minute before 429 (ODATA_REQUESTS_PER_MINUTE; a Power BI refresh of every set pages ~50 times). */
function perMinute(): number {
	const n = Number(process.env.ODATA_REQUESTS_PER_MINUTE ?? 300);
	return Number.isSafeInteger(n) && n > 0 ? n : 300;
}

/** Requests in the current minute by token ('t' and its id) or person ('u'): counts only, dropped as each minute passes. */
const windows = new Map<string, { start: number; count: number }>();

/** Seconds until the token (or person) may call again, or 0 when this request is within its limit. */
export function rateLimited(caller: string, now = Date.now()): number {
	const window = windows.get(caller);
	if (!window || now - window.start >= 60_000) {
		if (windows.size > 10_000) windows.clear();
		windows.set(caller, { start: now, count: 1 });
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
	if (!credential && event.locals.user && event.locals.organisation)
		return sessionCaller(event, slug);
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
	refuseOverRate(`t${token.id}`);
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

function refuseOverRate(caller: string): void {
	const wait = rateLimited(caller);
	if (wait > 0)
		throw new ApiRefusal(429, 'TooManyRequests', `Too many requests: try again in ${wait} s`, {
			'retry-after': String(wait)
		});
}

/** Whether the browser says the request came from another site (the fetch metadata, or else the Origin). */
export function crossSite(request: Request, origin: string): boolean {
	const site = request.headers.get('sec-fetch-site');
	if (site) return site !== 'same-origin' && site !== 'none';
	const from = request.headers.get('origin');
	return from !== null && from !== origin;
}

/** A denied read by a signed-in person, in the audit trail as the guard writes one. */
async function auditDenied(event: RequestEvent, why: string): Promise<void> {
	await transaction((tx) =>
		recordAudit(tx, actorFrom(event), {
			entity: 'access',
			action: 'access-denied',
			detail: `${event.request.method} ${event.url.pathname}: ${why}`
		})
	);
}

/**
 * A signed-in person reading the feed with their session: only their own organisation's address
 * (another organisation's is the same 404 as an unknown one, audited), only the sets their role may
 * see in the app, and never for a request another site made.
 */
async function sessionCaller(event: RequestEvent, slug: string): Promise<ApiCaller> {
	const user = event.locals.user!;
	const organisation = event.locals.organisation!;
	if (crossSite(event.request, event.url.origin))
		throw new ApiRefusal(
			403,
			'CrossSiteRequest',
			'A signed-in session reads the feed only from this site: use an API token elsewhere'
		);
	if (organisation.slug !== slug) {
		await auditDenied(event, 'the feed of another organisation');
		throw new ODataError(404, 'NotFound', 'There is no feed at this address');
	}
	refuseOverRate(`u${user.id}`);
	return { tokenId: null, organisationId: organisation.id, scopes: setsForRole(user.role) };
}

/** The 403 for a set the caller may not read: a person's attempt is audited as the guard audits one. */
export async function refuseSet(
	event: RequestEvent,
	caller: ApiCaller,
	set: string
): Promise<never> {
	if (caller.tokenId === null) {
		await auditDenied(event, `the feed's ${set} needs a role that may read it`);
		throw new ApiRefusal(403, 'Forbidden', `Your role may not read ${set}`);
	}
	throw new ApiRefusal(403, 'Forbidden', `This API token may not read ${set}`);
}
