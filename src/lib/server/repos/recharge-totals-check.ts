/**
 * The check behind `npm run costs:rebuild` for the kept recharge totals: both tables
 * (`recharge_total` by partner, `recharge_centre_total` by cost centre too) against the shares
 * worked out afresh and summed.
 */
import type { Executor } from '../db';
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
