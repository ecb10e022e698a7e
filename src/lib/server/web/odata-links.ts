/**
 * The feed's next links. `$skiptoken` carries where the next page starts, the organisation, the
 * set, a hash of the other query options and an expiry, signed with HMAC-SHA256: a forged or
 * altered link, one for another organisation or set, or one reused with other options is refused.
 * The key is ODATA_LINK_SECRET (set it when several app processes serve one address), or else a
 * random key made at start, so links end with the process (a client then starts again from page 1).
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ODataError } from '$lib/domain/odata';
import type { PagePosition } from '../repos/odata';

/** How long a next link lasts: a refresh of a large report follows them within minutes. */
const LINK_MINUTES = 60;
let key: Buffer | undefined;

function secret(): Buffer {
	key ??= process.env.ODATA_LINK_SECRET
		? createHash('sha256').update(process.env.ODATA_LINK_SECRET).digest()
		: randomBytes(32);
	return key;
}

export interface LinkState extends PagePosition {
	/** Rows given so far (for $top). */
	served: number;
}

interface Payload extends LinkState {
	o: number;
	s: string;
	q: string;
	e: number;
}

/** A hash of the request's query options other than $skiptoken and key: a link is only good with the same ones. */
export function optionsHash(params: URLSearchParams): string {
	const kept = [...params].filter(([k]) => k !== '$skiptoken' && k !== 'key').sort();
	return createHash('sha256').update(JSON.stringify(kept)).digest('base64url').slice(0, 22);
}

function sign(body: string): string {
	return createHmac('sha256', secret()).update(body).digest('base64url');
}

export function makeSkipToken(
	organisationId: number,
	set: string,
	params: URLSearchParams,
	state: LinkState,
	now = Date.now()
): string {
	const payload: Payload = {
		...state,
		o: organisationId,
		s: set,
		q: optionsHash(params),
		e: now + LINK_MINUTES * 60_000
	};
	const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
	return `${body}.${sign(body)}`;
}

const refused = (why: string) =>
	new ODataError(400, 'InvalidSkipToken', `This next link cannot be used: ${why}`, '$skiptoken');

/** The position a $skiptoken names, checked; an ODataError when it is forged, altered, expired or for other options. */
export function readSkipToken(
	token: string,
	organisationId: number,
	set: string,
	params: URLSearchParams,
	now = Date.now()
): LinkState {
	const [body, mac, extra] = token.split('.');
	if (!body || !mac || extra !== undefined || body.length > 2_000) throw refused('it is malformed');
	const expected = Buffer.from(sign(body));
	const given = Buffer.from(mac);
	if (expected.length !== given.length || !timingSafeEqual(expected, given))
		throw refused('it was not made by this service, or has been altered');
	const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Payload;
	if (payload.o !== organisationId || payload.s !== set)
		throw refused('it is for another entity set or organisation');
	if (payload.q !== optionsHash(params))
		throw refused('the query options differ from the first page’s');
	if (payload.e < now) throw refused('it has expired: read the set again from the first page');
	return { afterKey: payload.afterKey, offset: payload.offset, served: payload.served };
}
