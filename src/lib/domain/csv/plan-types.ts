/**
 * What an import plan is made of: the existing systems it matches rows to, each row's planned
 * change, and the counts the preview shows (./plan.ts decides them).
 */
import type { SystemInput } from '../systems/system-form';
import type { RowProblem } from './rows';
import type { AgreedReviews } from './agreed-reviews';
import type { NewSystemValues } from './missing-columns';
import type { CurrentReview, PlannedReview } from './plan-review';

export interface ExistingSystem {
	id: number;
	version: number;
	input: SystemInput;
	/** Names of the workstreams it is linked to, lower case. */
	workstreams: ReadonlySet<string>;
	/** The current review, or null when the system has not been reviewed. */
	review: CurrentReview | null;
}

export interface PlannedChange {
	row: number;
	kind: 'create' | 'update' | 'unchanged';
	systemId: number | null;
	version: number | null;
	input: SystemInput;
	/** Which fields change (an update), and what they were, for the audit trail. */
	changed: (keyof SystemInput)[];
	previous: SystemInput | null;
	/** Workstream names (as the organisation spells them) to link that are not linked yet. */
	link: string[];
	/** A review to record (superseding the current one), or null to leave the review as it is. */
	review: PlannedReview | null;
	/** The review this one supersedes, for the audit trail. */
	previousReview: ExistingSystem['review'];
	/** How an update found its system (a name match is shown as such), or null for a new system. */
	matchedBy: 'reference' | 'name' | null;
	/** Its review would supersede an agreed review and the officer did not tick to replace it: not imported. */
	leftOut: boolean;
}

export interface ImportCounts {
	create: number;
	update: number;
	unchanged: number;
	rejected: number;
	/** Reviews recorded (each supersedes the system's current review). */
	reviews: number;
	/** Workstream links added. */
	links: number;
}

export interface ImportPlan {
	changes: PlannedChange[];
	problems: RowProblem[];
	counts: ImportCounts;
	/** What is imported but not as the file says (an agreed outcome without a target date is recorded as proposed). */
	warnings: { shown: RowProblem[]; total: number };
	/** Rows whose review would supersede an agreed review: left out unless `replaceAgreed`. */
	agreed: AgreedReviews;
}

export interface PlanDefaults {
	/** The review date when the file gives none (ISO). */
	today: string;
	/** Where the rows came from ('inventory.csv'), for a review's default 'Reviewed by' and reason. */
	source: string;
	/** Values for every new system, for the required columns the file lacks (./missing-columns). */
	newSystemValues?: NewSystemValues;
	/** The officer ticked 'Replace the agreed reviews listed above' (agreed-reviews.ts). */
	replaceAgreed?: boolean;
}

/** What the planner must know of every existing system to match rows to them. */
export interface ExistingKey {
	id: number;
	name: string;
	externalRef: string | null;
}
