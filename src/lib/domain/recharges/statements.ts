/**
 * Recharge statements: what one partner is charged by a shared service for a financial year, or for
 * one quarter of it, frozen when issued. A quarter's statement charges that quarter's part of each
 * recharge (a quarter of it, the pennies falling to the last quarter, so four quarters add up to the
 * year exactly). Whatever changed since an earlier statement (a cost line edited or archived, a key
 * changed, a cost centre moved) appears on the next statement as itemised adjustments, so what was
 * issued plus the adjustments always equals the recharges as they are now, to the penny.
 */
import type { SpendType } from '../costs/cost';
import { refuseUnsafeField } from '../forms/form-text';
import type { FieldErrors } from '../systems';

export const STATEMENT_STATUSES = ['draft', 'issued', 'agreed', 'disputed'] as const;
export type StatementStatus = (typeof STATEMENT_STATUSES)[number];
export const STATEMENT_LINE_KINDS = ['charge', 'adjustment'] as const;
export type StatementLineKind = (typeof STATEMENT_LINE_KINDS)[number];
/** A dispute's reason: a paragraph or two for the shared service's officers to answer. */
export const MAX_DISPUTE_REASON = 2000;

/** One partner's recharge as a statement counts it: a cost line's share in one year, cost centre and spend type. */
export interface ChargeItem {
	financialYear: string;
	costLineId: number;
	description: string;
	systemName: string | null;
	costCentreId: number | null;
	/** 'EDU-114 Hillside Primary School', or '' when the key names none. */
	costCentre: string;
	spendType: SpendType;
	keyApplied: string;
	amountPence: number;
}

/** A line of a statement: a charge for its period, or an adjustment to a period already stated. */
export interface StatementLine extends ChargeItem {
	kind: StatementLineKind;
	/** An adjustment's amount charged before, and what it should be now; null on a charge. */
	wasPence: number | null;
	nowPence: number | null;
}

/** 0 for the whole year, else the quarter (1 = April to June). */
export type StatementPeriod = 0 | 1 | 2 | 3 | 4;

/** 'Q2 2026/27' or '2026/27 (whole year)'. */
export function periodLabel(financialYear: string, quarter: number): string {
	return quarter === 0 ? `${financialYear} (whole year)` : `Q${quarter} ${financialYear}`;
}

/** How many quarters of its year a statement states: the whole year is all four. */
export const quartersStated = (quarter: number): number => (quarter === 0 ? 4 : quarter);

/** The identity of a charge across statements: a change to any part of it is an adjustment. */
export const itemKey = (
	i: Pick<ChargeItem, 'financialYear' | 'costLineId' | 'costCentreId' | 'spendType'>
) => `${i.financialYear}|${i.costLineId}|${i.costCentreId ?? 0}|${i.spendType}`;

/**
 * What should have been charged of a recharge once `quarters` quarters of its year are stated:
 * a quarter per quarter rounded down, the whole of it once all four are.
 */
export function dueAfter(amountPence: number, quarters: number): number {
	if (quarters >= 4) return amountPence;
	if (quarters <= 0) return 0;
	return Math.floor((amountPence * quarters) / 4);
}

/**
 * Why a statement for `quarter` of a year cannot be issued given the quarters of that year already
 * stated (`stated`: 0 none, 4 the whole year), or null when it can. Quarters are stated in order,
 * and a year is stated either whole or by quarter.
 */
export function periodRefusal(
	financialYear: string,
	quarter: StatementPeriod,
	stated: number
): string | null {
	if (stated >= 4)
		return `${financialYear} has been stated in full already: later changes go on the next year’s statements as adjustments`;
	if (quarter === 0)
		return stated === 0
			? null
			: `${financialYear} is being stated by quarter: issue Q${stated + 1} rather than the whole year`;
	if (quarter !== stated + 1)
		return quarter <= stated
			? `Q${quarter} ${financialYear} has been stated already`
			: `Q${stated + 1} ${financialYear} must be issued before Q${quarter}`;
	return null;
}

/** What a partner has been charged so far for one item (amountPence: every issued line's sum), with the words it was last charged under. */
export type Billed = ChargeItem;

/**
 * The lines of the statement for `financialYear` and `quarter`: the period's charges from the
 * recharges as they are now (`current`, every year the partner has), and an adjustment for each item
 * of a year already stated (`stated`: quarters stated per year) whose charge so far (`billed`) is no
 * longer what it should be. After issue, every stated year's items are charged exactly dueAfter.
 */
