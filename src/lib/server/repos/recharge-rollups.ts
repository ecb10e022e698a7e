/**
 * Cost by partner per year, read from the kept totals (`recharge_total`: one row per partner or
 * overhead, year and capital or revenue, kept in the same transaction as the recharges, and checked
 * by `npm run costs:rebuild`), so the roll-up reads a few dozen rows whatever the number of cost
 * lines: at a million lines, summing the recharges themselves read ten million index entries a view.
 * Partner names are joined to those rows.
 */
import { and, asc, eq } from 'drizzle-orm';
import { organisation, rechargeTotal } from '../db/schema';
import type { Executor } from '../db';
import { checkedPence } from '$lib/domain/money';
import type { SpendType } from '$lib/domain/costs';

export interface PartnerCostGroup {
	/** The partner charged; null: unallocated shared-service overhead (partner_key 0). */
	partnerOrganisationId: number | null;
	partnerName: string | null;
	financialYear: string;
	spendType: SpendType;
	amountPence: number;
	lineCount: number;
}

/**
 * The shared service's recharges summed by partner (or unallocated overhead), financial year and
 * capital or revenue; `financialYear` narrows it to one year (the committee report's).
 */
export async function costByPartnerYear(
	ex: Executor,
	organisationId: number,
	financialYear?: string
): Promise<PartnerCostGroup[]> {
	const rows = await ex
		.select({
			partnerKey: rechargeTotal.partnerKey,
			partnerName: organisation.name,
			financialYear: rechargeTotal.financialYear,
			spendType: rechargeTotal.spendType,
			amount: rechargeTotal.amountPence,
			lineCount: rechargeTotal.lineCount
		})
		.from(rechargeTotal)
		.leftJoin(organisation, eq(organisation.id, rechargeTotal.partnerOrganisationId))
		.where(
			and(
				eq(rechargeTotal.organisationId, organisationId),
				financialYear ? eq(rechargeTotal.financialYear, financialYear) : undefined
			)
		)
		.orderBy(
			asc(rechargeTotal.financialYear),
			asc(rechargeTotal.partnerKey),
			asc(rechargeTotal.spendType)
		);
	return rows.map((r) => ({
		partnerOrganisationId: r.partnerKey === 0 ? null : r.partnerKey,
		partnerName: r.partnerKey === 0 ? null : r.partnerName,
		financialYear: r.financialYear,
		spendType: r.spendType,
		amountPence: checkedPence(Number(r.amount), 'A total'),
		lineCount: Number(r.lineCount)
	}));
}
