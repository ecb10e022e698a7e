/**
 * The dashboard's roll-ups as spreadsheets: the review summary totals and the tables by directorate,
 * service area and workstream, with the same columns and figures the page shows.
 */
import { toCsv } from './write';
import { OUTCOMES, OUTCOME_LABEL, type Outcome } from '../systems/review';
import { isOneOf } from '../systems/system';

/** The figures one row of a roll-up carries (the repos' GroupCounts and WorkstreamSummary both fit). */
export interface RollupCounts {
	systems: number;
	reviewed: number;
	multiple: number;
	outcomes: Record<Outcome, number>;
}

export interface RollupRow extends RollupCounts {
	name: string;
}

export interface RollupTotals extends RollupCounts {
	/** Outcomes recorded in all: more than `reviewed` when systems have several. */
	outcomeTotal: number;
}

/** The tables `/summary.csv?by=` offers; without `by` it gives the totals. */
export const ROLLUP_TABLES = ['directorate', 'service-area', 'workstream'] as const;
export type RollupTable = (typeof ROLLUP_TABLES)[number];

/** Each table's first column heading (as on the page) and download name. */
export const ROLLUP_TABLE: Record<RollupTable, { groupLabel: string; fileStem: string }> = {
	directorate: { groupLabel: 'Directorate', fileStem: 'outcomes-by-directorate' },
	'service-area': { groupLabel: 'Service area', fileStem: 'outcomes-by-service-area' },
	workstream: { groupLabel: 'Workstream', fileStem: 'outcomes-by-workstream' }
};

/** 'totals' for no `by`, the table for a known one, null for anything else (answered 400). */
export function parseRollupTable(by: string | null): RollupTable | 'totals' | null {
	if (by == null || by === '') return 'totals';
	return isOneOf(ROLLUP_TABLES, by) ? by : null;
}

/** The link to a roll-up's CSV: `/summary.csv`, or `/summary.csv?by=...` for a table. */
export function rollupCsvHref(table: RollupTable | 'totals'): string {
	return table === 'totals' ? '/summary.csv' : `/summary.csv?by=${table}`;
}

/** The count columns of every roll-up table, in the page's order. */
export const ROLLUP_COUNT_HEADER = [
	'Systems',
	'Reviewed',
	'Not yet reviewed',
	...OUTCOMES.map((o) => OUTCOME_LABEL[o]),
	'More than one outcome'
] as const;

/** A row's counts in ROLLUP_COUNT_HEADER order; 'not yet reviewed' is derived as the page derives it. */
export function rollupCounts(row: RollupCounts): number[] {
	return [
		row.systems,
		row.reviewed,
		row.systems - row.reviewed,
		...OUTCOMES.map((o) => row.outcomes[o]),
		row.multiple
	];
}

/** One roll-up table: a row per group, as listed on the page ('No directorate recorded' included). */
export function rollupCsv(groupLabel: string, rows: readonly RollupRow[]): string {
	return toCsv(
		[groupLabel, ...ROLLUP_COUNT_HEADER],
		rows.map((r) => [r.name, ...rollupCounts(r)])
	);
}

/**
 * The headline figures, one per line as the page lists them. A system with two outcomes counts under
 * both, so the outcome lines can add up to more than 'Reviewed'; 'Outcomes recorded in all' says by how much.
 */
export function reviewTotalsCsv(totals: RollupTotals): string {
	return toCsv(
		['Figure', 'Count'],
		[
			['Systems', totals.systems],
			['Reviewed', totals.reviewed],
			['Not yet reviewed', totals.systems - totals.reviewed],
			...OUTCOMES.map((o) => [OUTCOME_LABEL[o], totals.outcomes[o]]),
			['More than one outcome', totals.multiple],
			['Outcomes recorded in all', totals.outcomeTotal]
		]
	);
}
