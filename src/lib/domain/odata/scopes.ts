/**
 * The entity sets by name, which are also the scopes an API token is given. The exempt annex's
 * figures (commercially sensitive, Local Government Act 1972 Schedule 12A) are never part of
 * 'every set': a token reads them only when that scope is named.
 */
import { TEXT_LIMITS, refuseUnsafeText, text, texts } from '../forms';
import { can, type Action, type Role } from '../permissions';

export const ENTITY_SET_NAMES = [
	'Systems',
	'ReviewOutcomes',
	'Workstreams',
	'WorkstreamLinks',
	'CostLines',
	'FundingSources',
	'FundingAllocations',
	'Milestones',
	'SwitchOffs',
	'RollupTotals',
	'ApprovedBusinessCaseFigures',
	'CommitteeReportFigures',
	'CommitteeReportExemptFigures',
	'Partnerships',
	'GovernanceDocuments',
	'RecoveryObjectives',
	'RecoveryTests',
	'RechargeTotals',
	'Recharges',
	'AllocationKeys',
	'PartnerBudgets',
	'RechargeStatements'
] as const;
export type EntitySetName = (typeof ENTITY_SET_NAMES)[number];

export const EXEMPT_SET: EntitySetName = 'CommitteeReportExemptFigures';
export const STANDARD_SETS = ENTITY_SET_NAMES.filter((n) => n !== EXEMPT_SET);

export function isEntitySetName(value: string): value is EntitySetName {
	return (ENTITY_SET_NAMES as readonly string[]).includes(value);
}

/**
 * What a signed-in person must be allowed to do in the app to read each set through the feed with
 * their session: the permission of the pages that show the same rows, so the feed shows nobody
 * more than the app does (a committee member reads the issued reports' figures and nothing else).
 */
export const SET_PERMISSION: Record<EntitySetName, Action> = {
	Systems: 'catalogue:read',
	ReviewOutcomes: 'catalogue:read',
	Workstreams: 'catalogue:read',
	WorkstreamLinks: 'catalogue:read',
	CostLines: 'catalogue:read',
	FundingSources: 'catalogue:read',
	FundingAllocations: 'catalogue:read',
	Milestones: 'catalogue:read',
	SwitchOffs: 'catalogue:read',
	RollupTotals: 'catalogue:read',
	ApprovedBusinessCaseFigures: 'catalogue:read',
	// The report pages and the annex download need only report:read-issued.
	CommitteeReportFigures: 'report:read-issued',
	CommitteeReportExemptFigures: 'report:read-issued',
	Partnerships: 'governance:read',
	GovernanceDocuments: 'governance:read',
	RecoveryObjectives: 'governance:read',
	RecoveryTests: 'governance:read',
	// The recharge pages (/recharges and its statements) need governance:read.
	RechargeTotals: 'governance:read',
	Recharges: 'governance:read',
	AllocationKeys: 'governance:read',
	PartnerBudgets: 'governance:read',
	RechargeStatements: 'governance:read'
};

/** The sets a signed-in person with `role` reads through the feed with their session. */
export function setsForRole(role: Role): EntitySetName[] {
	return ENTITY_SET_NAMES.filter((name) => can(role, SET_PERMISSION[name]));
}

/** The longest a token may last: 12 months. */
export const MAX_TOKEN_DAYS = 365;
export const TOKEN_DAY_CHOICES = [30, 90, 180, 365] as const;

export interface TokenFormValues {
	name: string;
	scopes: string[];
	days: string;
}

/** The 'create a token' form: a name, at least one set, and a lifetime of at most 12 months. */
export function parseTokenForm(form: FormData): {
	values: TokenFormValues;
	errors: Record<string, string>;
	scopes: EntitySetName[];
	days: number;
} {
	const values: TokenFormValues = {
		name: text(form, 'name').trim(),
		scopes: texts(form, 'scopes'),
		days: text(form, 'days')
	};
	const errors: Record<string, string> = {};
	if (!values.name) errors.name = 'Enter a name for the token, such as the report it feeds';
	refuseUnsafeText(errors, values, { name: 'Name' }, [], { name: TEXT_LIMITS.name });
	const scopes = [...new Set(values.scopes)].filter(isEntitySetName);
	if (scopes.length === 0 || scopes.length !== new Set(values.scopes).size)
		errors.scopes = 'Select the data the token may read';
	const days = Number(values.days);
	if (!(TOKEN_DAY_CHOICES as readonly number[]).includes(days))
		errors.days = 'Select how long the token lasts (12 months at most)';
	return { values, errors, scopes, days };
}
