/**
 * A save while the database server cannot take writes (its primary stopped or restarting): the
 * write fails as DatabaseUnavailableError before anything is written, and instead of the generic
 * 500 page the person gets a 503 that says so plainly, lists what they typed, and offers to send
 * it again as it was (a form of the same fields, posted back to the same address), so nothing typed
 * is lost. Pages that only read go on answering from the replica meanwhile. With JavaScript the
 * form's own page stays, showing SvelteKit's error answer with the same message.
 */
import type { Handle, RequestEvent } from '@sveltejs/kit';
import { DatabaseUnavailableError, isUnreachable } from '../db/server-check';
import { FALLBACK_CSP } from './security-headers.js';

export const UNAVAILABLE_MESSAGE =
	'Your changes have not been saved: the database cannot take changes just now. Try again in a minute.';
/** The typed values repeated back are capped, as on every failure page. */
const MAX_FIELD_CHARACTERS = 20_001;
const MAX_FORM_BYTES = 1_048_576;

/**
 * Requests whose write failed because the server was unreachable, by their `locals` (the one object
 * every hook and handleError share: kit hands handleError a copy of the event, not the same one).
 */
const unavailable = new WeakSet<App.Locals>();
/** Requests that failed because a database server could not be reached, for a read or a write. */
const unreachable = new WeakSet<App.Locals>();

/** True when this request failed because a database server could not be reached (read-your-writes.ts retries a read). */
export function failedUnreachable(locals: App.Locals): boolean {
	return unreachable.has(locals);
}

/** Called by handleError: true when the error was a write the server could not take. */
export function noteUnavailable(event: RequestEvent, error: unknown): boolean {
	if (isUnreachable(error)) unreachable.add(event.locals);
	if (!(error instanceof DatabaseUnavailableError)) return false;
	unavailable.add(event.locals);
	return true;
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(action: string, fields: [string, string][], requestId: string): string {
	const shown = fields.filter(
		([name]) =>
			!/^(version|original|plan|seen|fingerprint|__)/i.test(name) && !/password|token/i.test(name)
	);
	const rows = shown
		.map(
			([name, value]) => `<dt>${escape(name)}</dt><dd>${escape(value) || '<em>(empty)</em>'}</dd>`
		)
		.join('');
	const hidden = fields
		.filter(([name]) => !/password/i.test(name))
		.map(([name, value]) => `<input type="hidden" name="${escape(name)}" value="${escape(value)}">`)
		.join('');
	return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Your changes have not been saved – ICT Portfolio Planner</title></head>
<body><main id="main-content"><h1>Sorry, your changes have not been saved</h1>
<p>${escape(UNAVAILABLE_MESSAGE)}</p>
<p>Nothing was changed. What you typed is below; when the service is back, send it again as it was, or go back to the form.</p>
<form method="post" action="${escape(action)}">${hidden}<button type="submit">Try again</button></form>
${rows ? `<h2>What you typed</h2><dl>${rows}</dl>` : ''}
<p><a href="${escape(action)}">Go back to the form</a></p>
<p>If this goes on, contact your ICT service desk and quote: ${escape(requestId)}</p></main></body></html>`;
}

/**
 * Keeps a copy of a posted form (URL-encoded, at most 1 MB) so a write that fails for want of the
 * database can be answered with the 503 page above; every other answer passes unchanged.
 */
export const answerUnavailableWrites: Handle = async ({ event, resolve }) => {
	const type = event.request.headers.get('content-type') ?? '';
	const length = Number(event.request.headers.get('content-length') ?? NaN);
	const keep =
		event.request.method === 'POST' &&
		type.startsWith('application/x-www-form-urlencoded') &&
		length <= MAX_FORM_BYTES;
	const copy = keep ? event.request.clone() : null;
	const response = await resolve(event);
	if (!unavailable.has(event.locals) || response.status < 500) {
		void copy?.body?.cancel();
		return response;
	}
	if (event.request.headers.get('x-sveltekit-action') === 'true' || !copy) {
		void copy?.body?.cancel();
		return new Response(response.body, { status: 503, headers: response.headers });
	}
	const fields = [...new URLSearchParams(await copy.text())].map(
		([name, value]): [string, string] => [name, value.slice(0, MAX_FIELD_CHARACTERS)]
	);
	const action = `${event.url.pathname}${event.url.search}`;
	return new Response(page(action, fields, event.locals.requestId), {
		status: 503,
		headers: {
			'content-type': 'text/html; charset=utf-8',
			'retry-after': '60',
			'cache-control': 'no-store',
			// The fallback policy, but the retry form may post back here.
			'content-security-policy': FALLBACK_CSP.replace("form-action 'none'", "form-action 'self'")
		}
	});
};