export function statementLines(input: {
	financialYear: string;
	quarter: StatementPeriod;
	current: readonly ChargeItem[];
	billed: readonly Billed[];
	stated: ReadonlyMap<string, number>;
}): StatementLine[] {
	const { financialYear, quarter, stated } = input;
	const currentByKey = new Map(input.current.map((c) => [itemKey(c), c]));
	const billedByKey = new Map(input.billed.map((b) => [itemKey(b), b]));
	const adjustments: StatementLine[] = [];
	const keys = [...new Set([...currentByKey.keys(), ...billedByKey.keys()])];
	for (const key of keys) {
		const item = currentByKey.get(key) ?? billedByKey.get(key)!;
		const quarters = stated.get(item.financialYear) ?? 0;
		if (quarters === 0) continue;
		const was = billedByKey.get(key)?.amountPence ?? 0;
		const now = dueAfter(currentByKey.get(key)?.amountPence ?? 0, quarters);
		if (was !== now)
			adjustments.push({
				...item,
				kind: 'adjustment',
				wasPence: was,
				nowPence: now,
				amountPence: now - was
			});
	}
	const before = stated.get(financialYear) ?? 0;
	const after = quartersStated(quarter);
	const charges: StatementLine[] = input.current
		.filter((c) => c.financialYear === financialYear)
		.map((c) => ({
			...c,
			kind: 'charge' as const,
			wasPence: null,
			nowPence: null,
			amountPence: dueAfter(c.amountPence, after) - dueAfter(c.amountPence, before)
		}))
		.filter((c) => c.amountPence !== 0);
	return [...charges.sort(byLine), ...adjustments.sort(byLine)];
}

function byLine(a: ChargeItem, b: ChargeItem): number {
	return (
		a.financialYear.localeCompare(b.financialYear) ||
		a.spendType.localeCompare(b.spendType) ||
		a.costLineId - b.costLineId ||
		(a.costCentreId ?? 0) - (b.costCentreId ?? 0)
	);
}

export interface StatementTotal {
	costCentre: string;
	spendType: SpendType;
	chargesPence: number;
	adjustmentsPence: number;
	totalPence: number;
}

/** Totals being added up a group or a line at a time: by cost centre (in words) and capital/revenue. */
export type TotalsFold = Map<string, StatementTotal>;

/** Adds `amountPence` of `kind` to its cost centre's and spend type's row (a row appears once any line is in it). */
export function foldTotal(
	fold: TotalsFold,
	costCentre: string,
	spendType: SpendType,
	kind: StatementLineKind,
	amountPence: number
): void {
	const key = `${costCentre}|${spendType}`;
	const row = fold.get(key) ?? {
		costCentre,
		spendType,
		chargesPence: 0,
		adjustmentsPence: 0,
		totalPence: 0
	};
	if (kind === 'charge') row.chargesPence += amountPence;
	else row.adjustmentsPence += amountPence;
	row.totalPence += amountPence;
	fold.set(key, row);
}

/** The folded totals in the statement's order (cost centre, then capital before revenue), and their sum. */
export function foldedTotals(fold: TotalsFold): { rows: StatementTotal[]; totalPence: number } {
	const rows = [...fold.values()].sort(
		(a, b) => a.costCentre.localeCompare(b.costCentre) || a.spendType.localeCompare(b.spendType)
	);
	return { rows, totalPence: rows.reduce((sum, r) => sum + r.totalPence, 0) };
}

/** Totals by cost centre and capital/revenue (charges, adjustments, both), and the statement's total. */
export function statementTotals(lines: readonly StatementLine[]): {
	rows: StatementTotal[];
	totalPence: number;
} {
	const fold: TotalsFold = new Map();
	for (const l of lines) foldTotal(fold, l.costCentre, l.spendType, l.kind, l.amountPence);
	return foldedTotals(fold);
}

/** What an issued statement freezes and hashes: who charges whom, for what period, line by line. */
export interface StatementContent {
	statementId: number;
	sharedService: { id: number; name: string };
	partner: { id: number; name: string };
	financialYear: string;
	quarter: number;
	period: string;
	lines: StatementLine[];
	totals: StatementTotal[];
	totalPence: number;
}

/** The content of a statement from its lines (the same whether shown as a draft or frozen at issue). */
export function statementContent(
	head: Omit<StatementContent, 'period' | 'lines' | 'totals' | 'totalPence'>,
	lines: StatementLine[]
): StatementContent {
	const totals = statementTotals(lines);
	return {
		...head,
		period: periodLabel(head.financialYear, head.quarter),
		lines,
		totals: totals.rows,
		totalPence: totals.totalPence
	};
}

/** A dispute's reason, checked by the one text rule: required, multi-line, within its limit. */
export function disputeErrors(reason: string): FieldErrors {
	const errors: FieldErrors = {};
	if (!reason.trim()) errors.reason = 'Enter why the statement is disputed';
	else refuseUnsafeField(errors, 'reason', reason, 'Reason', 'multiline', MAX_DISPUTE_REASON);
	return errors;
}
