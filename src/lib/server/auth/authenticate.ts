/** Who is signed in: the `authenticate` handle (hooks.server.ts runs it after the probes, the log and the headers). */
import type { Handle } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import * as auth from '../services/auth';
import { clearSessionCookie, sessionCookieName } from './cookie';

/** Reads the session cookie. A tampered, expired or ended session is removed and the visitor is simply signed out. */
export const authenticate: Handle = async ({ event, resolve }) => {
	event.locals.requestId ??= randomUUID(); // set by logRequests (web/operations.ts), which runs first
	event.locals.user = null;
	event.locals.organisation = null;
	event.locals.sessionToken = null;
	const token = event.cookies.get(sessionCookieName(event.url));
	if (token) {
		const signedIn = /^[A-Za-z0-9_-]{20,100}$/.test(token)
			? await auth.resolveSession(token)
			: null;
		if (signedIn) {
			event.locals.user = signedIn.user;
			event.locals.sessionToken = token;
			const { id, name, slug } = signedIn.organisation;
			event.locals.organisation = { id, name, slug };
		} else {
			clearSessionCookie(event.cookies, event.url);
		}
	}
	return resolve(event);
};
