/**
 * An agreed review is a decision a group took: an import must never replace it silently. A row whose
 * review would supersede a current review with an agreed outcome is left out unless the officer ticks
 * 'Replace the agreed reviews listed above' (one tick for all listed), and the preview lists each.
 */
import { sameOutcome, type CurrentOutcome } from './plan-review';

/** The commit form's field for the tick. */
export const REPLACE_AGREED_FIELD = 'replaceAgreed';

/** The tick as the commit form sends it ('yes' when ticked; anything else is no tick). */
export function readReplaceAgreed(form: { get(name: string): unknown }): boolean {
	return form.get(REPLACE_AGREED_FIELD) === 'yes';
}

/**
 * Whether recording `next` would replace an agreed decision: some agreed outcome of the current review
 * is not carried into the new one exactly as it was (same outcome, still agreed, same reason, date and
 * workstream). A review that keeps every agreed outcome as agreed loses no decision.
 */
export function replacesAgreed(
	current: { outcomes: readonly CurrentOutcome[] } | null,
	next: { outcomes: readonly CurrentOutcome[] } | null
): boolean {
	if (!current || !next) return false;
	return current.outcomes.some(
		(o) => o.status === 'agreed' && !next.outcomes.some((n) => sameOutcome(o, n))
	);
}

/** One system whose agreed review a row would supersede. */
export interface AgreedSuperseded {
	row: number;
	systemId: number;
	name: string;
	before: CurrentOutcome[];
	after: CurrentOutcome[];
}

/** The systems listed on the preview page; the rest are counted (the updates download has them all). */
export const AGREED_SHOWN = 200;

export interface AgreedReviews {
	/** The first AGREED_SHOWN, in file order. */
	shown: AgreedSuperseded[];
	/** Rows whose review would supersede an agreed one. */
	total: number;
	/** Whether the officer ticked to replace them (otherwise those rows are left out). */
	replace: boolean;
}
