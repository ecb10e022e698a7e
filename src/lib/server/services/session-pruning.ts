/**
 * Keeps the session database small: sessions past their absolute end or idle timeout, throttling
 * records older than their window (plus an hour's margin) and sign-in addresses not used within
 * SIGN_IN_KNOWN_ADDRESS_DAYS are deleted at start and then once an hour. Nothing else removes them,
 * and every sign-in, failed or not, adds a row.
 */
import { sessionTransaction } from '../db/database';
import { authConfig } from '../auth/config';
import * as sessions from '../repos/sessions';

/** How often the server prunes after the first run at start. */
export const PRUNE_EVERY_MS = 3_600_000;

const minutesBefore = (now: Date, minutes: number) =>
	new Date(now.getTime() - minutes * 60_000).toISOString();

/** Deletes what is past its use at `now`, in one session-database transaction; returns how many rows of each. */
export function pruneSessionRecords(now = new Date()): Promise<sessions.Pruned> {
	const config = authConfig();
	return sessionTransaction((tx) =>
		sessions.pruneExpired(tx, {
			now: now.toISOString(),
			idleCutoff: minutesBefore(now, config.idleMinutes),
			failuresBefore: minutesBefore(now, config.throttleMinutes + 60),
			knownBefore: minutesBefore(now, config.knownAddressDays * 1440)
		})
	);
}

/**
 * Runs `prune` now and then every `everyMs`, never two at once; a failure is logged and the next
 * hour tries again. The timer does not keep the process alive. Returns a function that stops it.
 */
export function schedulePruning(
	prune: () => Promise<unknown> = pruneSessionRecords,
	everyMs = PRUNE_EVERY_MS
): () => void {
	let running = false;
	const run = () => {
		if (running) return;
		running = true;
		prune()
			.catch((error: unknown) => console.error('could not prune old sessions', error))
			.finally(() => (running = false));
	};
	run();
	const timer = setInterval(run, everyMs);
	timer.unref();
	return () => clearInterval(timer);
}
