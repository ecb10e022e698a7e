import { sequence } from '@sveltejs/kit/hooks';
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { startApp, securityHeaders, reportServerError } from '$lib/server/web/hooks';
import { authenticate } from '$lib/server/auth/authenticate';
import { limitBodies } from '$lib/server/web/body-limit';
import { logRequests, probes } from '$lib/server/web/operations';

export const init: ServerInit = startApp;

// The probes first (no session lookup, no log line when healthy); then the request log, so it
// times and records every answer; headers next, so a refusal from the later handles carries them;
// the body limit after authenticate, because only a user who may import may send a large upload.
export const handle: Handle = sequence(probes, logRequests, securityHeaders, authenticate, limitBodies);

export const handleError: HandleServerError = reportServerError;
