/**
 * Copies audit rows written in the session database (sign-in, sign-out, throttling) into the main
 * database's audit trail, oldest first, in the background. A sign-in therefore never waits for the
 * main database's write queue (an import's commit); its audit row lands once that queue frees.
 *
 * Crash-safe without a distributed transaction: each row carries a unique `outbox_id`, copied into
 * audit_event's unique `outbox_id` with ON CONFLICT DO NOTHING, and deleted from the outbox only
 * after the main commit. A crash between the two copies the row again next time, which adds nothing.
 */
import { asc, inArray } from 'drizzle-orm';
import { auditEvent } from './schema';
import { auditOutbox } from './session-schema';
import { inSessionTransaction, inTransaction, type Database, type SessionDatabase } from './index';

const BATCH = 200;

/** Copies one batch; returns how many rows it moved (0 when the outbox is empty). */
export async function drainOnce(main: Database, sessions: SessionDatabase): Promise<number> {
	const rows = await sessions.db
		.select()
		.from(auditOutbox)
		.orderBy(asc(auditOutbox.seq))
		.limit(BATCH);
	if (rows.length === 0) return 0;
	await inTransaction(main, (tx) =>
		tx
			.insert(auditEvent)
			.values(rows.map(({ seq: _seq, ...row }) => row))
			.onConflictDoNothing()
	);
	const ids = rows.map((r) => r.outboxId);
	await inSessionTransaction(sessions, (tx) =>
		tx.delete(auditOutbox).where(inArray(auditOutbox.outboxId, ids))
	);
	return rows.length;
}

/** One drain at a time per outbox, so rows are copied in order and never twice at once. */
const running = new WeakMap<SessionDatabase, Promise<void>>();
const again = new WeakSet<SessionDatabase>();

/**
 * Drains the outbox until it is empty. Called after each outbox write (not awaited by the writer)
 * and on a timer; a call while a drain runs makes that drain go round once more, and returns it.
 */
export function drainOutbox(main: Database, sessions: SessionDatabase): Promise<void> {
	const current = running.get(sessions);
	if (current) {
		again.add(sessions);
		return current;
	}
	const run = (async () => {
		try {
			do {
				again.delete(sessions);
				while ((await drainOnce(main, sessions)) === BATCH);
			} while (again.has(sessions));
		} finally {
			running.delete(sessions);
		}
	})();
	running.set(sessions, run);
	return run;
}

/**
 * Drains every few seconds (rows left by a crash, or by a failed drain), off the process's
 * keep-alive so scripts still exit. Returns a function that stops it.
 */
export function drainOutboxPeriodically(
	main: Database,
	sessions: SessionDatabase,
	everyMs = 5_000
): () => void {
	const timer = setInterval(() => {
		drainOutbox(main, sessions).catch((error: unknown) =>
			console.error('could not copy audit rows from the session database', error)
		);
	}, everyMs);
	timer.unref();
	return () => clearInterval(timer);
}
