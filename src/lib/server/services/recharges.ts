/**
 * Keeping the recharges: each shared service's live cost lines shared between its partners by the
 * most specific key (domain/recharges). Called inside the transaction that changes a cost line or a
 * key, so the kept shares never disagree with what they come from and a failed change leaves them
 * as they were. Only a shared service (an organisation with a partnership agreement) has recharges:
 * a council's own cost lines are not shared with anyone. Lines recorded before the agreement get
 * theirs at the next key saved for their year, or from `npm run costs:rebuild`.
 */
import * as partnerships from '../repos/governance-partnerships';
import * as keys from '../repos/recharge-keys';
import * as recharges from '../repos/recharges';
import * as derive from '../repos/recharge-derive';
import * as totals from '../repos/recharge-totals';
import * as totalsCheck from '../repos/recharge-totals-check';
import type { Executor } from '../db';
import { letOthersRun } from '../db/bulk';
import { allocateLines, type RechargeShare } from '$lib/domain/recharges';

/**
 * Lines worked out again per round (a cost-line import or bulk edit touching many): 1,000 lines are
 * 10,000 shares at 10 partners, read, shared in JavaScript and written in a few tens of ms; other
 * requests run between each step of a round.
 */
const IDS_PER_ROUND = 1_000;

export async function isSharedService(tx: Executor, organisationId: number): Promise<boolean> {
	return (await partnerships.getAgreement(tx, organisationId)) != null;
}

/**
 * Works the shares of the lines `ids` out again (after they were created, edited, archived or
 * imported): a line no longer live loses its shares, a live one gets them by today's keys.
 */
export async function rederiveLines(
	tx: Executor,
	organisationId: number,
	ids: readonly number[]
): Promise<void> {
	if (ids.length === 0 || !(await isSharedService(tx, organisationId))) return;
	const keysByYear = new Map<string, keys.StoredKey[]>();
	for (let i = 0; i < ids.length; i += IDS_PER_ROUND) {
		const round = ids.slice(i, i + IDS_PER_ROUND);
		const before = await totals.totalsOfLines(tx, organisationId, round);
		await letOthersRun();
		await recharges.deleteForLines(tx, organisationId, round);
		await letOthersRun();
		const lines = await recharges.linesById(tx, organisationId, round);
		for (const year of new Set(lines.map((l) => l.financialYear)))
			if (!keysByYear.has(year))
				keysByYear.set(year, await keys.listKeys(tx, organisationId, year));
		await letOthersRun();
		const shares = allocateLines(lines, [...keysByYear.values()].flat());
		await letOthersRun();
		await recharges.insertShares(tx, organisationId, shares);
		await totals.addToTotals(tx, organisationId, [
			...totals.negated(before),
			...totals.sharesAsTotals(shares)
		]);
	}
}

/**
 * How long one statement of a year's re-derivation should take, in ms: the range of lines per
 * statement grows or shrinks to stay near it, however large the year is, and the whole year still
 * goes in one transaction. The key service runs that transaction on a worker thread
 * (db/database.ts transactionOffThread), so a statement holds the write lock but never the event
 * loop: the ranges are as large as keeps the statements few without making any one of them long.
 * Measured at 1,000,000 lines (load 8 on 2 cores): ranges steered to 10 ms on the event loop took
 * 20-63 s for a year and held the loop up to 670 ms (the COMMIT); on the worker, no hold at all.
 */
const STATEMENT_MS = 200;
const FIRST_RANGE = 1_000;
/** A range grows by at most a quarter at a time: one quick statement is not a promise that ten times as many lines will be. */
const MOST_GROWTH = 1.25;
/** The most cost-line ids in one range, whatever the timing says: 100,000 ids are some 14,000 lines of a year at 1,000,000 lines over 7 years. */
const LARGEST_RANGE = 100_000;

/**
 * Works every share of one year out again (after a key of that year changed), in SQL, range of
 * cost-line ids by range, letting other requests run between statements; keeps the year's totals.
 */
export async function rederiveYear(
	tx: Executor,
	organisationId: number,
	financialYear: string
): Promise<void> {
	await walkYear(tx, organisationId, financialYear, await isSharedService(tx, organisationId));
}

/** Removes every share of one year, in the same bounded steps (before a key of that year is deleted). */
export async function clearYear(
	tx: Executor,
	organisationId: number,
	financialYear: string
): Promise<void> {
	await walkYear(tx, organisationId, financialYear, false);
}

