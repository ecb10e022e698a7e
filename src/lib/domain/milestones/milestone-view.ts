/** How milestones read on screen: slippage in words, the next one due, and the form's field labels. */
import {
	effectiveDate,
	MILESTONE_KIND_LABEL,
	milestoneStatus,
	slippageDays,
	type MilestoneDates,
	type MilestoneKind
} from './milestone';
import type { MilestoneFormValues } from './milestone-form';
import { formatDate } from '../dates';

export const MILESTONE_FIELD_LABEL: Record<keyof MilestoneFormValues, string> = {
	kind: 'Milestone',
	plannedDate: 'Planned date',
	forecastDate: 'Forecast date (optional)',
	actualDate: 'Actual date (optional)',
	note: 'Note (optional)'
};

const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;

/** '12 days late', '3 days early' or 'On plan', measured from the planned date to the actual or forecast. */
export function slippageWords(m: MilestoneDates): string {
	const slip = slippageDays(m);
	return slip > 0 ? `${days(slip)} late` : slip < 0 ? `${days(-slip)} early` : 'On plan';
}

/**
 * The next milestone not yet achieved (earliest expected date first), with its date and status in
 * words, for the summary on a workstream's or system's page; null when none is outstanding.
 */
export function nextMilestone<M extends MilestoneDates & { kind: MilestoneKind }>(
	milestones: readonly M[],
	today: string
): { milestone: M; words: string } | null {
	const open = milestones
		.filter((m) => !m.actualDate)
		.sort((a, b) => effectiveDate(a).localeCompare(effectiveDate(b)));
	const next = open[0];
	if (!next) return null;
	return {
		milestone: next,
		words: `${MILESTONE_KIND_LABEL[next.kind]}, ${formatDate(effectiveDate(next))}: ${milestoneStatus(next, today).words}`
	};
}
