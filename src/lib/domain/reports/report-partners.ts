/**
 * The committee report's partner shares section (section 10, report format 3 on): for a shared
 * service, each partner's share of the report's financial year against the budget it set for its
 * contribution, the variance, and in words when a partner is over. Frozen with the report, so a
 * re-read shows the shares and budgets as reported, whatever keys or budgets changed since.
 */
import { formatPence } from '../money';
import { sumPence } from '../rollups/rollup';
import { partnerShareRows, type PartnerShareRow } from '../recharges/budget-variance';

/** What the server gathers for the section; null for an organisation that runs no shared service. */
export interface PartnerShareFacts {
	partners: readonly { id: number; name: string }[];
	/** The year's recharges by partner (null: unallocated overhead), capital and revenue as found. */
	shares: readonly { partnerOrganisationId: number | null; amountPence: number }[];
	budgets: readonly { partnerOrganisationId: number; amountPence: number }[];
}

export interface ReportPartnerShares {
	basis: string;
	rows: PartnerShareRow[];
	/** Partners plus overhead: the shared service's whole cost of the year. */
	totalPence: number;
	/** The partners whose share is over their budget, in words ('Eastmoor: over budget by £50.00'). */
	over: string[];
}

export const PARTNER_SHARES_BASIS =
	'Each partner’s share is its recharges for the report’s financial year in full: every cost line of the shared service (estimate, committed and actual), shared by the allocation keys as they stood when the report was prepared. Its budget is what the partner set aside for its contribution that year. Variance is budget less share.';

export function reportPartnerShares(facts: PartnerShareFacts | null): ReportPartnerShares | null {
	if (!facts) return null;
	const rows = partnerShareRows(facts.partners, facts.shares, facts.budgets);
	return {
		basis: PARTNER_SHARES_BASIS,
		rows,
		totalPence: sumPence(rows.map((r) => r.sharePence)),
		over: rows
			.filter((r) => r.variancePence != null && r.variancePence < 0)
			.map((r) => `${r.name}: ${r.words.toLowerCase()}`)
	};
}

/** The section as labelled lines with their figures (for the issue form's 'what changed'). */
export function partnerShareLines(p: ReportPartnerShares): [string, string, number[]][] {
	return [
		...p.rows.map((r): [string, string, number[]] => [
			`Partner share: ${r.name}`,
			`share ${formatPence(r.sharePence)}, budget ${r.budgetPence == null ? 'none' : formatPence(r.budgetPence)}: ${r.words}`,
			[r.sharePence, r.budgetPence ?? 0, r.variancePence ?? 0]
		]),
		['Partner shares: total', formatPence(p.totalPence), [p.totalPence]]
	];
}
