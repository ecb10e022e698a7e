/**
 * The review columns of a systems import: the Outcomes cell and the details read with it (date,
 * reviewer, reason, status, target date, the workstream delivering a replacement).
 */
import {
	CONTRADICTIONS,
	OUTCOMES,
	OUTCOME_LABEL,
	type Outcome,
	type OutcomeStatus
} from '../systems/review';
import { parseDateInput } from '../dates';
import { resolveValue, type ValueMapping, type ValueSeen } from './value-mapping';
import { valueWords } from './value-words';

const NO_VALUES: ValueMapping = new Map();

/**
 * What a row says about the system's review. Read only when the Outcomes cell is filled: a blank
 * Outcomes cell leaves the review as it is, and the other review columns are then not read.
 * Null details mean 'not in the file' (the plan keeps the current review's, or a default).
 */
export interface ImportedReview {
	outcomes: Outcome[];
	reviewedOn: string | null;
	reviewer: string | null;
	rationale: string | null;
	status: OutcomeStatus | null;
	/** Applies to the decommission and replace outcomes, the ones that need a date. */
	targetDate: string | null;
	replacingWorkstream: string | null;
}

/**
 * 'Replace; Development required' -> ['develop', 'replace'], or the problem with it. A part the
 * organisation mapped to blank is left out (so a cell of only such parts has no outcomes).
 */
export function readOutcomes(
	cell: string,
	values: ValueMapping = NO_VALUES,
	seen?: ValueSeen
): { ok: true; outcomes: Outcome[] } | { ok: false; reason: string } {
	const found = new Set<Outcome>();
	for (const part of cell.split(/[;,/+&]| and /i)) {
		if (!valueWords(part)) continue;
		const outcome = resolveValue('outcome', part.trim(), values, seen) as Outcome | '' | null;
		if (outcome === '') continue;
		if (!outcome)
			return {
				ok: false,
				reason: `'${part.trim()}' is not an outcome: use ${OUTCOMES.map((o) => `'${OUTCOME_LABEL[o]}'`).join(', ')}, separated by ';'`
			};
		found.add(outcome);
	}
	const outcomes = OUTCOMES.filter((o) => found.has(o));
	const contradiction = CONTRADICTIONS.find(({ pair }) => found.has(pair[0]) && found.has(pair[1]));
	if (contradiction) return { ok: false, reason: contradiction.why };
	return { ok: true, outcomes };
}

/** A review column other than Outcomes. */
export type ReviewDetailField =
	| 'reviewedOn'
	| 'targetDate'
	| 'reviewer'
	| 'outcomeReason'
	| 'outcomeStatus'
	| 'replacingWorkstream';

/**
 * Reads one review detail cell into `review`; returns the problem with it, or null. The problems
 * count only when the row records a review (its Outcomes cell is filled).
 */
export function readReviewCell(
	field: ReviewDetailField,
	cell: string,
	review: Omit<ImportedReview, 'outcomes'>,
	valueMapping: ValueMapping,
	seen?: ValueSeen
): string | null {
	switch (field) {
		case 'reviewedOn':
		case 'targetDate': {
			if (!cell) return null;
			const date = parseDateInput(cell);
			if (!date.ok) return date.reason;
			review[field] = date.iso;
			return null;
		}
		case 'reviewer':
			if (cell.length > 200) return 'Reviewed by must be 200 characters or fewer';
			review.reviewer = cell || null;
			return null;
		case 'outcomeReason':
			if (cell.length > 4000) return 'The reason must be 4,000 characters or fewer';
			review.rationale = cell || null;
			return null;
		case 'outcomeStatus': {
			if (!cell) return null;
			const status = resolveValue('outcomeStatus', cell, valueMapping, seen) as
				OutcomeStatus | '' | null;
			if (status === null) return `'${cell}' is not a status: use Proposed or Agreed`;
			review.status = status || null;
			return null;
		}
		case 'replacingWorkstream':
			review.replacingWorkstream = cell || null;
			return null;
	}
}
