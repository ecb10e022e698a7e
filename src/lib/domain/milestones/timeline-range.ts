/** Which financial quarters the timeline spans: every quarter of its dates, or a readable window of them. */
import {
	financialYearOf,
	quarterOf,
	startYearOf,
	type Quarter,
	type QuarterNumber
} from '../fiscal';

/**
 * At most five financial years of quarters: a programme of about three years fits with room, and
 * more columns than this would make each quarter too narrow to read on A4.
 */
export const MAX_QUARTERS = 20;

/** The quarters drawn; null when there is nothing to draw; `cut` when the dates span more than the window. */
export type TimelineRange = { from: Quarter; to: Quarter; cut: boolean } | null;

const quarterIndex = (q: Quarter) => startYearOf(q.year) * 4 + q.quarter - 1;
function quarterAt(index: number): Quarter {
	const year = Math.floor(index / 4);
	return {
		year: financialYearOf(`${String(year).padStart(4, '0')}-04-01`),
		quarter: ((index % 4) + 1) as QuarterNumber
	};
}

/**
 * The quarters from the earliest date to the latest. Longer than `max` quarters, the window keeps
 * the year before today in view (what a board reviews) and runs forward from there, within the dates.
 */
export function timelineRange(
	dates: readonly string[],
	today: string,
	max = MAX_QUARTERS
): TimelineRange {
	if (dates.length === 0) return null;
	const sorted = [...dates].sort();
	const first = quarterIndex(quarterOf(sorted[0]!));
	const last = quarterIndex(quarterOf(sorted.at(-1)!));
	if (last - first + 1 <= max) return { from: quarterAt(first), to: quarterAt(last), cut: false };
	const start = Math.min(Math.max(quarterIndex(quarterOf(today)) - 4, first), last - max + 1);
	return { from: quarterAt(start), to: quarterAt(start + max - 1), cut: true };
}