async function walkYear(
	tx: Executor,
	organisationId: number,
	financialYear: string,
	shared: boolean
): Promise<void> {
	const last = await derive.lastLineId(tx);
	const yearKeys = shared ? await keys.listKeys(tx, organisationId, financialYear) : [];
	const yearTotals = new Map<string, totals.CentreTotalRow>();
	let span = FIRST_RANGE;
	// `from` starts at 0 so ids of lines and recharges alike are all covered up to `last`.
	for (let from = 0; from <= last;) {
		const to = from + span;
		// The longest statement of this range; other requests run between statements.
		let longest = 0;
		const step = async <T>(work: () => Promise<T>): Promise<T> => {
			const started = performance.now();
			const result = await work();
			longest = Math.max(longest, performance.now() - started);
			await letOthersRun();
			return result;
		};
		await step(() => derive.deleteRange(tx, organisationId, financialYear, from, to));
		if (shared) {
			await step(() => derive.deriveRange(tx, organisationId, financialYear, from, to));
			const left = await step(() =>
				derive.linesLeftOver(tx, organisationId, financialYear, from, to)
			);
			if (left.length > 0)
				await recharges.insertShares(tx, organisationId, allocateLines(left, yearKeys));
			totals.foldTotals(
				yearTotals,
				await step(() => derive.rangeTotals(tx, organisationId, financialYear, from, to))
			);
		}
		const factor = Math.min(MOST_GROWTH, STATEMENT_MS / Math.max(1, longest));
		span = Math.max(100, Math.min(LARGEST_RANGE, Math.round(span * factor)));
		from = to;
	}
	await totals.replaceYearTotals(tx, organisationId, financialYear, [...yearTotals.values()]);
}

export interface RechargeDifference {
	/** 'cost line 12, Northbridge (org 3)' or 'cost line 12, overhead'. */
	key: string;
	keptPence: number;
	rebuiltPence: number;
}

const shareKey = (s: RechargeShare) => `${s.costLineId}|${s.partnerOrganisationId ?? 0}`;
const sameShare = (a: RechargeShare, b: RechargeShare) =>
	a.amountPence === b.amountPence &&
	a.financialYear === b.financialYear &&
	a.spendType === b.spendType &&
	a.keyId === b.keyId &&
	a.costCentreId === b.costCentreId;

/** Lines the rebuild compares at a time, so a service of a million lines is never held in memory whole. */
const REBUILD_RANGE = 20_000;

/**
 * Compares the kept shares with shares worked out from scratch, line by line and partner by
 * partner, range of cost-line ids by range, and replaces the kept ones of a range when any
 * differs; then the kept totals. Returns the differences (empty: all right).
 */
export async function rebuildRecharges(
	tx: Executor,
	organisationId: number
): Promise<RechargeDifference[]> {
	const shared = await isSharedService(tx, organisationId);
	const allKeys = shared ? await keys.listKeys(tx, organisationId) : [];
	const last = await derive.lastLineId(tx);
	const differences: RechargeDifference[] = [];
	const rebuiltTotals = new Map<string, totals.CentreTotalRow>();
	for (let from = 0; from <= last; from += REBUILD_RANGE) {
		const range = { from, to: from + REBUILD_RANGE };
		const kept = new Map(
			(await recharges.readShares(tx, organisationId, range)).map((s) => [shareKey(s), s])
		);
		const fresh = shared
			? allocateLines(await recharges.linesOf(tx, organisationId, undefined, range), allKeys)
			: [];
		totals.foldTotals(rebuiltTotals, totals.sharesAsTotals(fresh));
		const rebuilt = new Map(fresh.map((s) => [shareKey(s), s]));
		const before = differences.length;
		for (const k of [...new Set([...kept.keys(), ...rebuilt.keys()])].sort()) {
			const a = kept.get(k);
			const b = rebuilt.get(k);
			if (a && b && sameShare(a, b)) continue;
			const [line, partner] = k.split('|');
			differences.push({
				key: `cost line ${line}, ${partner === '0' ? 'unallocated overhead' : `partner organisation ${partner}`}`,
				keptPence: a?.amountPence ?? 0,
				rebuiltPence: b?.amountPence ?? 0
			});
		}
		if (differences.length > before) {
			await recharges.deleteRange(tx, organisationId, range);
			await recharges.insertShares(tx, organisationId, fresh);
		}
	}
	// The kept totals (by partner, and by cost centre) against the rebuilt shares summed afresh.
	const totalsDiffer = await totalsCheck.totalsDifferences(tx, organisationId, [
		...rebuiltTotals.values()
	]);
	differences.push(...totalsDiffer);
	if (totalsDiffer.length > 0) {
		await totals.deleteTotals(tx, organisationId);
		await totals.addToTotals(tx, organisationId, [...rebuiltTotals.values()]);
	}
	// What the issued statements charged, kept by a trigger: against their lines summed afresh.
	differences.push(...(await totalsCheck.checkStatedTotals(tx, organisationId)));
	return differences;
}
