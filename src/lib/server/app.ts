/** What the server does around every request: start-up, the organisation in force, headers, errors. */
import type { Handle, HandleServerError } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import { startDatabase, db } from './database';
import * as organisations from './repos/organisations';
import { loadDemoPortfolio } from '../../../seeds/load';

/** Migrates the database and, unless SEED_DEMO=false, loads the demo portfolio into an empty one. */
export async function startApp(): Promise<void> {
	await startDatabase();
	if (process.env.SEED_DEMO !== 'false') {
		const existing = await organisations.listOrganisations(db());
		if (existing.length === 0) {
			const summary = await loadDemoPortfolio();
			console.log(`Loaded the demo portfolio: ${summary.systems} systems, ${summary.reviews} reviews.`);
		}
	}
}

/**
 * Until sign-in exists, every request acts for the deployment's first organisation.
 * Everything downstream already takes the organisation from `locals`, never from a form.
 */
export const resolveOrganisation: Handle = async ({ event, resolve }) => {
	event.locals.requestId = randomUUID();
	const [first] = await organisations.listOrganisations(db());
	event.locals.organisation = first ? { id: first.id, name: first.name, slug: first.slug } : null;
	return resolve(event);
};

/** Headers neither SvelteKit nor adapter-node set (see ../shared/PITFALLS.md). */
export const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const headers = response.headers;
	headers.set('X-Content-Type-Options', 'nosniff');
	headers.set('Referrer-Policy', 'same-origin');
	headers.set('X-Frame-Options', 'DENY');
	headers.set('Cross-Origin-Opener-Policy', 'same-origin');
	if (event.url.protocol === 'https:') headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
	const type = headers.get('content-type') ?? '';
	if (type.startsWith('text/html') || type.startsWith('text/csv') || type.startsWith('application/json')) {
		headers.set('Cache-Control', 'no-store');
	}
	return response;
};

/** Logs the real error with an id; the page shows only the id, never a stack trace. */
export const reportServerError: HandleServerError = ({ error, event, status, message }) => {
	const errorId = event.locals.requestId ?? randomUUID();
	if (status >= 500) console.error(`[${errorId}] ${event.request.method} ${event.url.pathname}:`, error);
	return { message: status >= 500 ? 'Sorry, there is a problem with the service' : message, errorId };
};
