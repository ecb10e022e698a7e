import { sequence } from '@sveltejs/kit/hooks';
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { startApp, securityHeaders, reportServerError } from '$lib/server/web/hooks';
import { authenticate } from '$lib/server/auth/authenticate';
import { limitBodies } from '$lib/server/web/body-limit';
import { logRequests, probes } from '$lib/server/web/operations';
import { readYourWrites } from '$lib/server/web/read-your-writes';
import { answerUnavailableWrites } from '$lib/server/web/unavailable';

export const init: ServerInit = startApp;

// The probes first (no session lookup, no log line when healthy); then the request log, so it
// times and records every answer; headers next, so a refusal from the later handles carries them;
// the body limit after authenticate, because only a user who may import may send a large upload.
// Read routing before authenticate: the session lookup after a sign-in must read the primary too. A
// write the database could not take is answered with a 503 that keeps the form's values.
export const handle: Handle = sequence(
	probes,
	logRequests,
	securityHeaders,
	readYourWrites,
	answerUnavailableWrites,
	authenticate,
	limitBodies
);

export const handleError: HandleServerError = reportServerError;
