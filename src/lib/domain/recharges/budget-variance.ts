/**
 * Each partner's share of a shared service's cost in one financial year against the budget it set
 * for its contribution: the variance (budget less share) and the same in words, so being over budget
 * never rests on a minus sign or a colour. Used by /recharges and the committee report alike.
 */
import { formatPence } from '../money';
import { subtractPence, sumPence } from '../rollups/rollup';
import { UNALLOCATED_LABEL } from './allocate';

export interface PartnerShareRow {
	/** null: the unallocated shared-service overhead, which no partner has budgeted for. */
	partnerOrganisationId: number | null;
	name: string;
	sharePence: number;
	budgetPence: number | null;
	/** Budget less share: negative when the partner's share is over its budget; null without a budget. */
	variancePence: number | null;
	words: string;
}

/** 'Over budget by £120.00', 'Within budget, £30.00 to spare', 'Exactly on budget', 'No budget recorded'. */
export function varianceWords(sharePence: number, budgetPence: number | null): string {
	if (budgetPence == null) return 'No budget recorded';
	const variance = subtractPence(budgetPence, sharePence);
	if (variance < 0) return `Over budget by ${formatPence(-variance)}`;
	if (variance === 0) return 'Exactly on budget';
	return `Within budget, ${formatPence(variance)} to spare`;
}

/**
 * One row per partner (every partner named, with or without a share or a budget), by name, and the
 * overhead last when there is any. `shares` may hold capital and revenue apart: they are summed.
 */
export function partnerShareRows(
	partners: readonly { id: number; name: string }[],
	shares: readonly { partnerOrganisationId: number | null; amountPence: number }[],
	budgets: readonly { partnerOrganisationId: number; amountPence: number }[]
): PartnerShareRow[] {
	const shareOf = (id: number | null) =>
		sumPence(shares.filter((s) => s.partnerOrganisationId === id).map((s) => s.amountPence));
	const budgetOf = new Map(budgets.map((b) => [b.partnerOrganisationId, b.amountPence]));
	const rows: PartnerShareRow[] = [...partners]
		.sort((a, b) => a.name.localeCompare(b.name, 'en-GB') || a.id - b.id)
		.map((p) => {
			const sharePence = shareOf(p.id);
			const budgetPence = budgetOf.get(p.id) ?? null;
			return {
				partnerOrganisationId: p.id,
				name: p.name,
				sharePence,
				budgetPence,
				variancePence: budgetPence == null ? null : subtractPence(budgetPence, sharePence),
				words: varianceWords(sharePence, budgetPence)
			};
		});
	const overhead = shareOf(null);
	if (overhead > 0)
		rows.push({
			partnerOrganisationId: null,
			name: UNALLOCATED_LABEL,
			sharePence: overhead,
			budgetPence: null,
			variancePence: null,
			words: 'Not charged to any partner: no key covers it'
		});
	return rows;
}
