/**
 * The vocabulary of a system record: the fixed choices a strategy group picks from,
 * with the words shown to people. Pure: safe for the client.
 */

export const HOSTING = ['on_premises', 'hosted', 'saas'] as const;
export type Hosting = (typeof HOSTING)[number];
export const HOSTING_LABEL: Record<Hosting, string> = {
	on_premises: 'On-premises',
	hosted: 'Hosted',
	saas: 'Software as a service'
};

/**
 * 'Not yet assessed' lets a system be recorded (by hand or by import) before anyone has judged it,
 * so nobody has to invent a fact; the catalogue and dashboard count such systems as a data-quality gap.
 */
export const NOT_ASSESSED = 'not_assessed';
export const NOT_ASSESSED_LABEL = 'Not yet assessed';

export const CRITICALITY = ['low', 'medium', 'high', 'critical', NOT_ASSESSED] as const;
export type Criticality = (typeof CRITICALITY)[number];
export const CRITICALITY_LABEL: Record<Criticality, string> = {
	low: 'Low',
	medium: 'Medium',
	high: 'High',
	critical: 'Critical',
	not_assessed: NOT_ASSESSED_LABEL
};
/**
 * Each criticality's sort rank, as the schema's criticality_rank column computes it: 'Not yet assessed'
 * is below Low, so a list sorted most critical first ends with it and it never ranks with Critical.
 */
export const CRITICALITY_RANK: Record<Criticality, number> = {
	not_assessed: 0,
	low: 1,
	medium: 2,
	high: 3,
	critical: 4
};

export const PERSONAL_DATA = ['none', 'personal', 'special_category', NOT_ASSESSED] as const;
export type PersonalData = (typeof PERSONAL_DATA)[number];
export const PERSONAL_DATA_LABEL: Record<PersonalData, string> = {
	none: 'None',
	personal: 'Personal data',
	special_category: 'Special category data',
	not_assessed: NOT_ASSESSED_LABEL
};

export const LIFECYCLE = ['live', 'being_replaced', 'decommissioned', 'archived'] as const;
export type Lifecycle = (typeof LIFECYCLE)[number];
/** Systems still running: the only ones whose run cost a switch-off saves. */
export const RUNNING_LIFECYCLES = [
	'live',
	'being_replaced'
] as const satisfies readonly Lifecycle[];
export const LIFECYCLE_LABEL: Record<Lifecycle, string> = {
	live: 'Live',
	being_replaced: 'Being replaced',
	decommissioned: 'Decommissioned',
	archived: 'Archived'
};

export const REVIEW_STATUS = ['not_reviewed', 'proposed', 'agreed'] as const;
export type ReviewStatus = (typeof REVIEW_STATUS)[number];
export const REVIEW_STATUS_LABEL: Record<ReviewStatus, string> = {
	not_reviewed: 'Not yet reviewed',
	proposed: 'Reviewed: proposed',
	agreed: 'Reviewed: agreed'
};

/** The GOV.UK tag colour each review status is shown in. */
export const REVIEW_STATUS_TAG_CLASS: Record<ReviewStatus, string> = {
	not_reviewed: 'govuk-tag--yellow',
	proposed: 'govuk-tag--light-blue',
	agreed: 'govuk-tag--green'
};

/** Returns the label for a value, or the value itself when it is not one we know (never throws on old data). */
export function labelOf<K extends string>(
	labels: Record<K, string>,
	value: string | null | undefined
): string {
	if (value == null || value === '') return '';
	return (labels as Record<string, string>)[value] ?? value;
}

export function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
	return typeof value === 'string' && (list as readonly string[]).includes(value);
}
