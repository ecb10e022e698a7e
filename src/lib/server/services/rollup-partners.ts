/**
 * Cost by partner per year for an organisation that runs a shared service: each partner's recharges,
 * the unallocated shared-service overhead and a total, by financial year with capital and revenue
 * apart. Read from the kept recharges by one grouped query (repos/recharge-rollups.ts) and checked
 * against the cost roll-up's kept totals: partners plus overhead must equal the service's cost to the
 * penny, and when they do not (lines recorded before the partnership agreement have no recharges until
 * a key is saved for their year or `npm run costs:rebuild` runs) the page says so, never hides it.
 */
import { db } from '../db/database';
import * as partnerRollups from '../repos/recharge-rollups';
import * as rollups from '../repos/rollups';
import { isSharedService } from './recharges';
import { SPEND_TYPES, type SpendType } from '$lib/domain/costs';
import { financialYearsBetween, type FinancialYear } from '$lib/domain/fiscal';
import { formatPence } from '$lib/domain/money';
import { UNALLOCATED_LABEL } from '$lib/domain/recharges';
import {
	checkReconciles,
	pivot,
	sumPence,
	type CostRollupInput,
	type Discrepancy
} from '$lib/domain/rollups';

export interface PartnerCostRollup extends CostRollupInput {
	rows: { key: number | null; label: string; cells: number[]; totalPence: number }[];
	/** The cost roll-up's total over the same lines (the kept cost totals), for the reconciliation. */
	costTotalPence: number;
	discrepancies: Discrepancy[];
}

/** Cost by partner per year, or null when the organisation runs no shared service (it recharges no one). */
export async function partnerCostRollup(organisationId: number): Promise<PartnerCostRollup | null> {
	const ex = db();
	if (!(await isSharedService(ex, organisationId))) return null;
	const groups = await partnerRollups.costByPartnerYear(ex, organisationId);
	const costs = await rollups.costTotalsBy(ex, organisationId, null);
	const found = [...new Set([...groups, ...costs].map((g) => g.financialYear))].sort();
	const years =
		found.length === 0 ? [] : financialYearsBetween(found[0]!, found[found.length - 1]!);
	const names = new Map(groups.map((g) => [g.partnerOrganisationId, g.partnerName ?? '']));
	// Partners by name, the overhead last so it is never lost among them.
	const partnerOrder = [...names.keys()]
		.filter((k): k is number => k != null)
		.sort((a, b) => names.get(a)!.localeCompare(names.get(b)!, 'en-GB') || a - b);
	const columnKeys = years.flatMap((y) => SPEND_TYPES.map((s) => `${y}|${s}`));
	const p = pivot(
		groups,
		(g) => g.partnerOrganisationId,
		(g) => `${g.financialYear}|${g.spendType}`,
		{ rows: [...partnerOrder, null], columns: columnKeys }
	);
	const costTotalPence = sumPence(costs.map((c) => c.amountPence));
	const discrepancies = checkReconciles(p, sumPence(groups.map((g) => g.amountPence)));
	if (p.grandTotal !== costTotalPence)
		discrepancies.push({
			where: 'grand total',
			key: null,
			shownPence: p.grandTotal,
			sumPence: costTotalPence,
			explanation: `the recharges add up to ${formatPence(p.grandTotal)} but the service's cost lines to ${formatPence(costTotalPence)}; lines recorded before the partnership agreement are shared out by the next key saved for their year, or by npm run costs:rebuild`
		});
	return {
		columns: p.columns.map((c) => {
			const [financialYear, spendType] = c.key.split('|') as [FinancialYear, SpendType];
			return { financialYear, spendType, totalPence: c.total };
		}),
		rows: p.rows.map((r) => ({
			key: r.key,
			label: r.key == null ? UNALLOCATED_LABEL : names.get(r.key) || `Organisation ${r.key}`,
			cells: [...r.cells.values()],
			totalPence: r.total
		})),
		grandTotalPence: p.grandTotal,
		costTotalPence,
		discrepancies
	};
}
