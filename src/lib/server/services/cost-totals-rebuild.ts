/**
 * The check behind `npm run costs:rebuild`: every pre-aggregated figure kept beside the cost lines
 * (cost_total, cost_funding_total, the copied directorate, the kept switch-offs, a shared service's
 * recharges) is recomputed from scratch in one transaction, compared with what was kept, and
 * repaired where it differs.
 */
import { transaction } from '../db/database';
import * as costTotals from '../repos/cost-totals';
import * as runCost from '../repos/run-cost';
import { recordAudit } from '../repos/audit';
import { rebuildRecharges } from './recharges';
import type { Actor } from './actor';
import { formatPence } from '$lib/domain/money';

export interface CostTotalDifference {
	table:
		| 'cost_total'
		| 'cost_funding_total'
		| 'cost_line.directorate_id'
		| 'system_switch_off'
		| 'recharge';
	/** The key that differed, e.g. 'workstream 3, directorate 0, outcome -, 2026/27, capital, estimate'. */
	key: string;
	keptPence: number;
	rebuiltPence: number;
	keptLines: number;
	rebuiltLines: number;
}

function compare<T extends { amountPence: number; lineCount: number }>(
	table: CostTotalDifference['table'],
	kept: readonly T[],
	rebuilt: readonly T[],
	keyOf: (t: T) => string
): CostTotalDifference[] {
	const keptByKey = new Map(kept.map((t) => [keyOf(t), t]));
	const rebuiltByKey = new Map(rebuilt.map((t) => [keyOf(t), t]));
	const keys = [...new Set([...keptByKey.keys(), ...rebuiltByKey.keys()])].sort();
	return keys.flatMap((key) => {
		const k = keptByKey.get(key);
		const r = rebuiltByKey.get(key);
		if (k && r && k.amountPence === r.amountPence && k.lineCount === r.lineCount) return [];
		return [
			{
				table,
				key,
				keptPence: k?.amountPence ?? 0,
				rebuiltPence: r?.amountPence ?? 0,
				keptLines: k?.lineCount ?? 0,
				rebuiltLines: r?.lineCount ?? 0
			}
		];
	});
}

/** Kept against rebuilt switch-offs, system by system: a missing row counts as 0 lines, a present one as 1. */
function compareSwitchOffs(
	kept: readonly runCost.SwitchOffRow[],
	rebuilt: readonly runCost.SwitchOffRow[]
): CostTotalDifference[] {
	const keptBySystem = new Map(kept.map((r) => [r.systemId, r]));
	const rebuiltBySystem = new Map(rebuilt.map((r) => [r.systemId, r]));
	const ids = [...new Set([...keptBySystem.keys(), ...rebuiltBySystem.keys()])].sort(
		(a, b) => a - b
	);
	return ids.flatMap((systemId) => {
		const k = keptBySystem.get(systemId);
		const r = rebuiltBySystem.get(systemId);
		if (
			k &&
			r &&
			k.switchOffDate === r.switchOffDate &&
			k.annualRunCostPence === r.annualRunCostPence
		)
			return [];
		return [
			{
				table: 'system_switch_off' as const,
				key: `system ${systemId}: kept switch-off ${k?.switchOffDate ?? 'none'}, rebuilt ${r?.switchOffDate ?? 'none'}`,
				keptPence: k?.annualRunCostPence ?? 0,
				rebuiltPence: r?.annualRunCostPence ?? 0,
				keptLines: k ? 1 : 0,
				rebuiltLines: r ? 1 : 0
			}
		];
	});
}

const totalKeyText = (t: costTotals.CostTotalRow) =>
	`workstream ${t.workstreamKey || '-'}, directorate ${t.directorateKey || '-'}, outcome ${t.outcomeKey || '-'}, ${t.financialYear}, ${t.spendType}, ${t.confidence}`;
const fundingKeyText = (t: costTotals.FundingTotalRow) =>
	`funding source ${t.fundingSourceKey || '-'}, ${t.financialYear}, ${t.spendType}`;

/**
 * Recomputes the organisation's totals from its cost lines, and its switch-offs (what the run-cost
 * roll-up sums) from its systems, outcomes and milestones, in one transaction, after first putting
 * right any line whose copied directorate is not its system's. Returns every difference it found
 * between what was kept and what it rebuilt: empty when the kept figures were right.
 */
export async function rebuildCostTotals(actor: Actor): Promise<CostTotalDifference[]> {
	const organisationId = actor.organisationId;
	return transaction(async (tx) => {
		const drift = await costTotals.correctLineDirectorates(tx, organisationId);
		const [kept, keptFunding, rebuilt, rebuiltFunding] = [
			await costTotals.readCostTotals(tx, organisationId),
			await costTotals.readFundingTotals(tx, organisationId),
			await costTotals.sumCostTotalsFromLines(tx, organisationId),
			await costTotals.sumFundingTotalsFromLines(tx, organisationId)
		];
		const switchOffs = compareSwitchOffs(
			await runCost.readSwitchOffs(tx, organisationId),
			await runCost.switchOffsFromScratch(tx, organisationId)
		);
		const differences: CostTotalDifference[] = [
			...drift.map((d) => ({
				table: 'cost_line.directorate_id' as const,
				key: `system ${d.systemId}: lines in directorate ${d.lineDirectorateId ?? '-'}, system in ${d.systemDirectorateId ?? '-'}`,
				keptPence: 0,
				rebuiltPence: 0,
				keptLines: d.lines,
				rebuiltLines: d.lines
			})),
			...compare('cost_total', kept, rebuilt, totalKeyText),
			...compare('cost_funding_total', keptFunding, rebuiltFunding, fundingKeyText),
			...switchOffs
		];
		if (differences.length > switchOffs.length) await costTotals.replaceTotals(tx, organisationId);
		if (switchOffs.length > 0) await runCost.rebuildSwitchOffs(tx, organisationId);
		// A shared service's recharges, line by line and partner by partner (after the lines are right).
		for (const r of await rebuildRecharges(tx, organisationId))
			differences.push({ table: 'recharge', ...r, keptLines: 1, rebuiltLines: 1 });
		await recordAudit(tx, actor, {
			entity: 'cost_total',
			action: 'rebuild',
			after: { differences: differences.length },
			detail: differences
				.slice(0, 20)
				.map(
					(d) =>
						`${d.table} ${d.key}: kept ${formatPence(d.keptPence)}/${d.keptLines}, rebuilt ${formatPence(d.rebuiltPence)}/${d.rebuiltLines}`
				)
				.join('; ')
		});
		return differences;
	});
}
