/**
 * Read-your-writes on a read replica: a request that writes (a save, a sign-in) sets a short cookie,
 * and while it lasts that browser's requests read from the primary (db/read-routing.ts), so the page
 * after a save's redirect shows the save, however far the replica lags. Bounded: after
 * READ_PRIMARY_SECONDS (default 10; a replica that lags longer than that is broken, and /readyz and
 * sqld's log are where an operator sees it) reads go back to the replica. Nothing is done when no
 * DATABASE_PRIMARY_URL is set. The cookie holds only a time: forging it just sends that browser's
 * reads to the primary.
 */
import type { Handle } from '@sveltejs/kit';
import { primaryDatabase, database } from './database';
import { withReadRouting } from './db/read-routing';

export const READ_PRIMARY_COOKIE = 'portfolio_read_primary';

function windowSeconds(): number {
	const configured = Number(process.env.READ_PRIMARY_SECONDS);
	return Number.isInteger(configured) && configured > 0 && configured <= 300 ? configured : 10;
}

export const readYourWrites: Handle = async ({ event, resolve }) => {
	if (primaryDatabase() === database()) return resolve(event);
	const until = Number(event.cookies.get(READ_PRIMARY_COOKIE));
	const recentWriter = Number.isFinite(until) && until > Date.now();
	return withReadRouting(recentWriter, async (reads) => {
		const response = await resolve(event);
		if (reads.wrote) {
			const seconds = windowSeconds();
			const cookie = event.cookies.serialize(READ_PRIMARY_COOKIE, String(Date.now() + seconds * 1000), { path: '/', httpOnly: true, sameSite: 'lax', maxAge: seconds });
			response.headers.append('set-cookie', cookie);
		}
		return response;
	});
};
