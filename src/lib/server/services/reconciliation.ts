/**
 * A partner's reconciliation: its ledger lines held against what the shared service recharged it,
 * with the service's tolerance. The partner's own page and the officers' page both read it here;
 * only the officers' names which partner a mis-posted cost centre belongs to.
 */
import { db, transaction } from '../db/database';
import * as ledger from '../repos/ledger';
import * as costCentres from '../repos/partner-cost-centres';
import * as recharges from '../repos/recharges';
import * as statementLines from '../repos/recharge-statement-lines';
import * as partnerships from '../repos/governance-partnerships';
import { recordAudit } from '../repos/audit';
import type { Executor } from '../db';
import type { Actor } from './actor';
import type { ServiceResult } from './result';
import { formatPence, parsePounds } from '$lib/domain/money';
import {
	DEFAULT_TOLERANCE_PENCE,
	reconcile,
	type RechargedLine,
	type Viewer
} from '$lib/domain/recharges';

/**
 * What the ledger is compared with, by cost centre, year and capital/revenue, line by line: for a
 * year the partner has been sent an issued statement for, what the issued statements charged it for
 * that year (their frozen lines and adjustments, which is what it was invoiced and will have posted:
 * a quarter's statement charges a quarter); for a year no statement has covered yet, the recharges
 * as they stand. This is the one place that names the comparison's source.
 */
export async function rechargedSide(
	ex: Executor,
	sharedId: number,
	partnerId: number
): Promise<RechargedLine[]> {
	const stated = await statementLines.billedSoFar(ex, sharedId, partnerId);
	const statedYears = new Set(stated.map((b) => b.financialYear));
	const out: RechargedLine[] = stated.map((b) => ({
		costLineId: b.costLineId,
		description: b.description,
		costCentreId: b.costCentreId,
		financialYear: b.financialYear,
		spendType: b.spendType,
		amountPence: b.amountPence
	}));
	const years = [
		...new Set(
			(await recharges.totalsByPartnerYear(ex, sharedId))
				.filter((t) => t.partnerOrganisationId === partnerId)
				.map((t) => t.financialYear)
		)
	].filter((year) => !statedYears.has(year));
	for (const financialYear of years)
		for (const r of await recharges.rechargesOfPartner(ex, sharedId, partnerId, financialYear))
			out.push({
				costLineId: r.costLineId,
				description: r.description,
				costCentreId: r.costCentreId,
				financialYear,
				spendType: r.spendType,
				amountPence: r.amountPence
			});
	return out;
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
	const [recharged, lines, centres, tolerancePence, extracts] = [
		await rechargedSide(ex, sharedId, partnerId),
		await ledger.listLines(ex, sharedId, partnerId),
		await costCentres.listCostCentres(ex, sharedId),
		await toleranceOf(ex, sharedId),
		await ledger.listExtracts(ex, sharedId, partnerId)
	];
	return {
		...reconcile({
			partnerOrganisationId: partnerId,
			recharged,
			ledger: lines,
			centres,
			tolerancePence,
			viewer
		}),
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
