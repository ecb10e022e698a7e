/**
 * The review an imported row records: its outcomes, each with the file's details, else the current
 * review's for the same outcome, else defaults. A decision may come before its details: a
 * decommission or replace without a target date, or a replace without the workstream delivering it,
 * is recorded as proposed with that detail 'not set' (a note, not a refusal); only agreeing needs them.
 */
import {
	NEEDS_TARGET_DATE,
	OUTCOME_LABEL,
	type Outcome,
	type OutcomeStatus
} from '../systems/review';
import { IMPORT_FIELD_LABEL } from './mapping';
import type { ImportedReview } from './rows';

export interface CurrentOutcome {
	outcome: Outcome;
	rationale: string;
	status: OutcomeStatus;
	targetDate: string | null;
	/** As the organisation spells it, or null. */
	workstream: string | null;
}

/** A system's current review, as the plan compares against it. */
export interface CurrentReview {
	reviewedOn: string;
	reviewer: string;
	outcomes: CurrentOutcome[];
}

export type PlannedReview = CurrentReview;

/** Finds a workstream by the name a file gives (any case): as the organisation spells it, or undefined. */
export type WorkstreamLookup = (name: string) => string | undefined;

/** Told of a problem (the row is refused) or a note (the row is imported, not quite as the file says). */
export type Report = (column: string, reason: string) => void;

/** The same outcome with the same details (a workstream's case aside): nothing to record, or no decision lost. */
export const sameOutcome = (a: CurrentOutcome, b: CurrentOutcome) =>
	a.outcome === b.outcome &&
	a.rationale === b.rationale &&
	a.status === b.status &&
	a.targetDate === b.targetDate &&
	(a.workstream ?? '').toLowerCase() === (b.workstream ?? '').toLowerCase();

export interface ReviewPlanContext {
	findWorkstream: WorkstreamLookup;
	/** The review date when the file gives none (ISO), and where the rows came from, for the defaults. */
	today: string;
	source: string;
}

/**
 * Plans a row's review against the system's current one (null for a new system). `wanted`: the
 * workstreams the row links (a replace takes the only one when no column names it). Null when
 * nothing differs from the current review.
 */
export function planReview(
	given: ImportedReview,
	current: CurrentReview | null,
	wanted: ReadonlySet<string>,
	context: ReviewPlanContext,
	problem: Report,
	warn: Report
): PlannedReview | null {
	let replacing: string | null = null;
	if (given.replacingWorkstream) {
		replacing = context.findWorkstream(given.replacingWorkstream) ?? null;
		if (!replacing)
			problem(
				IMPORT_FIELD_LABEL.replacingWorkstream,
				`There is no workstream called '${given.replacingWorkstream}'`
			);
	}
	const outcomes: CurrentOutcome[] = [];
	for (const outcome of given.outcomes) {
		const before = current?.outcomes.find((o) => o.outcome === outcome);
		const label = OUTCOME_LABEL[outcome];
		const targetDate =
			(NEEDS_TARGET_DATE.includes(outcome) ? given.targetDate : null) ?? before?.targetDate ?? null;
		const asked = given.status ?? before?.status ?? 'proposed';
		let status = asked;
		const notSet = (column: string, what: string) => {
			warn(
				column,
				asked === 'agreed'
					? `'${label}' is marked agreed but has no ${what}: recorded as proposed, ${what} not set`
					: `'${label}' recorded as proposed, ${what} not set`
			);
			status = 'proposed';
		};
		if (!targetDate && NEEDS_TARGET_DATE.includes(outcome))
			notSet(IMPORT_FIELD_LABEL.targetDate, 'target date');
		let workstream = before?.workstream ?? null;
		if (outcome === 'replace') {
			workstream = replacing ?? workstream ?? (wanted.size === 1 ? [...wanted][0]! : null);
			// A workstream the file names but the organisation lacks is refused above, not read as 'not set'.
			if (!workstream && !(given.replacingWorkstream && !replacing))
				notSet(IMPORT_FIELD_LABEL.replacingWorkstream, 'workstream');
		}
		outcomes.push({
			outcome,
			rationale:
				given.rationale ??
				before?.rationale ??
				`Recorded by the spreadsheet import of ${context.source}`,
			status,
			targetDate,
			workstream
		});
	}
	const same =
		current !== null &&
		current.outcomes.length === outcomes.length &&
		outcomes.every((o, i) => sameOutcome(o, current.outcomes[i]!)) &&
		(given.reviewedOn === null || given.reviewedOn === current.reviewedOn) &&
		(given.reviewer === null || given.reviewer === current.reviewer);
	if (same) return null;
	// A new review is dated the day it is recorded unless the file says when the group met.
	return {
		reviewedOn: given.reviewedOn ?? context.today,
		reviewer: given.reviewer ?? `Spreadsheet import (${context.source})`,
		outcomes
	};
}
