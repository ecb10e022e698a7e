/** What the server does around every request: start-up, headers, errors. (Who is signed in: auth/authenticate.ts; body limits: body-limit.ts.) */
import type { Handle, HandleServerError } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import {
	startDatabase,
	startBackgroundCheckpoints,
	db,
	database,
	onEmbeddedFile,
	closeDatabases
} from '../db/database';
import * as organisations from '../repos/organisations';
import * as setup from '../services/setup';
import { schedulePruning } from '../services/session-pruning';
import { FALLBACK_CSP, securityHeaderPairs } from './security-headers.js';
import { loadDemoPortfolio } from '../services/demo/load';
import { describeError, logError } from './log';
import { withReadRouting } from '../db/read-routing';
import { noteUnavailable, UNAVAILABLE_MESSAGE } from './unavailable';

/**
 * Migrates the database, loads the demo portfolio into an empty one (unless SEED_DEMO=false), and,
 * while no one can sign in, prints a one-time link to create the first platform administrator.
 * Old sessions and throttling records are pruned now and hourly (services/session-pruning.ts).
 */
export function startApp(): Promise<void> {
	// Start-up reads its own writes (the demo portfolio, the setup link): from the primary, if one is set.
	return withReadRouting(true, startUp);
}

async function startUp(): Promise<void> {
	await startDatabase();
	// server.js (as adapter-node) emits this once it has stopped taking connections and the requests in flight are done.
	process.once('sveltekit:shutdown', () => {
		// Nothing else keeps the process alive now: hold it open until the log is checkpointed.
		const holdOpen = setInterval(() => {}, 1_000);
		closeDatabases()
			.then(
				() =>
					console.log(
						'Stopped: every request in flight answered, the database log checkpointed and closed.'
					),
				(error: unknown) =>
					logError('could not close the database cleanly', { error: describeError(error) })
			)
			.finally(() => clearInterval(holdOpen));
	});
	if (process.env.SEED_DEMO !== 'false') {
		const existing = await organisations.listOrganisations(db());
		if (existing.length === 0) {
			const summary = await loadDemoPortfolio();
			console.log(
				`Loaded the demo portfolio: ${summary.systems} systems, ${summary.reviews} reviews.`
			);
		}
	}
	// Planner statistics, sampled (analysis_limit) so this stays quick on a large portfolio. Without
	// them SQLite may drive a 50-row lookup from the organisation index instead of the row ids.
	// (PRAGMA optimize does not analyse tables this connection has not queried yet.) sqld 0.24
	// refuses both statements as unsupported: on a server the planner goes without.
	if (onEmbeddedFile()) {
		await database().client.execute('PRAGMA analysis_limit = 1000');
		await database().client.execute('ANALYZE');
	}
	await startBackgroundCheckpoints();
	schedulePruning();
	const token = await setup.issueSetupTokenIfNoUsers();
	if (token) {
		const origin = process.env.ORIGIN || `http://localhost:${process.env.PORT || 3000}`;
		console.log(
			`\nNo one can sign in yet. Create the first platform administrator (link valid once, for a limited time):\n  ${origin}/setup?token=${token}\n`
		);
	}
}

/**
 * Headers neither SvelteKit nor adapter-node set. server.js sets the same on every response, the
 * static files included; this keeps them when the build is started without it (build/index.js).
 */
export const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const headers = response.headers;
	for (const [name, value] of securityHeaderPairs(event.url.protocol === 'https:'))
		headers.set(name, value);
	// Pages carry kit's policy (svelte.config.js); anything else (a CSV, a refusal) the strictest one.
	if (!headers.has('content-security-policy')) headers.set('Content-Security-Policy', FALLBACK_CSP);
	// Nothing a signed-in person sees may be kept by a browser or proxy cache.
	if (!event.url.pathname.startsWith('/_app/immutable/')) headers.set('Cache-Control', 'no-store');
	return response;
};

/**
 * Logs the real error as one JSON line with the request's id (log.ts: no query values, no query
 * string); the page shows only the id, never a stack trace.
 */
export const reportServerError: HandleServerError = ({ error, event, status, message }) => {
	const errorId = event.locals.requestId ?? randomUUID();
	if (noteUnavailable(event, error)) {
		logError('database unavailable', {
			requestId: errorId,
			method: event.request.method,
			path: event.url.pathname,
			status: 503,
			error: describeError(error)
		});
		return { message: UNAVAILABLE_MESSAGE, errorId };
	}
	if (status >= 500) {
		logError('server error', {
			requestId: errorId,
			method: event.request.method,
			path: event.url.pathname,
			status,
			error: describeError(error)
		});
	}
	return {
		message: status >= 500 ? 'Sorry, there is a problem with the service' : message,
		errorId
	};
};
