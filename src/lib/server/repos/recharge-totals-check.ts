/**
 * The check behind `npm run costs:rebuild` for the kept recharge totals: both tables
 * (`recharge_total` by partner, `recharge_centre_total` by cost centre too) against the shares
 * worked out afresh and summed, and `recharge_stated_total` against the issued lines summed.
 */
import type { Executor } from '../db';
import { execute } from '../db/bulk';
import {
	byPartner,
	foldTotals,
	readPartnerTotals,
	readTotals,
	type CentreTotalRow,
	type RechargeTotalRow
} from './recharge-totals';

/** A kept total that differs from the one summed afresh. */
export interface TotalDifference {
	key: string;
	keptPence: number;
	rebuiltPence: number;
}

/**
 * Both kept tables against `rebuilt` (the shares worked out afresh, summed by cost centre): every
 * total that differs, by cost centre and by partner, named in words (empty: all right).
 */
export async function totalsDifferences(
	ex: Executor,
	organisationId: number,
	rebuilt: readonly CentreTotalRow[]
): Promise<TotalDifference[]> {
	const differences: TotalDifference[] = [];
	const compare = (
		kept: Map<string, RechargeTotalRow>,
		fresh: Map<string, RechargeTotalRow>,
		name: (k: string) => string
	) => {
		for (const k of [...new Set([...kept.keys(), ...fresh.keys()])].sort()) {
			const a = kept.get(k);
			const b = fresh.get(k);
			if (a?.amountPence === b?.amountPence && a?.lineCount === b?.lineCount) continue;
			differences.push({
				key: name(k),
				keptPence: a?.amountPence ?? 0,
				rebuiltPence: b?.amountPence ?? 0
			});
		}
	};
	const partnerName = (p: string | undefined) =>
		p === '0' ? 'unallocated overhead' : `partner organisation ${p}`;
	compare(
		foldTotals(new Map(), await readTotals(ex, organisationId)),
		foldTotals(new Map(), rebuilt),
		(k) => {
			const [partner, centre, year, spendType] = k.split('|');
			return `recharge total ${partnerName(partner)}, cost centre ${centre === '0' ? 'none' : centre}, ${year}, ${spendType}`;
		}
	);
	const keyOf = (t: RechargeTotalRow) =>
		`${t.partnerOrganisationId ?? 0}|${t.financialYear}|${t.spendType}`;
	compare(
		new Map((await readPartnerTotals(ex, organisationId)).map((t) => [keyOf(t), t])),
		new Map(byPartner(rebuilt).map((t) => [keyOf(t), t])),
		(k) => {
			const [partner, year, spendType] = k.split('|');
			return `recharge total ${partnerName(partner)}, ${year}, ${spendType}`;
		}
	);
	return differences;
}

const STATED_SUMS = `SELECT organisation_id, partner_organisation_id, financial_year, coalesce(cost_centre_id, 0) AS cost_centre_key,
		max(cost_centre_id) AS cost_centre_id, spend_type, sum(amount_pence) AS amount_pence, count(*) AS line_count
	 FROM recharge_statement_line WHERE organisation_id = ?
	 GROUP BY partner_organisation_id, financial_year, coalesce(cost_centre_id, 0), spend_type`;

/**
 * `recharge_stated_total` (kept by a trigger as issued lines arrive) against the issued lines
 * summed afresh; when any differs, replaced by that sum. Returns the differences (empty: all right).
 */
export async function checkStatedTotals(
	ex: Executor,
	organisationId: number
): Promise<TotalDifference[]> {
	const keyOf = (r: Record<string, unknown>) =>
		`${r.partner_organisation_id}|${r.financial_year}|${r.cost_centre_key}|${r.spend_type}`;
	const read = async (sql: string) =>
		new Map((await execute(ex, sql, [organisationId])).rows.map((r) => [keyOf(r), r]));
	const kept = await read('SELECT * FROM recharge_stated_total WHERE organisation_id = ?');
	const fresh = await read(STATED_SUMS);
	const differences: TotalDifference[] = [];
	for (const k of [...new Set([...kept.keys(), ...fresh.keys()])].sort()) {
		const a = kept.get(k);
		const b = fresh.get(k);
		if (a?.amount_pence === b?.amount_pence && a?.line_count === b?.line_count) continue;
		const [partner, year, centre, spendType] = k.split('|');
		differences.push({
			key: `stated total partner organisation ${partner}, cost centre ${centre === '0' ? 'none' : centre}, ${year}, ${spendType}`,
			keptPence: Number(a?.amount_pence ?? 0),
			rebuiltPence: Number(b?.amount_pence ?? 0)
		});
	}
	if (differences.length > 0) {
		await execute(ex, 'DELETE FROM recharge_stated_total WHERE organisation_id = ?', [
			organisationId
		]);
		await execute(
			ex,
			`INSERT INTO recharge_stated_total (organisation_id, partner_organisation_id, financial_year, cost_centre_key, cost_centre_id, spend_type, amount_pence, line_count) ${STATED_SUMS}`,
			[organisationId]
		);
	}
	return differences;
}
