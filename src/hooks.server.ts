import { sequence } from '@sveltejs/kit/hooks';
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { startApp, authenticate, limitBodies, securityHeaders, reportServerError } from '$lib/server/app';

export const init: ServerInit = startApp;

export const handle: Handle = sequence(limitBodies, authenticate, securityHeaders);

export const handleError: HandleServerError = reportServerError;
