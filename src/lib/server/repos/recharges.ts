/**
 * The kept recharges (`recharge`): each live cost line of a shared service shared between its
 * partners, or kept whole as unallocated overhead (partner_key 0). Written only by
 * services/recharges.ts, in the transaction that changes the lines or keys they come from.
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { InValue } from '@libsql/client';
import { costLine, recharge, system, workstream } from '../db/schema';
import type { Executor } from '../db';
import { insertRows } from '../db/bulk';
import type { RechargeLine, RechargeShare } from '$lib/domain/recharges';

const lineColumns = {
	id: costLine.id,
	financialYear: costLine.financialYear,
	spendType: costLine.spendType,
	systemId: costLine.systemId,
	workstreamId: costLine.workstreamId,
	amountPence: costLine.amountPence
};
const live = (organisationId: number) =>
	and(eq(costLine.organisationId, organisationId), isNull(costLine.archivedAt));

/** The service's live cost lines of one year, or of every year, as recharges need them. */
export async function linesOf(
	ex: Executor,
	organisationId: number,
	financialYear?: string
): Promise<RechargeLine[]> {
	return ex
		.select(lineColumns)
		.from(costLine)
		.where(
			and(
				live(organisationId),
				financialYear ? eq(costLine.financialYear, financialYear) : undefined
			)
		)
		.orderBy(asc(costLine.id));
}

/** The live lines among `ids`. */
export async function linesById(
	ex: Executor,
	organisationId: number,
	ids: readonly number[]
): Promise<RechargeLine[]> {
	if (ids.length === 0) return [];
	return ex
		.select(lineColumns)
		.from(costLine)
		.where(and(live(organisationId), inArray(costLine.id, [...ids])))
		.orderBy(asc(costLine.id));
}

export async function deleteForLines(
	ex: Executor,
	organisationId: number,
	ids: readonly number[]
): Promise<void> {
	if (ids.length === 0) return;
	await ex
		.delete(recharge)
		.where(
			and(eq(recharge.organisationId, organisationId), inArray(recharge.costLineId, [...ids]))
		);
}

export async function deleteAll(ex: Executor, organisationId: number): Promise<void> {
	await ex.delete(recharge).where(eq(recharge.organisationId, organisationId));
}

const COLUMNS = [
	'organisation_id',
	'cost_line_id',
	'partner_key',
	'partner_organisation_id',
	'financial_year',
	'spend_type',
	'amount_pence',
	'allocation_key_id',
	'cost_centre_id'
];

/** Writes shares in multi-row statements (a year of a large service is many thousands). */
export async function insertShares(
	ex: Executor,
	organisationId: number,
	shares: readonly RechargeShare[]
): Promise<void> {
	const rows: InValue[][] = shares.map((s) => [
		organisationId,
		s.costLineId,
		s.partnerOrganisationId ?? 0,
		s.partnerOrganisationId,
		s.financialYear,
		s.spendType,
		s.amountPence,
		s.keyId,
		s.costCentreId
	]);
	if (rows.length > 0) await insertRows(ex, 'recharge', COLUMNS, rows);
}

/** Every kept share of the service, for the rebuild to compare with shares worked out afresh. */
export async function readShares(ex: Executor, organisationId: number): Promise<RechargeShare[]> {
	const rows = await ex
		.select({
			costLineId: recharge.costLineId,
			partnerOrganisationId: recharge.partnerOrganisationId,
			financialYear: recharge.financialYear,
			spendType: recharge.spendType,
			amountPence: recharge.amountPence,
			keyId: recharge.allocationKeyId,
			costCentreId: recharge.costCentreId
		})
		.from(recharge)
		.where(eq(recharge.organisationId, organisationId));
	return rows;
}

/** Recharges summed by partner, year and capital/revenue: read from the kept totals (recharge_total). */
export { totalsByPartnerYear, type PartnerYearTotal } from './recharge-totals';

export interface PartnerRechargeRow {
	costLineId: number;
	description: string;
	systemName: string | null;
	workstreamName: string | null;
	spendType: 'capital' | 'revenue';
	lineAmountPence: number;
	amountPence: number;
	allocationKeyId: number;
	costCentreId: number | null;
}

/** A page of lines: how many to skip and show. */
export interface LinePage {
	offset: number;
	limit: number;
}

/**
 * One partner's recharges of one year, line by line, with the key that applied to each: one page
 * of them, in the order of the partner-year index (capital or revenue, then line), so a year of
 * 140,000 lines is never read whole for a page.
 */
export async function rechargesOfPartner(
	ex: Executor,
	organisationId: number,
	partnerOrganisationId: number,
	financialYear: string,
	page: LinePage
): Promise<PartnerRechargeRow[]> {
	const rows = await ex
		.select({
			costLineId: recharge.costLineId,
			description: costLine.description,
			systemName: system.name,
			workstreamName: workstream.name,
			spendType: recharge.spendType,
			lineAmountPence: costLine.amountPence,
			amountPence: recharge.amountPence,
			allocationKeyId: recharge.allocationKeyId,
			costCentreId: recharge.costCentreId
		})
		.from(recharge)
		.innerJoin(costLine, eq(costLine.id, recharge.costLineId))
		.leftJoin(system, eq(system.id, costLine.systemId))
		.leftJoin(workstream, eq(workstream.id, costLine.workstreamId))
		.where(
			and(
				eq(recharge.organisationId, organisationId),
				eq(recharge.partnerKey, partnerOrganisationId),
				eq(recharge.financialYear, financialYear)
			)
		)
		.orderBy(asc(recharge.spendType), asc(recharge.costLineId))
		.limit(page.limit)
		.offset(page.offset);
	return rows.map((r) => ({ ...r, allocationKeyId: r.allocationKeyId! }));
}

/** The lines of one year no key covers: the unallocated shared-service overhead, line by line (a page of them). */
export async function overheadLines(
	ex: Executor,
	organisationId: number,
	financialYear: string,
	page: LinePage
) {
	return ex
		.select({
			costLineId: recharge.costLineId,
			description: costLine.description,
			systemName: system.name,
			workstreamName: workstream.name,
			spendType: recharge.spendType,
			amountPence: recharge.amountPence
		})
		.from(recharge)
		.innerJoin(costLine, eq(costLine.id, recharge.costLineId))
		.leftJoin(system, eq(system.id, costLine.systemId))
		.leftJoin(workstream, eq(workstream.id, costLine.workstreamId))
		.where(
			and(
				eq(recharge.organisationId, organisationId),
				eq(recharge.partnerKey, 0),
				eq(recharge.financialYear, financialYear)
			)
		)
		.orderBy(asc(recharge.spendType), asc(recharge.costLineId))
		.limit(page.limit)
		.offset(page.offset);
}
