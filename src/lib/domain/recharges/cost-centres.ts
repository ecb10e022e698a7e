/**
 * Partner cost centres: each partner's own budget codes (a service's or a school's). A recharge is
 * charged to a cost centre of the partner it charges and no other: money posted to another
 * partner's budget is how a school paid for someone else's staff for months without knowing.
 */

export const COST_CENTRE_KINDS = ['service', 'school'] as const;
export type CostCentreKind = (typeof COST_CENTRE_KINDS)[number];
export const COST_CENTRE_KIND_LABEL: Record<CostCentreKind, string> = {
	service: 'Service',
	school: 'School'
};

export interface CostCentreRef {
	id: number;
	code: string;
	name: string;
	partnerOrganisationId: number;
}

/**
 * Why a cost centre may not take a partner's charge, naming both ('EDU-114 Hillside Primary belongs
 * to Northbridge Council, not Eastshire Council'), or null when it is the partner's own.
 */
export function costCentreProblem(
	centre: CostCentreRef | undefined,
	partnerOrganisationId: number,
	partnerName: (id: number) => string
): string | null {
	if (!centre) return 'Choose a cost centre from the list';
	if (centre.partnerOrganisationId === partnerOrganisationId) return null;
	return `${centre.code} ${centre.name} belongs to ${partnerName(centre.partnerOrganisationId)}, not ${partnerName(partnerOrganisationId)}`;
}

/** A cost centre code: letters, digits and - _ / . (as ledgers print them), 1 to 30 characters. */
export function costCentreCodeProblem(code: string): string | null {
	if (code.trim() === '') return 'Enter the cost centre code';
	if (!/^[A-Za-z0-9][A-Za-z0-9\-_/.]{0,29}$/.test(code.trim()))
		return 'Cost centre code must be 1 to 30 letters, digits, hyphens, underscores, slashes or full stops';
	return null;
}
