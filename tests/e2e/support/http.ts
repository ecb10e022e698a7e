/**
 * Requests to the app from Node, as a page load or a form post without JavaScript makes them,
 * carrying the test user's session cookie once the app requires sign-in.
 */
import { baseURL, sessionCookie } from './browser';

const signedIn = (): Record<string, string> => (sessionCookie ? { cookie: sessionCookie } : {});

/** A GET, signed in; redirects are returned, not followed. */
export function get(path: string): Promise<Response> {
	return fetch(`${baseURL}${path}`, { headers: signedIn(), redirect: 'manual' });
}

/** A form POST as a browser sends it without JavaScript (signed in), from `origin` (the app's own by default). */
export function postForm(
	path: string,
	fields: Record<string, string>,
	options: { origin?: string; contentType?: string } = {}
): Promise<Response> {
	return fetch(`${baseURL}${path}`, {
		method: 'POST',
		headers: {
			origin: options.origin ?? baseURL,
			accept: 'text/html',
			'content-type': options.contentType ?? 'application/x-www-form-urlencoded',
			...signedIn()
		},
		body: new URLSearchParams(fields).toString(),
		redirect: 'manual'
	});
}
