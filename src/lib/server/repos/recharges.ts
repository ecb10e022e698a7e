/**
 * The kept recharges (`recharge`): each live cost line of a shared service shared between its
 * partners, or kept whole as unallocated overhead (partner_key 0). Written only by
 * services/recharges.ts, in the transaction that changes the lines or keys they come from.
 */
import { and, asc, eq, gte, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
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

/**
 * The organisation filter for a range of cost-line ids: the unary `+` keeps SQLite on the primary
 * key's range, off the (organisation, ...) index that would read every recharge of the service.
 */
const byPrimaryKey = (organisationId: number) =>
	sql`+${recharge.organisationId} = ${organisationId}`;

/** Cost-line ids `from` <= id < `to`: a bounded piece of a large service, for the rebuild. */
export interface IdRange {
	from: number;
	to: number;
}

/** The service's live cost lines of one year, or of every year (in a range of ids), as recharges need them. */
export async function linesOf(
	ex: Executor,
	organisationId: number,
	financialYear?: string,
	range?: IdRange
): Promise<RechargeLine[]> {
	return ex
		.select(lineColumns)
		.from(costLine)
		.where(
			and(
				range
					? and(
							gte(costLine.id, range.from),
							lt(costLine.id, range.to),
							// The primary key's range, not the (organisation, ...) indexes: see byPrimaryKey.
							sql`+${costLine.organisationId} = ${organisationId}`,
							isNull(costLine.archivedAt)
						)
					: live(organisationId),
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

/** Removes the service's recharges of the lines in `range`, of every year. */
export async function deleteRange(
	ex: Executor,
	organisationId: number,
	range: IdRange
): Promise<void> {
	await ex
		.delete(recharge)
		.where(
			and(
				gte(recharge.costLineId, range.from),
				lt(recharge.costLineId, range.to),
				byPrimaryKey(organisationId)
			)
		);
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

/** The kept shares of the service (of the lines in `range`), for the rebuild to compare with shares worked out afresh. */
export async function readShares(
	ex: Executor,
	organisationId: number,
	range?: IdRange
): Promise<RechargeShare[]> {
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
		.where(
			range
				? and(
						gte(recharge.costLineId, range.from),
						lt(recharge.costLineId, range.to),
						byPrimaryKey(organisationId)
					)
				: eq(recharge.organisationId, organisationId)
		);
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
 * Where a page of a partner's (partner_key 0: the overhead's) lines of a year starts: the first
 * line's capital/revenue and cost line, found by skipping `offset` entries of the covering
 * partner-year index alone. An OFFSET on the page's own query joins every line it skips to its cost
 * line, system and workstream first: 100,000 lookups, 127 ms on the event loop, for page 1,000 of
 * a partner-year at 1,000,000 cost lines.
 */
async function pageStart(
	ex: Executor,
	organisationId: number,
	partnerKey: number,
	financialYear: string,
	offset: number
): Promise<SQL | undefined> {
	if (offset <= 0) return undefined;
	const [first] = await ex
		.select({ spendType: recharge.spendType, costLineId: recharge.costLineId })
		.from(recharge)
		.where(
			and(
				eq(recharge.organisationId, organisationId),
				eq(recharge.partnerKey, partnerKey),
				eq(recharge.financialYear, financialYear)
			)
		)
		.orderBy(asc(recharge.spendType), asc(recharge.costLineId))
		.limit(1)
		.offset(offset);
	// Past the last line: a page after every line, which is empty.
	return first
		? sql`(${recharge.spendType}, ${recharge.costLineId}) >= (${first.spendType}, ${first.costLineId})`
		: sql`0`;
}

/**
 * One partner's recharges of one year, line by line, with the key that applied to each: one page
 * of them, in the order of the partner-year index (capital or revenue, then line), so a year of
 * 140,000 lines is never read whole for a page; the page is read from where it starts (pageStart).
 */
export async function rechargesOfPartner(
	ex: Executor,
	organisationId: number,
	partnerOrganisationId: number,
	financialYear: string,
	page?: LinePage
): Promise<PartnerRechargeRow[]> {
	const start = page
		? await pageStart(ex, organisationId, partnerOrganisationId, financialYear, page.offset)
		: undefined;
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
				eq(recharge.financialYear, financialYear),
				start
			)
		)
		.orderBy(asc(recharge.spendType), asc(recharge.costLineId))
		// Without a page: every line of the year (a statement or a reconciliation counts them all).
		.limit(page?.limit ?? -1);
	return rows.map((r) => ({ ...r, allocationKeyId: r.allocationKeyId! }));
}

/** The lines of one year no key covers: the unallocated shared-service overhead, line by line (a page of them). */
export async function overheadLines(
	ex: Executor,
	organisationId: number,
	financialYear: string,
	page: LinePage
) {
	const start = await pageStart(ex, organisationId, 0, financialYear, page.offset);
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
				eq(recharge.financialYear, financialYear),
				start
			)
		)
		.orderBy(asc(recharge.spendType), asc(recharge.costLineId))
		.limit(page.limit);
}
