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

export const CRITICALITY = ['low', 'medium', 'high', 'critical'] as const;
export type Criticality = (typeof CRITICALITY)[number];
export const CRITICALITY_LABEL: Record<Criticality, string> = {
	low: 'Low',
	medium: 'Medium',
	high: 'High',
	critical: 'Critical'
};

export const PERSONAL_DATA = ['none', 'personal', 'special_category'] as const;
export type PersonalData = (typeof PERSONAL_DATA)[number];
export const PERSONAL_DATA_LABEL: Record<PersonalData, string> = {
	none: 'None',
	personal: 'Personal data',
	special_category: 'Special category data'
};

export const LIFECYCLE = ['live', 'being_replaced', 'decommissioned', 'archived'] as const;
export type Lifecycle = (typeof LIFECYCLE)[number];
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

/** Returns the label for a value, or the value itself when it is not one we know (never throws on old data). */
export function labelOf<K extends string>(labels: Record<K, string>, value: string | null | undefined): string {
	if (value == null || value === '') return '';
	return (labels as Record<string, string>)[value] ?? value;
}

export function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
	return typeof value === 'string' && (list as readonly string[]).includes(value);
}
