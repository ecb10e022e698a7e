/**
 * The pre-aggregated recharge totals: `recharge_total` by partner (partner_key 0: unallocated
 * overhead), year and capital/revenue, and `recharge_centre_total` by the same and cost centre too
 * (what a reconciliation reads). Both kept here, by the same writes, on the caller's transaction,
 * by services/recharges.ts whenever it writes `recharge`: a year worked out again replaces that
 * year's totals; a few lines worked out again apply their change as a delta. Pages read these
 * instead of summing `recharge`.
 */
import { and, asc, eq } from 'drizzle-orm';
import { organisation, rechargeCentreTotal, rechargeTotal } from '../db/schema';
import type { Executor } from '../db';
import { execute } from '../db/bulk';

export interface RechargeTotalRow {
	partnerOrganisationId: number | null;
	financialYear: string;
	spendType: 'capital' | 'revenue';
	amountPence: number;
	lineCount: number;
}

/** A total of one partner's cost centre (null: the key named none) as well. */
export interface CentreTotalRow extends RechargeTotalRow {
	costCentreId: number | null;
}

/** Adds deltas (negative to take away) to both kept tables; a total that reaches no line is removed. */
export async function addToTotals(
	ex: Executor,
	organisationId: number,
	deltas: readonly CentreTotalRow[]
): Promise<void> {
	const byCentre = foldTotals(new Map(), deltas);
	for (const d of byCentre.values()) {
		if (d.amountPence === 0 && d.lineCount === 0) continue;
		await execute(
			ex,
			`INSERT INTO recharge_centre_total (organisation_id, partner_key, partner_organisation_id, financial_year, cost_centre_key, cost_centre_id, spend_type, amount_pence, line_count)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
			 ON CONFLICT DO UPDATE SET amount_pence = amount_pence + excluded.amount_pence, line_count = line_count + excluded.line_count`,
			[
				organisationId,
				d.partnerOrganisationId ?? 0,
				d.partnerOrganisationId,
				d.financialYear,
				d.costCentreId ?? 0,
				d.costCentreId,
				d.spendType,
				d.amountPence,
				d.lineCount
			]
		);
	}
	for (const d of byPartner(byCentre.values())) {
		if (d.amountPence === 0 && d.lineCount === 0) continue;
		await execute(
			ex,
			`INSERT INTO recharge_total (organisation_id, partner_key, partner_organisation_id, financial_year, spend_type, amount_pence, line_count)
			 VALUES (?, ?, ?, ?, ?, ?, ?)
			 ON CONFLICT DO UPDATE SET amount_pence = amount_pence + excluded.amount_pence, line_count = line_count + excluded.line_count`,
			[
				organisationId,
				d.partnerOrganisationId ?? 0,
				d.partnerOrganisationId,
				d.financialYear,
				d.spendType,
				d.amountPence,
				d.lineCount
			]
		);
	}
	for (const table of ['recharge_total', 'recharge_centre_total'])
		await execute(ex, `DELETE FROM ${table} WHERE organisation_id = ? AND line_count = 0`, [
			organisationId
		]);
}

/** Centre totals summed by partner, year and capital/revenue: what `recharge_total` keeps. */
export function byPartner(rows: Iterable<RechargeTotalRow>): RechargeTotalRow[] {
	const out = new Map<string, RechargeTotalRow>();
	for (const t of rows) {
		const k = `${t.partnerOrganisationId ?? 0}|${t.financialYear}|${t.spendType}`;
		const seen = out.get(k);
		if (seen) {
			seen.amountPence += t.amountPence;
			seen.lineCount += t.lineCount;
		} else
			out.set(k, {
				partnerOrganisationId: t.partnerOrganisationId,
				financialYear: t.financialYear,
				spendType: t.spendType,
				amountPence: t.amountPence,
				lineCount: t.lineCount
			});
	}
	return [...out.values()];
}

/** Replaces one year's totals (after the whole year was worked out again). */
export async function replaceYearTotals(
	ex: Executor,
	organisationId: number,
	financialYear: string,
	totals: readonly CentreTotalRow[]
): Promise<void> {
	await deleteTotals(ex, organisationId, financialYear);
	await addToTotals(ex, organisationId, totals);
}

/** Removes the totals (both tables) of one year, or of every year. */
export async function deleteTotals(
	ex: Executor,
	organisationId: number,
	financialYear?: string
): Promise<void> {
	for (const table of [rechargeTotal, rechargeCentreTotal])
		await ex
			.delete(table)
			.where(
				and(
					eq(table.organisationId, organisationId),
					financialYear ? eq(table.financialYear, financialYear) : undefined
				)
			);
}

