/**
 * Cost by partner per year, read from the kept recharges by SQL aggregation: one grouped query that
 * scans the covering index `recharge_partner_year_idx` (organisation, partner, year, capital or
 * revenue, amount) and never the table, so at a million cost lines it costs about one bare SUM.
 * Partner names are joined after grouping (a handful of rows), never per recharge row.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { organisation, recharge } from '../db/schema';
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
	// total(): a sum that never throws on overflow; checkedPence turns one past 2^53 into 'too large to show'.
	const grouped = ex
		.select({
			partnerKey: recharge.partnerKey,
			financialYear: recharge.financialYear,
			spendType: recharge.spendType,
			amount: sql<number>`total(${recharge.amountPence})`.as('amount'),
			lineCount: sql<number>`count(*)`.as('line_count')
		})
		.from(recharge)
		.where(
			and(
				eq(recharge.organisationId, organisationId),
				financialYear ? eq(recharge.financialYear, financialYear) : undefined
			)
		)
		.groupBy(recharge.partnerKey, recharge.financialYear, recharge.spendType)
		.as('g');
	const rows = await ex
		.select({
			partnerKey: grouped.partnerKey,
			partnerName: organisation.name,
			financialYear: grouped.financialYear,
			spendType: grouped.spendType,
			amount: grouped.amount,
			lineCount: grouped.lineCount
		})
		.from(grouped)
		.leftJoin(organisation, eq(organisation.id, grouped.partnerKey))
		.orderBy(asc(grouped.financialYear), asc(grouped.partnerKey), asc(grouped.spendType));
	return rows.map((r) => ({
		partnerOrganisationId: r.partnerKey === 0 ? null : r.partnerKey,
		partnerName: r.partnerKey === 0 ? null : r.partnerName,
		financialYear: r.financialYear,
		spendType: r.spendType,
		amountPence: checkedPence(Number(r.amount), 'A total'),
		lineCount: Number(r.lineCount)
	}));
}
