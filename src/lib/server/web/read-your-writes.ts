/**
 * Read-your-writes on a read replica: a request that writes (a save, a sign-in) sets a short cookie,
 * and while it lasts that browser's requests read from the primary (db/read-routing.ts), so the page
 * after a save's redirect shows the save, however far the replica lags. Bounded: after
 * READ_PRIMARY_SECONDS (default 10; a replica that lags longer than that is broken, and /readyz and
 * sqld's log are where an operator sees it) reads go back to the replica, as they do at once while
 * the primary does not answer its /health (it is down: pages answer from the replica, a little
 * behind, rather than fail). Nothing is done when no
 * DATABASE_PRIMARY_URL is set. The cookie holds only a time: forging it just sends that browser's
 * reads to the primary.
 */
import type { Handle } from '@sveltejs/kit';
import { primaryDatabase, database } from '../db/database';
import { withReadRouting } from '../db/read-routing';
import { failedUnreachable } from './unavailable';
import { isUnreachable } from '../db/server-check';

export const READ_PRIMARY_COOKIE = 'portfolio_read_primary';

function windowSeconds(): number {
	const configured = Number(process.env.READ_PRIMARY_SECONDS);
	return Number.isInteger(configured) && configured > 0 && configured <= 300 ? configured : 10;
}

/** The primary's last /health answer, kept for a second: shared infrastructure state, not anyone's data. */
let health: { at: number; up: Promise<boolean> } | undefined;

/**
 * True when the primary answers sqld's /health within half a second (asked at most once a second).
 * While it does not, a recent writer reads from the replica: their page may lag, but it answers.
 */
function primaryAnswers(): Promise<boolean> {
	if (health && Date.now() - health.at < 1_000) return health.up;
	const url = new URL('/health', primaryDatabase().url.replace(/^libsql:/, 'https:'));
	const up = fetch(url, { signal: AbortSignal.timeout(500) }).then(
		(r) => r.ok,
		() => false
	);
	health = { at: Date.now(), up };
	return up;
}

export const readYourWrites: Handle = async ({ event, resolve }) => {
	if (primaryDatabase() === database()) return resolve(event);
	const until = Number(event.cookies.get(READ_PRIMARY_COOKIE));
	const recentWriter = Number.isFinite(until) && until > Date.now() && (await primaryAnswers());
	// The primary went down after its health was asked: a page that only reads is read again from the replica,
	// whether the failure came back as an error page (a load) or as an exception (the session lookup, a hook).
	const reading = event.request.method === 'GET' || event.request.method === 'HEAD';
	const again = () => {
		health = { at: Date.now(), up: Promise.resolve(false) };
		return answer(event, resolve, false);
	};
	let response: Response;
	try {
		response = await answer(event, resolve, recentWriter);
	} catch (error) {
		if (recentWriter && reading && isUnreachable(error)) return again();
		throw error;
	}
	if (!recentWriter || !reading || response.status < 500 || !failedUnreachable(event.locals))
		return response;
	return again();
};

function answer(
	event: Parameters<Handle>[0]['event'],
	resolve: Parameters<Handle>[0]['resolve'],
	recentWriter: boolean
): Promise<Response> {
	return withReadRouting(recentWriter, async (reads) => {
		const response = await resolve(event);
		if (reads.wrote) {
			// It has just taken a write: it answers (a cached 'down' from before it came back must not send the next page to a lagging replica).
			health = { at: Date.now(), up: Promise.resolve(true) };
			const seconds = windowSeconds();
			const cookie = event.cookies.serialize(
				READ_PRIMARY_COOKIE,
				String(Date.now() + seconds * 1000),
				{ path: '/', httpOnly: true, sameSite: 'lax', maxAge: seconds }
			);
			response.headers.append('set-cookie', cookie);
		}
		return response;
	});
}
