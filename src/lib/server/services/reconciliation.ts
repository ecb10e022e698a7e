/**
 * A partner's reconciliation: its ledger lines held against what the shared service recharged it,
 * with the service's tolerance. The partner's own page and the officers' page both read it here;
 * only the officers' names which partner a mis-posted cost centre belongs to.
 */
import { db, transaction } from '../db/database';
import * as ledger from '../repos/ledger';
import * as costCentres from '../repos/partner-cost-centres';
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
	type CentreOfService,
	type HeldLedgerLine,
	type Reconciliation,
	type RowOf,
	type Viewer
} from '$lib/domain/recharges';

/**
 * What the ledger is compared with, by cost centre, year and capital/revenue, from the kept totals
 * of one partner: for a year the partner has been sent an issued statement for, what the issued
 * statements charged it for that year (their frozen lines and adjustments, which is what it was
 * invoiced and will have posted: a quarter's statement charges a quarter); for a year no statement
 * has covered yet, the recharges as they stand. Every other year recharged counts only as recharged
 * (its cost centres dropped). This is the one place that names the comparison's source.
 */
export function rechargedSide(
	kept: readonly sums.PartnerCentreTotal[],
	stated: readonly sums.PartnerCentreTotal[],
	ledgerYears: ReadonlySet<string>
): { totals: sums.PartnerCentreTotal[]; statedYears: Set<string> } {
	const statedYears = new Set(stated.map((t) => t.financialYear));
	const out = [
		...stated.filter((t) => ledgerYears.has(t.financialYear)),
		...kept
			.filter((t) => !statedYears.has(t.financialYear))
			.map((t) => (ledgerYears.has(t.financialYear) ? t : { ...t, costCentreId: null }))
	];
	for (const y of statedYears)
		if (!ledgerYears.has(y))
			out.push({ ...stated.find((t) => t.financialYear === y)!, amountPence: 0 });
	return { totals: out, statedYears };
}

const rowKey = (r: RowOf) => `${r.costCentreId ?? 'none'}|${r.financialYear}|${r.spendType}`;

export async function toleranceOf(ex: Executor, sharedId: number): Promise<number> {
	return (await ledger.getTolerance(ex, sharedId)) ?? DEFAULT_TOLERANCE_PENCE;
}

/**
 * A partner's reconciliation from its ledger and kept totals. A row beyond the tolerance says how
 * many lines are behind its recharged figure (statement lines for a stated year); they are listed
 * a page at a time on demand (linesBehind), so showing a reconciliation reads no recharge.
 */
function reconciled(
	partnerId: number,
	kept: readonly sums.PartnerCentreTotal[],
	stated: readonly sums.PartnerCentreTotal[],
	lines: readonly HeldLedgerLine[],
	centres: readonly CentreOfService[],
	tolerancePence: number,
	viewer: Viewer
): Reconciliation {
	const recharged = rechargedSide(kept, stated, new Set(lines.map((l) => l.financialYear)));
	const found = reconcile({
		partnerOrganisationId: partnerId,
		recharged: recharged.totals,
		ledger: lines,
		centres,
		tolerancePence,
		viewer
	});
	const counts = new Map<string, number>();
	for (const t of recharged.totals)
		counts.set(rowKey(t), (counts.get(rowKey(t)) ?? 0) + t.lineCount);
	return {
		...found,
		rows: found.rows.map((row) => ({
			...row,
			recharges: [],
			rechargeCount: row.withinTolerance ? 0 : (counts.get(rowKey(row)) ?? 0)
		}))
	};
}

/** One partner's reconciliation and the extracts it was made from. */
export async function reconciliationOf(
	ex: Executor,
	sharedId: number,
	partnerId: number,
	viewer: Viewer
) {
	const found = reconciled(
		partnerId,
		await sums.rechargedTotals(ex, sharedId, partnerId),
		await sums.statedTotals(ex, sharedId, partnerId),
		await ledger.listLines(ex, sharedId, partnerId),
		await costCentres.listCostCentres(ex, sharedId),
		await toleranceOf(ex, sharedId),
		viewer
	);
	const extracts = await ledger.listExtracts(ex, sharedId, partnerId);
	return {
		...found,
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

/**
 * A page of the lines behind one row of a partner's reconciliation, after cost line `after`: the
 * issued statements' lines for a year a statement covers, else the recharges as they stand.
 */
export async function linesBehind(
	ex: Executor,
	sharedId: number,
	partnerId: number,
	row: RowOf,
	after = 0
): Promise<sums.LinesPage> {
	return (await sums.statedYears(ex, sharedId, partnerId)).has(row.financialYear)
		? sums.statedLinesOf(ex, sharedId, partnerId, row, after)
		: sums.rechargedLinesOf(ex, sharedId, partnerId, row, after);
}

/**
 * The officers' list: every partner with its reconciliation's status in words, from a fixed number
 * of queries whatever the number of partners: the service's kept totals, its ledgers summed by code,
 * year and capital/revenue, its cost centres and tolerance, and its extracts counted.
 */
export async function partnerStatuses(ex: Executor, sharedId: number) {
	const partners = await partnerships.listPartners(ex, sharedId);
	const byPartner = <T extends { partnerOrganisationId: number }>(rows: readonly T[]) => {
		const out = new Map<number, T[]>();
		for (const r of rows)
			out.set(r.partnerOrganisationId, [...(out.get(r.partnerOrganisationId) ?? []), r]);
		return out;
	};
	const kept = byPartner(await sums.rechargedTotals(ex, sharedId));
	const stated = byPartner(await sums.statedTotals(ex, sharedId));
	const ledgers = byPartner(await ledger.ledgerSums(ex, sharedId));
	const centres = await costCentres.listCostCentres(ex, sharedId);
	const tolerancePence = await toleranceOf(ex, sharedId);
	const extracts = await ledger.extractCounts(ex, sharedId);
	const seen = new Map<number, string>();
	for (const p of partners) seen.set(p.partnerOrganisationId, p.partnerName);
	return [...seen].map(([id, name]) => ({
		id,
		name,
		status: reconciled(
			id,
			kept.get(id) ?? [],
			stated.get(id) ?? [],
			(ledgers.get(id) ?? []).map((s) => s.line),
			centres,
			tolerancePence,
			'officer'
		).status,
		extracts: extracts.get(id) ?? 0
	}));
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
