/**
 * The four review outcomes and the rules for combining them. A review may record more than one
 * outcome for a system (the strategy group's minutes gave 36 outcomes for 30 systems); each carries
 * its own rationale, status and dates.
 */
import { isoToInput, parseDateInput } from '../dates';
import {
	TEXT_LIMITS,
	refuseUnsafeField,
	refuseUnsafeText,
	text as readText,
	texts,
	type FieldErrors
} from '../forms/form-text';

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

/** The raw form text for one outcome, as typed: kept so an invalid form comes back as it was. */
export interface OutcomeFormValues {
	selected: boolean;
	rationale: string;
	status: string;
	targetDate: string;
	workstreamId: string;
}

export interface ReviewFormValues {
	reviewedOn: string;
	reviewer: string;
	summary: string;
	outcomes: Record<Outcome, OutcomeFormValues>;
}

export type { FieldErrors };

export type Parsed<T, V> = { ok: true; value: T } | { ok: false; values: V; errors: FieldErrors };

/** The form field name for an outcome's property, e.g. 'replace.targetDate'. */
export function outcomeField(outcome: Outcome, property: keyof OutcomeFormValues): string {
	return `${outcome}.${property}`;
}

/** The review form's limits (its inputs carry them as maxlength). */
export const REVIEW_LIMITS = {
	reviewer: TEXT_LIMITS.name,
	summary: 4000,
	rationale: 4000
} as const;

export function readReviewForm(form: FormData): ReviewFormValues {
	const text = (name: string) => readText(form, name);
	const chosen = new Set(texts(form, 'outcome'));
	const outcomes = {} as Record<Outcome, OutcomeFormValues>;
	for (const outcome of OUTCOMES) {
		outcomes[outcome] = {
			selected: chosen.has(outcome),
			rationale: text(outcomeField(outcome, 'rationale')),
			status: text(outcomeField(outcome, 'status')) || 'proposed',
			targetDate: text(outcomeField(outcome, 'targetDate')),
			workstreamId: text(outcomeField(outcome, 'workstreamId'))
		};
	}
	return {
		reviewedOn: text('reviewedOn'),
		reviewer: text('reviewer'),
		summary: text('summary'),
		outcomes
	};
}

/**
 * Validates a review as the strategy group's rules require: at least one outcome, a rationale for
 * each, a target date for an agreed decommission or replace, a delivering workstream for an agreed replace, and no
 * contradictory pair. `workstreamIds` are the workstreams of the caller's organisation.
 */
export function parseReview(
	values: ReviewFormValues,
	workstreamIds: ReadonlySet<number>
): Parsed<ReviewInput, ReviewFormValues> {
	const errors: FieldErrors = {};
	let reviewedOn = '';
	if (!values.reviewedOn) errors.reviewedOn = 'Enter the date of the review';
	else {
		const parsed = parseDateInput(values.reviewedOn);
		if (parsed.ok) reviewedOn = parsed.iso;
		else errors.reviewedOn = `Date of the review: ${parsed.reason}`;
	}
	if (!values.reviewer)
		errors.reviewer = 'Enter who carried out the review (a person, group or meeting)';

	const chosen = OUTCOMES.filter((o) => values.outcomes[o].selected);
	if (chosen.length === 0) errors.outcome = 'Select at least one outcome';
	for (const { pair, why } of CONTRADICTIONS) {
		if (chosen.includes(pair[0]) && chosen.includes(pair[1])) errors.outcome = why;
	}

	const outcomes: OutcomeInput[] = [];
	for (const outcome of chosen) {
		const v = values.outcomes[outcome];
		const label = OUTCOME_LABEL[outcome];
		if (!v.rationale)
			errors[outcomeField(outcome, 'rationale')] = `Enter the reason for '${label}'`;
		if (v.status !== 'proposed' && v.status !== 'agreed')
			errors[outcomeField(outcome, 'status')] = `Select whether '${label}' is proposed or agreed`;
		let targetDate: string | null = null;
		if (v.targetDate) {
			const parsed = parseDateInput(v.targetDate);
			if (parsed.ok) targetDate = parsed.iso;
			else
				errors[outcomeField(outcome, 'targetDate')] =
					`Target date for '${label}': ${parsed.reason}`;
		} else if (NEEDS_TARGET_DATE.includes(outcome) && v.status === 'agreed') {
			errors[outcomeField(outcome, 'targetDate')] = agreeingNeedsTargetDate(outcome);
		}
		let workstreamId: number | null = null;
		if (v.workstreamId) {
			workstreamId = Number(v.workstreamId);
			if (!Number.isInteger(workstreamId) || !workstreamIds.has(workstreamId)) {
				errors[outcomeField(outcome, 'workstreamId')] = 'Select a workstream from the list';
			}
		} else if (outcome === 'replace' && v.status === 'agreed') {
			errors[outcomeField(outcome, 'workstreamId')] = agreeingNeedsWorkstream(outcome);
		}
		outcomes.push({
			outcome,
			rationale: v.rationale,
			status: v.status === 'agreed' ? 'agreed' : 'proposed',
			targetDate,
			workstreamId
		});
	}
	refuseUnsafeText(
		errors,
		values,
		{ reviewedOn: 'Date of the review', reviewer: 'Reviewed by', summary: 'Summary' },
		['summary'],
		{ reviewer: REVIEW_LIMITS.reviewer, summary: REVIEW_LIMITS.summary }
	);
	for (const o of OUTCOMES) {
		const v = values.outcomes[o];
		v.rationale = refuseUnsafeField(
			errors,
			outcomeField(o, 'rationale'),
			v.rationale,
			`Reason for ${OUTCOME_LABEL[o].toLowerCase()}`,
			'multiline',
			REVIEW_LIMITS.rationale
		);
		v.targetDate = refuseUnsafeField(
			errors,
			outcomeField(o, 'targetDate'),
			v.targetDate,
			`Target date for ${OUTCOME_LABEL[o].toLowerCase()}`
		);
	}
	if (Object.keys(errors).length > 0) return { ok: false, values, errors };
	return {
		ok: true,
		value: { reviewedOn, reviewer: values.reviewer, summary: values.summary, outcomes }
	};
}

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

/**
 * The review form, opened from the current review (so a re-review starts from what was agreed, by
 * whom, with its summary) or empty. The date is today's: a re-review is a new review.
 */
export function reviewToFormValues(
	current:
		| {
				reviewer?: string;
				summary?: string;
				outcomes: {
					outcome: Outcome;
					rationale: string;
					status: OutcomeStatus;
					targetDate: string | null;
					workstreamId: number | null;
				}[];
		  }
		| undefined,
	today: string
): ReviewFormValues {
	const outcomes = {} as Record<Outcome, OutcomeFormValues>;
	for (const outcome of OUTCOMES) {
		const found = current?.outcomes.find((o) => o.outcome === outcome);
		outcomes[outcome] = {
			selected: Boolean(found),
			rationale: found?.rationale ?? '',
			status: found?.status ?? 'proposed',
			targetDate: found?.targetDate ? isoToInput(found.targetDate) : '',
			workstreamId: found?.workstreamId != null ? String(found.workstreamId) : ''
		};
	}
	return {
		reviewedOn: isoToInput(today),
		reviewer: current?.reviewer ?? '',
		summary: current?.summary ?? '',
		outcomes
	};
}
