/**
 * Which database a request reads from when the app runs on a read replica (DATABASE_URL) with its
 * primary beside it (DATABASE_PRIMARY_URL). A replica applies the primary's log a little later
 * (sqld 0.24: a connection sees its own writes, but every HTTP request of the libSQL client is a
 * stream of its own), so a user who has just saved would otherwise be shown the page as it was. The
 * request that writes, and every request of that browser for a bounded time after it (a cookie,
 * read-your-writes.ts), read from the primary; everyone else reads from the replica.
 * AsyncLocalStorage carries the choice through the request's loads and actions.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

interface RequestReads {
	/** This browser wrote within the last few seconds (its cookie says so). */
	recentWriter: boolean;
	/** This request has written. */
	wrote: boolean;
}

const requests = new AsyncLocalStorage<RequestReads>();

/** Runs one request's handling with its read routing; `recentWriter` from the request's cookie. */
export function withReadRouting<T>(
	recentWriter: boolean,
	run: (reads: Readonly<RequestReads>) => Promise<T>
): Promise<T> {
	const reads: RequestReads = { recentWriter, wrote: false };
	return requests.run(reads, () => run(reads));
}

/** True when the current request must read from the primary: it wrote, or its browser did recently. */
export function readsFromPrimary(): boolean {
	const reads = requests.getStore();
	return reads !== undefined && (reads.recentWriter || reads.wrote);
}

/** Marks the current request (if any) as a writer: its reads go to the primary from now on. */
export function noteWrite(): void {
	const reads = requests.getStore();
	if (reads) reads.wrote = true;
}
