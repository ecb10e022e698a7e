/**
 * Request body limits, counted on the bytes actually read. adapter-node has one BODY_SIZE_LIMIT for
 * every route, raised for spreadsheet uploads (server.js sets 21M), and a chunked request carries no
 * Content-Length to check: so the declared length is checked first and the body itself is counted
 * as the route reads it, against the limit of that route and that user.
 */
import { error, type Handle, type RequestEvent } from '@sveltejs/kit';
import { can, type Action } from '$lib/domain/permissions';
import { importMaxBytes } from '../services/imports';

/** Every form and endpoint: the longest text field the forms accept is 8,000 characters, a few per form. */
export const FORM_BODY_LIMIT = 1024 * 1024;
/** A few short fields, some open to anyone: sign-in, sign-out, first set-up, change of password. */
export const SMALL_FORM_LIMIT = 16 * 1024;
const SMALL_FORM_ROUTES = new Set(['/sign-in', '/sign-out', '/setup', '/account/password']);
/** The spreadsheet upload pages (systems, cost lines): the only routes that take a large body. */
export const UPLOAD_ROUTES = new Set(['/import', '/costs/import']);
/** Their upload actions authorise this; anyone else's large body there is refused unread. */
export const UPLOAD_PERMISSION: Action = 'catalogue:write';
/** What a multipart envelope adds to the file (boundaries, part headers, other fields). */
const MULTIPART_ALLOWANCE = 1024 * 1024;

type LimitEvent = Pick<RequestEvent, 'request' | 'url' | 'locals'>;

function isUpload(event: LimitEvent): boolean {
	return event.request.method === 'POST' && UPLOAD_ROUTES.has(event.url.pathname);
}

function mayUpload(event: LimitEvent): boolean {
	return isUpload(event) && can(event.locals.user?.role, UPLOAD_PERMISSION);
}

/** The most this request may send, in bytes. */
export function bodyLimitFor(event: LimitEvent): number {
	if (mayUpload(event)) return importMaxBytes() + MULTIPART_ALLOWANCE;
	return SMALL_FORM_ROUTES.has(event.url.pathname) ? SMALL_FORM_LIMIT : FORM_BODY_LIMIT;
}

/**
 * The refusal. `Connection: close` so the server stops reading whatever the client is still sending
 * rather than draining it to keep the connection alive.
 */
export function tooLarge(limit: number): Response {
	const size =
		limit >= 1024 * 1024
			? `${Math.round(limit / 1024 / 1024)} MB`
			: `${Math.round(limit / 1024)} KB`;
	return new Response(`The request is too large: this page accepts at most ${size}.`, {
		status: 413,
		headers: { 'content-type': 'text/plain; charset=utf-8', connection: 'close' }
	});
}

/** kit's own HttpError, as an object to pass to a stream (kit does not export the class). */
function payloadTooLarge(): unknown {
	try {
		error(413, 'The request is too large');
	} catch (thrown) {
		return thrown;
	}
}

interface CountedBody {
	request: Request;
	/** More than the limit was sent (counted here, or by adapter-node's own limit). */
	exceeded: boolean;
	/** The route read the body to its end (false when nothing could read it). */
	finished: boolean;
}

/**
 * A copy of `request` whose body fails with a 413 once more than `limit` bytes have been read.
 * The source is left unread, not cancelled: cancelling adapter-node's stream destroys the socket,
 * and the 413 could not be sent.
 */
export function countBody(request: Request, limit: number): CountedBody {
	const counted: CountedBody = { request, exceeded: false, finished: false };
	// adapter-node gives no body to a request without a Content-Type: what was sent stays unread.
	if (!request.body) return counted;
	const source = request.body.getReader();
	let read = 0;
	const body = new ReadableStream<Uint8Array>({
		async pull(controller) {
			try {
				const { done, value } = await source.read();
				if (done) {
					counted.finished = true;
					return controller.close();
				}
				read += value.byteLength;
				if (read > limit) throw payloadTooLarge();
				controller.enqueue(value);
			} catch (failure) {
				counted.exceeded ||= (failure as { status?: unknown })?.status === 413;
				controller.error(failure);
			}
		}
	});
	const { method, headers, signal } = request;
	counted.request = new Request(request.url, {
		method,
		headers,
		signal,
		body,
		duplex: 'half'
	} as RequestInit);
	return counted;
}

/** `response` with one more header (a Response made by Response.redirect has read-only headers). */
function withHeader(response: Response, name: string, value: string): Response {
	try {
		response.headers.set(name, value);
		return response;
	} catch {
		const copy = new Response(response.body, response);
		copy.headers.set(name, value);
		return copy;
	}
}

/**
 * Runs after `authenticate` (the upload limit depends on who is asking). A declared length over the
 * limit, or an upload of unknown size from someone who may not upload, is refused before a byte is
 * read; otherwise the route reads a counted body, and whatever it answers, a body that went over the
 * limit is answered with a 413. A body the route did not read is not drained either: the connection closes.
 */
export const limitBodies: Handle = async ({ event, resolve }) => {
	const declared = event.request.headers.get('content-length');
	const sent =
		declared !== null ? Number(declared) !== 0 : event.request.headers.has('transfer-encoding');
	if (!sent) return resolve(event);
	const limit = bodyLimitFor(event);
	if (declared !== null && !(Number(declared) <= limit)) return tooLarge(limit);
	if (declared === null && isUpload(event) && !mayUpload(event)) return tooLarge(limit);
	const counted = countBody(event.request, limit);
	event.request = counted.request;
	const response = await resolve(event);
	if (counted.exceeded) return tooLarge(limit);
	return counted.finished ? response : withHeader(response, 'connection', 'close');
};
