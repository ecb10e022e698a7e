/**
 * The four review outcomes and the rules for combining them. A review may record more than one
 * outcome for a system (the strategy group's minutes gave 36 outcomes for 30 systems); each carries
 * its own rationale, status and dates.
 */
import type { FieldErrors } from '../forms/form-text';

export const OUTCOMES = ['maintain', 'develop', 'decommission', 'replace'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Each outcome's bit in a system's outcome flags. */
export const OUTCOME_BIT: Record<Outcome, number> = {
	maintain: 1,
	develop: 2,
	decommission: 4,
	replace: 8
};

/**
 * A bit beside the outcomes' own: a decommission or replace outcome is recorded (proposed) with no
 * target date yet. Kept in the same flags so the list filters on it and the data-quality figure counts
 * it from an index, with no subquery. Never read as an outcome (outcomesOfFlags ignores it).
 */
export const TARGET_DATE_NOT_SET_BIT = 16;

/** The same for a replace outcome recorded (proposed) with no workstream delivering it yet. */
export const WORKSTREAM_NOT_SET_BIT = 32;

/**
 * An outcome as the flags read it. Its workstream is known by id once saved, by name in an import's
 * plan: either set means the workstream is set.
 */
interface FlaggedOutcome {
	outcome: Outcome;
	targetDate?: string | null;
	workstreamId?: number | null;
	workstream?: string | null;
}

/** The flags for a set of outcomes: OR of their bits, plus the 'not set' bits when one lacks its date or workstream. */
export function outcomeFlags(outcomes: readonly FlaggedOutcome[]): number {
	return outcomes.reduce(
		(flags, o) =>
			flags |
			OUTCOME_BIT[o.outcome] |
			(targetDateNotSet(o) ? TARGET_DATE_NOT_SET_BIT : 0) |
			(workstreamNotSet(o) ? WORKSTREAM_NOT_SET_BIT : 0),
		0
	);
}

/** True for a replace outcome with no workstream delivering it: shown as 'workstream not set'. */
export function workstreamNotSet(o: FlaggedOutcome): boolean {
	return o.outcome === 'replace' && o.workstreamId == null && !o.workstream;
}

/** How a replace outcome's missing workstream reads wherever the outcome is shown. */
export const WORKSTREAM_NOT_SET = 'Workstream not set';

/** True for a decommission or replace outcome with no target date: shown as 'target date not set'. */
export function targetDateNotSet(o: { outcome: Outcome; targetDate?: string | null }): boolean {
	return NEEDS_TARGET_DATE.includes(o.outcome) && !o.targetDate;
}

/** How an outcome's target date reads wherever the outcome is shown. */
export const TARGET_DATE_NOT_SET = 'Target date not set';

/** The outcomes a set of flags stands for, in the order the outcomes are defined. */
export function outcomesOfFlags(flags: number): Outcome[] {
	return OUTCOMES.filter((o) => (flags & OUTCOME_BIT[o]) !== 0);
}

export const OUTCOME_LABEL: Record<Outcome, string> = {
	maintain: 'Maintain only',
	develop: 'Development required',
	decommission: 'Decommission',
	replace: 'Replace with the new main system'
};

/** The GOV.UK tag colour each outcome is shown in, wherever outcomes are listed. */
export const OUTCOME_TAG_CLASS: Record<Outcome, string> = {
	maintain: 'govuk-tag--grey',
	develop: 'govuk-tag--blue',
	decommission: 'govuk-tag--red',
	replace: 'govuk-tag--purple'
};

export const OUTCOME_STATUS = ['proposed', 'agreed'] as const;
export type OutcomeStatus = (typeof OUTCOME_STATUS)[number];
export const OUTCOME_STATUS_LABEL: Record<OutcomeStatus, string> = {
	proposed: 'Proposed',
	agreed: 'Agreed'
};

/**
 * Outcomes whose plan is meaningless without a date: the day the system is switched off or replaced.
 * Such an outcome may be proposed before anyone has set the date (a council's list often says
 * 'Replace' first); only agreeing it needs the date.
 */
export const NEEDS_TARGET_DATE: readonly Outcome[] = ['decommission', 'replace'];

/**
 * Pairs that cannot both be true, with the explanation shown to the officer. 'Maintain only' means
 * the system carries on unchanged, so it excludes both changing it and switching it off.
 */
export const CONTRADICTIONS: readonly { pair: [Outcome, Outcome]; why: string }[] = [
	{
		pair: ['maintain', 'decommission'],
		why: "'Maintain only' keeps the system running unchanged, but 'Decommission' switches it off. If it is maintained until it is switched off, record 'Decommission' with its target date on its own."
	},
	{
		pair: ['maintain', 'develop'],
		why: "'Maintain only' means no further development, but 'Development required' asks for some. Choose the one the group agreed."
	}
];

export interface OutcomeInput {
	outcome: Outcome;
	rationale: string;
	status: OutcomeStatus;
	targetDate: string | null;
	workstreamId: number | null;
}

export interface ReviewInput {
	reviewedOn: string;
	reviewer: string;
	summary: string;
	outcomes: OutcomeInput[];
}

export type { FieldErrors };

export type Parsed<T, V> = { ok: true; value: T } | { ok: false; values: V; errors: FieldErrors };

/** The refusal when an undated decommission or replace is marked agreed (the review form and the import say the same). */
export function agreeingNeedsTargetDate(outcome: Outcome): string {
	return `Agreeing '${OUTCOME_LABEL[outcome]}' needs a target date: enter one, or record it as proposed until the date is set`;
}

/** The refusal when a replace with no workstream is marked agreed (the review form and the import say the same). */
export function agreeingNeedsWorkstream(outcome: Outcome): string {
	return `Agreeing '${OUTCOME_LABEL[outcome]}' needs the workstream delivering the replacement: select one, or record it as proposed until the workstream is set`;
}

/** A review's overall status: agreed only when every outcome in it is agreed. */
export function reviewStatusOf(
	outcomes: readonly { status: OutcomeStatus }[]
): 'proposed' | 'agreed' {
	return outcomes.length > 0 && outcomes.every((o) => o.status === 'agreed')
		? 'agreed'
		: 'proposed';
}
