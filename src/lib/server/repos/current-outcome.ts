/**
 * 'A system's current outcome': a review_outcome row of the system's latest review. A new review
 * supersedes the last and its outcomes stay as history with is_current 0, so every read of what a
 * system is planned for goes through this one predicate (db/switch-off-sql.ts writes the same in SQL).
 */
import { and, eq, inArray, type SQL } from 'drizzle-orm';
import { reviewOutcome } from '../db/schema';
import type { Outcome } from '$lib/domain/systems';

/** Current outcomes, optionally only of the given kinds. */
export function currentOutcome(of?: Outcome | readonly Outcome[]): SQL {
	const current = eq(reviewOutcome.isCurrent, true);
	if (of === undefined) return current;
	return and(
		current,
		typeof of === 'string' ? eq(reviewOutcome.outcome, of) : inArray(reviewOutcome.outcome, [...of])
	)!;
}
