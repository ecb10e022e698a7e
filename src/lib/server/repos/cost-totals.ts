/**
 * The pre-aggregated cost totals (`cost_total`, `cost_funding_total`): kept by applying each cost
 * line change as a delta (subtract the old line's contribution, add the new one's) with an UPSERT,
 * on the caller's transaction, and rebuilt from scratch by services/cost-lines.ts rebuildCostTotals.
 * 'None' is stored as 0 or '' because NULLs never conflict in a key.
 */
import { and, eq, sql } from 'drizzle-orm';
import { costFundingTotal, costTotal } from '../db/schema';
import type { Executor } from '../db';
import { storedPence } from './money-sql';
import type { CostLineRow } from './cost-lines';
import type { CostTotalRow, FundingTotalRow } from './cost-total-rows';

export type { CostTotalRow, FundingTotalRow } from './cost-total-rows';
export * from './cost-totals-rebuild';

type LineContribution = Pick<
	CostLineRow,
	| 'workstreamId'
	| 'directorateId'
	| 'outcome'
	| 'financialYear'
	| 'spendType'
	| 'confidence'
	| 'fundingSourceId'
	| 'amountPence'
>;

function totalOf(line: LineContribution, sign: 1 | -1): CostTotalRow {
	return {
		workstreamKey: line.workstreamId ?? 0,
		directorateKey: line.directorateId ?? 0,
		outcomeKey: line.outcome ?? '',
		financialYear: line.financialYear,
		spendType: line.spendType,
		confidence: line.confidence,
		amountPence: sign * line.amountPence,
		lineCount: sign
	};
}

function fundingOf(line: LineContribution, sign: 1 | -1): FundingTotalRow {
	return {
		fundingSourceKey: line.fundingSourceId ?? 0,
		financialYear: line.financialYear,
		spendType: line.spendType,
		amountPence: sign * line.amountPence,
		lineCount: sign
	};
}

/** Adds deltas with the same key together, dropping those that cancel out. */
function merge<T extends { amountPence: number; lineCount: number }>(
	deltas: T[],
	keyOf: (d: T) => string
): T[] {
	const byKey = new Map<string, T>();
	for (const d of deltas) {
		const k = keyOf(d);
		const seen = byKey.get(k);
		if (seen)
			byKey.set(k, {
				...seen,
				amountPence: seen.amountPence + d.amountPence,
				lineCount: seen.lineCount + d.lineCount
			});
		else byKey.set(k, d);
	}
	return [...byKey.values()].filter((d) => d.amountPence !== 0 || d.lineCount !== 0);
}

const totalKey = (d: CostTotalRow) =>
	[
		d.workstreamKey,
		d.directorateKey,
		d.outcomeKey,
		d.financialYear,
		d.spendType,
		d.confidence
	].join('|');
const fundingKey = (d: FundingTotalRow) =>
	[d.fundingSourceKey, d.financialYear, d.spendType].join('|');

async function upsertTotal(ex: Executor, organisationId: number, d: CostTotalRow): Promise<void> {
	const k = costTotal;
	await ex
		.insert(k)
		.values({ ...d, organisationId })
		.onConflictDoUpdate({
			target: [
				k.organisationId,
				k.workstreamKey,
				k.directorateKey,
				k.outcomeKey,
				k.financialYear,
				k.spendType,
				k.confidence
			],
			set: {
				amountPence: sql`${k.amountPence} + excluded.amount_pence`,
				lineCount: sql`${k.lineCount} + excluded.line_count`
			}
		});
	// A key with no lines left goes, so the kept totals hold exactly the keys a rebuild would.
	await ex
		.delete(k)
		.where(
			and(
				eq(k.organisationId, organisationId),
				eq(k.workstreamKey, d.workstreamKey),
				eq(k.directorateKey, d.directorateKey),
				eq(k.outcomeKey, d.outcomeKey),
				eq(k.financialYear, d.financialYear),
				eq(k.spendType, d.spendType),
				eq(k.confidence, d.confidence),
				eq(k.lineCount, 0),
				eq(k.amountPence, 0)
			)
		);
}

async function upsertFunding(
	ex: Executor,
	organisationId: number,
	d: FundingTotalRow
): Promise<void> {
	const k = costFundingTotal;
	await ex
		.insert(k)
		.values({ ...d, organisationId })
		.onConflictDoUpdate({
			target: [k.organisationId, k.fundingSourceKey, k.financialYear, k.spendType],
			set: {
				amountPence: sql`${k.amountPence} + excluded.amount_pence`,
				lineCount: sql`${k.lineCount} + excluded.line_count`
			}
		});
	await ex
		.delete(k)
		.where(
			and(
				eq(k.organisationId, organisationId),
				eq(k.fundingSourceKey, d.fundingSourceKey),
				eq(k.financialYear, d.financialYear),
				eq(k.spendType, d.spendType),
				eq(k.lineCount, 0),
				eq(k.amountPence, 0)
			)
		);
}

/**
 * Applies one line's change to the totals: `before` and `after` are the line as it was and as it
 * is now (undefined, or archived, for 'not counted'). Call it in the transaction that wrote the line.
 */
export async function applyLineChange(
	ex: Executor,
	organisationId: number,
	before: CostLineRow | undefined,
	after: CostLineRow | undefined
): Promise<void> {
	const counted = (l: CostLineRow | undefined): l is CostLineRow =>
		l != null && l.archivedAt == null;
	const totals: CostTotalRow[] = [];
	const funding: FundingTotalRow[] = [];
	if (counted(before)) {
		totals.push(totalOf(before, -1));
		funding.push(fundingOf(before, -1));
	}
	if (counted(after)) {
		totals.push(totalOf(after, 1));
		funding.push(fundingOf(after, 1));
	}
	for (const d of merge(totals, totalKey)) await upsertTotal(ex, organisationId, d);
	for (const d of merge(funding, fundingKey)) await upsertFunding(ex, organisationId, d);
}

/**
 * Moves a system's live lines from one directorate's totals to another's, when the system moves.
 * Funding totals have no directorate, so they stay as they are.
 */
export async function moveLinesToDirectorate(
	ex: Executor,
	organisationId: number,
	lines: readonly CostLineRow[],
	directorateId: number | null
): Promise<void> {
	const deltas = lines.flatMap((l) =>
		l.archivedAt == null ? [totalOf(l, -1), totalOf({ ...l, directorateId }, 1)] : []
	);
	for (const d of merge(deltas, totalKey)) await upsertTotal(ex, organisationId, d);
}

/** The kept totals of an organisation; a kept figure past 2^53 pence reads as too large to show (money-sql.ts). */
export async function readCostTotals(
	ex: Executor,
	organisationId: number
): Promise<CostTotalRow[]> {
	const t = costTotal;
	return ex
		.select({
			workstreamKey: t.workstreamKey,
			directorateKey: t.directorateKey,
			outcomeKey: t.outcomeKey,
			financialYear: t.financialYear,
			spendType: t.spendType,
			confidence: t.confidence,
			amountPence: storedPence(t.amountPence),
			lineCount: t.lineCount
		})
		.from(costTotal)
		.where(eq(costTotal.organisationId, organisationId));
}

export async function readFundingTotals(
	ex: Executor,
	organisationId: number
): Promise<FundingTotalRow[]> {
	const t = costFundingTotal;
	return ex
		.select({
			fundingSourceKey: t.fundingSourceKey,
			financialYear: t.financialYear,
			spendType: t.spendType,
			amountPence: storedPence(t.amountPence),
			lineCount: t.lineCount
		})
		.from(costFundingTotal)
		.where(eq(costFundingTotal.organisationId, organisationId));
}
