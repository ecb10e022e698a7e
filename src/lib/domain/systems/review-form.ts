/**
 * The review form: its fields as typed (kept so a refused form comes back as it was), its limits,
 * reading and checking a post against the outcome rules (./review), and opening it from the current
 * review.
 */
import { isoToInput, parseDateInput } from '../dates';
import {
	TEXT_LIMITS,
	refuseUnsafeField,
	refuseUnsafeText,
	text as readText,
	texts
} from '../forms/form-text';
import {
	CONTRADICTIONS,
	NEEDS_TARGET_DATE,
	OUTCOMES,
	OUTCOME_LABEL,
	agreeingNeedsTargetDate,
	agreeingNeedsWorkstream,
	type FieldErrors,
	type Outcome,
	type OutcomeInput,
	type OutcomeStatus,
	type Parsed,
	type ReviewInput
} from './review';

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
