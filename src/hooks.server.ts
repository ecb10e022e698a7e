import { sequence } from '@sveltejs/kit/hooks';
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { startApp, authenticate, securityHeaders, reportServerError } from '$lib/server/app';
import { limitBodies } from '$lib/server/body-limit';

export const init: ServerInit = startApp;

// Headers outermost, so a refusal from the later handles carries them; the body limit after
// authenticate, because only a user who may import may send a large upload.
export const handle: Handle = sequence(securityHeaders, authenticate, limitBodies);

export const handleError: HandleServerError = reportServerError;
