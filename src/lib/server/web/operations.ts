/**
 * What an operator's monitoring reads. Two probes, answered before any session lookup and without
 * a cookie or sign-in: /healthz (the process is up and serving; it touches no database, so a
 * database outage does not get the process restarted) and /readyz (both databases answer and every
 * migration is applied; 503 otherwise, saying which in a word, never a URL, a token or an error
 * text). And one JSON log line per request (log.ts).
 */
import type { Handle } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import { database, sessionDatabase } from '../db/database';
import { MAIN_MIGRATIONS, SESSION_MIGRATIONS, pendingMigrationCount } from '../db/migrate';
import { describeError, logError, logInfo } from './log';

/** A readiness check still waiting after this long answers 503: a hung database is not ready. */
const READY_TIMEOUT_MS = 2_000;

export type Readiness =
	| { ready: true }
	| { ready: false; reason: 'database unreachable' | 'migrations pending' | 'timed out' };

/** Both databases answer, and neither has a migration the build knows of but the database lacks. */
export async function readiness(timeoutMs = READY_TIMEOUT_MS): Promise<Readiness> {
	let timer: NodeJS.Timeout | undefined;
	const timedOut = new Promise<Readiness>(
		(resolve) =>
			(timer = setTimeout(() => resolve({ ready: false, reason: 'timed out' }), timeoutMs))
	);
	const check = (async (): Promise<Readiness> => {
		let pending: number;
		try {
			const sessions = sessionDatabase();
			pending =
				(await pendingMigrationCount(database().client, MAIN_MIGRATIONS)) +
				(await pendingMigrationCount(sessions.client, SESSION_MIGRATIONS));
		} catch (error) {
			logError('readiness check failed', { error: describeError(error) });
			return { ready: false, reason: 'database unreachable' };
		}
		return pending === 0 ? { ready: true } : { ready: false, reason: 'migrations pending' };
	})();
	try {
		return await Promise.race([check, timedOut]);
	} finally {
		clearTimeout(timer);
	}
}

function probeAnswer(status: number, body: object): Response {
	return new Response(JSON.stringify(body), {
		status,
		headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }
	});
}

/** Answers GET or HEAD /healthz and /readyz; a successful probe is not logged (a balancer asks every few seconds). */
export const probes: Handle = async ({ event, resolve }) => {
	const { pathname } = event.url;
	if (
		(pathname !== '/healthz' && pathname !== '/readyz') ||
		(event.request.method !== 'GET' && event.request.method !== 'HEAD')
	)
		return resolve(event);
	if (pathname === '/healthz') return probeAnswer(200, { status: 'ok' });
	const state = await readiness();
	if (state.ready) return probeAnswer(200, { status: 'ready' });
	logInfo('not ready', { path: pathname, status: 503, reason: state.reason });
	return probeAnswer(503, { status: 'not ready', reason: state.reason });
};

/**
 * Gives the request its id (quoted on error pages and in audit rows) and logs one line when the
 * response is ready: the id, method, path without its query string (which may hold a setup token),
 * status, milliseconds taken, and the organisation acted in, if signed in. Outermost of the app's
 * handles, so it sees every refusal. (Files under /_app and static/ are served by adapter-node
 * before any hook and are not logged.)
 */
export const logRequests: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	event.locals.requestId = randomUUID();
	let status = 500;
	try {
		const response = await resolve(event);
		status = response.status;
		return response;
	} finally {
		logInfo('request', {
			requestId: event.locals.requestId,
			method: event.request.method,
			path: event.url.pathname,
			status,
			durationMs: Math.round((performance.now() - started) * 10) / 10,
			organisationId: event.locals.organisation?.id ?? null
		});
	}
};
