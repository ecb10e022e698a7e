/**
 * A partner's reconciliation: its ledger lines held against what the shared service recharged it,
 * with the service's tolerance. The partner's own page and the officers' page both read it here;
 * only the officers' names which partner a mis-posted cost centre belongs to.
 */
import { db, transaction } from '../db/database';
import * as ledger from '../repos/ledger';
import * as costCentres from '../repos/partner-cost-centres';
import * as totals from '../repos/recharge-totals';
import * as sums from '../repos/reconciliation';
import * as partnerships from '../repos/governance-partnerships';
import { recordAudit } from '../repos/audit';
import type { Executor } from '../db';
import type { Actor } from './actor';
import type { ServiceResult } from './result';
import { formatPence, parsePounds } from '$lib/domain/money';
import {
	DEFAULT_TOLERANCE_PENCE,
	reconcile,
	type RechargedTotal,
	type ReconciliationRow,
	type Viewer
} from '$lib/domain/recharges';

/**
 * What the ledger is compared with, by cost centre, year and capital/revenue, summed in SQL for the
 * years the ledger covers: for a year the partner has been sent an issued statement for, what the
 * issued statements charged it for that year (their frozen lines and adjustments, which is what it
 * was invoiced and will have posted: a quarter's statement charges a quarter); for a year no
 * statement has covered yet, the recharges as they stand. Every other year recharged comes as its
 * kept totals (recharge_total), which is all the reconciliation needs of it. This is the one place
 * that names the comparison's source.
 */
export async function rechargedSide(
	ex: Executor,
	sharedId: number,
	partnerId: number,
	ledgerYears: ReadonlySet<string>
): Promise<{ totals: RechargedTotal[]; statedYears: Set<string> }> {
	const stated = new Set(await sums.statedYears(ex, sharedId, partnerId));
	const kept = (await totals.totalsByPartnerYear(ex, sharedId)).filter(
		(t) => t.partnerOrganisationId === partnerId
	);
	const years = [...new Set([...stated, ...kept.map((t) => t.financialYear)])];
	const compared = years.filter((y) => ledgerYears.has(y));
	const out: RechargedTotal[] = [
		...(await sums.statedTotals(
			ex,
			sharedId,
			partnerId,
			compared.filter((y) => stated.has(y))
		)),
		...(await sums.rechargedTotals(
			ex,
			sharedId,
			partnerId,
			compared.filter((y) => !stated.has(y))
		))
	];
	// The years not compared: only that they were recharged counts.
	for (const t of kept)
		if (!ledgerYears.has(t.financialYear) && !stated.has(t.financialYear))
			out.push({ ...t, costCentreId: null });
	for (const y of stated)
		if (!ledgerYears.has(y))
			out.push({ costCentreId: null, financialYear: y, spendType: 'revenue', amountPence: 0 });
	return { totals: out, statedYears: stated };
}

export async function toleranceOf(ex: Executor, sharedId: number): Promise<number> {
	return (await ledger.getTolerance(ex, sharedId)) ?? DEFAULT_TOLERANCE_PENCE;
}

/** One partner's reconciliation and the extracts it was made from. */
export async function reconciliationOf(
	ex: Executor,
	sharedId: number,
	partnerId: number,
	viewer: Viewer
) {
	const lines = await ledger.listLines(ex, sharedId, partnerId);
	const ledgerYears = new Set(lines.map((l) => l.financialYear));
	const [recharged, centres, tolerancePence, extracts] = [
		await rechargedSide(ex, sharedId, partnerId, ledgerYears),
		await costCentres.listCostCentres(ex, sharedId),
		await toleranceOf(ex, sharedId),
		await ledger.listExtracts(ex, sharedId, partnerId)
	];
	const found = reconcile({
		partnerOrganisationId: partnerId,
		recharged: recharged.totals,
		ledger: lines,
		centres,
		tolerancePence,
		viewer
	});
	// A row beyond the tolerance lists the lines behind its recharged figure (the first few hundred).
	const rows: ReconciliationRow[] = [];
	for (const row of found.rows) {
		const behind = row.withinTolerance
			? { lines: [], count: 0 }
			: recharged.statedYears.has(row.financialYear)
				? await sums.statedLinesOf(ex, sharedId, partnerId, row)
				: await sums.rechargedLinesOf(ex, sharedId, partnerId, row);
		rows.push({ ...row, recharges: behind.lines, rechargeCount: behind.count });
	}
	return {
		...found,
		rows,
		extracts: extracts.map(
			({ id, fileName, financialYears, lineCount, uploadedBy, createdAt }) => ({
				id,
				fileName,
				financialYears,
				lineCount,
				uploadedBy,
				createdAt
			})
		)
	};
}

/** The officers' list: every partner with its reconciliation's status in words. */
export async function partnerStatuses(ex: Executor, sharedId: number) {
	const partners = await partnerships.listPartners(ex, sharedId);
	const seen = new Map<number, string>();
	for (const p of partners) seen.set(p.partnerOrganisationId, p.partnerName);
	const out = [];
	for (const [id, name] of seen) {
		const r = await reconciliationOf(ex, sharedId, id, 'officer');
		out.push({ id, name, status: r.status, extracts: r.extracts.length });
	}
	return out;
}

/** Sets the shared service's tolerance (pounds, 0 to £1,000,000), audited. */
export async function setTolerance(
	actor: Actor,
	input: string
): Promise<ServiceResult<{ tolerancePence: number }>> {
	const read = parsePounds(input);
	if (!read.ok) return { ok: false, reason: 'invalid', errors: { tolerance: read.reason } };
	if (read.pence < 0 || read.pence > 100_000_000)
		return {
			ok: false,
			reason: 'invalid',
			errors: { tolerance: 'The tolerance must be between £0.00 and £1,000,000.00' }
		};
	if (!(await partnerships.getAgreement(db(), actor.organisationId)))
		return {
			ok: false,
			reason: 'invalid',
			errors: { tolerance: 'This organisation is not a shared service' }
		};
	await transaction(async (tx) => {
		const before = await toleranceOf(tx, actor.organisationId);
		await ledger.setTolerance(tx, actor.organisationId, read.pence);
		await recordAudit(tx, actor, {
			entity: 'reconciliation_setting',
			entityId: actor.organisationId,
			action: 'update',
			before: { tolerancePence: before },
			after: { tolerancePence: read.pence },
			detail: `Reconciliation tolerance set to ${formatPence(read.pence)}`
		});
	});
	return { ok: true, tolerancePence: read.pence };
}