/** Every kept total of the service by cost centre (for the rebuild to compare). */
export async function readTotals(ex: Executor, organisationId: number): Promise<CentreTotalRow[]> {
	return ex
		.select({
			partnerOrganisationId: rechargeCentreTotal.partnerOrganisationId,
			costCentreId: rechargeCentreTotal.costCentreId,
			financialYear: rechargeCentreTotal.financialYear,
			spendType: rechargeCentreTotal.spendType,
			amountPence: rechargeCentreTotal.amountPence,
			lineCount: rechargeCentreTotal.lineCount
		})
		.from(rechargeCentreTotal)
		.where(eq(rechargeCentreTotal.organisationId, organisationId));
}

/** Every kept total of the service by partner (`recharge_total`), for the rebuild to compare. */
export async function readPartnerTotals(
	ex: Executor,
	organisationId: number
): Promise<RechargeTotalRow[]> {
	return ex
		.select({
			partnerOrganisationId: rechargeTotal.partnerOrganisationId,
			financialYear: rechargeTotal.financialYear,
			spendType: rechargeTotal.spendType,
			amountPence: rechargeTotal.amountPence,
			lineCount: rechargeTotal.lineCount
		})
		.from(rechargeTotal)
		.where(eq(rechargeTotal.organisationId, organisationId));
}

export interface PartnerYearTotal extends RechargeTotalRow {
	partnerName: string | null;
}

/** Totals by partner (null: overhead), year and capital/revenue, with the partner's name: every partner may see these. */
export async function totalsByPartnerYear(
	ex: Executor,
	organisationId: number
): Promise<PartnerYearTotal[]> {
	return ex
		.select({
			partnerOrganisationId: rechargeTotal.partnerOrganisationId,
			partnerName: organisation.name,
			financialYear: rechargeTotal.financialYear,
			spendType: rechargeTotal.spendType,
			amountPence: rechargeTotal.amountPence,
			lineCount: rechargeTotal.lineCount
		})
		.from(rechargeTotal)
		.leftJoin(organisation, eq(organisation.id, rechargeTotal.partnerOrganisationId))
		.where(eq(rechargeTotal.organisationId, organisationId))
		.orderBy(
			asc(rechargeTotal.financialYear),
			asc(organisation.name),
			asc(rechargeTotal.spendType)
		);
}

/** The recharges of some lines summed as totals: what deleting them takes away. */
export async function totalsOfLines(
	ex: Executor,
	organisationId: number,
	ids: readonly number[]
): Promise<CentreTotalRow[]> {
	if (ids.length === 0) return [];
	const result = await execute(
		ex,
		`SELECT partner_organisation_id, cost_centre_id, financial_year, spend_type, sum(amount_pence) AS amount, count(*) AS lines
		 FROM recharge WHERE organisation_id = ? AND cost_line_id IN (${ids.map(() => '?').join(',')})
		 GROUP BY partner_key, cost_centre_id, financial_year, spend_type`,
		[organisationId, ...ids]
	);
	return result.rows.map((r) => ({
		partnerOrganisationId:
			r.partner_organisation_id == null ? null : Number(r.partner_organisation_id),
		costCentreId: r.cost_centre_id == null ? null : Number(r.cost_centre_id),
		financialYear: String(r.financial_year),
		spendType: r.spend_type as 'capital' | 'revenue',
		amountPence: Number(r.amount),
		lineCount: Number(r.lines)
	}));
}

/** Sums by (partner, cost centre, year, capital/revenue), folding `more` into `into`. */
export function foldTotals<T extends CentreTotalRow>(into: Map<string, T>, more: Iterable<T>) {
	for (const t of more) {
		const k = `${t.partnerOrganisationId ?? 0}|${t.costCentreId ?? 0}|${t.financialYear}|${t.spendType}`;
		const seen = into.get(k);
		if (seen) {
			seen.amountPence += t.amountPence;
			seen.lineCount += t.lineCount;
		} else into.set(k, { ...t });
	}
	return into;
}

/** Shares summed as totals (each share one line of its partner's count). */
export function sharesAsTotals(
	shares: readonly Pick<
		CentreTotalRow,
		'partnerOrganisationId' | 'costCentreId' | 'financialYear' | 'spendType' | 'amountPence'
	>[]
): CentreTotalRow[] {
	return [
		...foldTotals(
			new Map(),
			shares.map((s) => ({
				partnerOrganisationId: s.partnerOrganisationId,
				costCentreId: s.costCentreId,
				financialYear: s.financialYear,
				spendType: s.spendType,
				amountPence: s.amountPence,
				lineCount: 1
			}))
		).values()
	];
}

export const negated = (rows: readonly CentreTotalRow[]): CentreTotalRow[] =>
	rows.map((r) => ({ ...r, amountPence: -r.amountPence, lineCount: -r.lineCount }));
