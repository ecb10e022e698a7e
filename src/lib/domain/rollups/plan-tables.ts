/**
 * The roll-up tables about the plan's years: run cost saved as systems are switched off, and the
 * whole-life cost over a chosen period (with the period's own parsing and the years the plan covers).
 */
import {
	financialYearOf,
	financialYearsBetween,
	shiftFinancialYear,
	type FinancialYear
} from '../fiscal';
import type { RollupTableModel } from './rollup-tables';
import { heading, money, numeric, text } from './table-cells';

// ---- Run cost ------------------------------------------------------------------------------------

export interface RunCostInput {
	currentRunCostPence: number;
	byYear: readonly { financialYear: FinancialYear; savedPence: number; runCostPence: number }[];
	/** The systems listed (all, or the first few of a large portfolio), soonest switch-off first. */
	systems: readonly {
		systemId: number;
		systemName: string;
		annualRunCostPence: number | null;
		decommissionDate: string;
		savedByYear: readonly number[];
	}[];
	/** How many systems are switched off in all, and their annual run cost together: the totals count them all. */
	systemCount: number;
	switchedOffRunCostPence: number;
}

/** Each system being switched off, the date its run cost stops, and what that saves in each year. */
export function runCostSavedTable(run: RunCostInput): RollupTableModel {
	const years = run.byYear.map((y) => y.financialYear);
	const table: RollupTableModel = {
		id: 'run-cost-saved',
		caption: 'Run cost saved after each decommission',
		columns: [
			heading('System'),
			heading('Switched off after'),
			numeric('Annual run cost'),
			...years.map((y) => numeric(`Saved in ${y}`))
		],
		rows: run.systems.map((s) => [
			text(s.systemName, `/systems/${s.systemId}`),
			{ date: s.decommissionDate },
			s.annualRunCostPence == null ? text('Not recorded') : money(s.annualRunCostPence),
			...s.savedByYear.map(money)
		]),
		totals:
			run.systemCount === 0
				? null
				: [
						text('Total'),
						text(''),
						money(run.switchedOffRunCostPence),
						...run.byYear.map((y) => money(y.savedPence))
					],
		empty: 'No running system has a decommission or replacement date yet.'
	};
	return run.systemCount > run.systems.length
		? { ...table, more: run.systemCount - run.systems.length }
		: table;
}

/** The portfolio's run cost in each year: today's, less what the decommissions save. */
export function runCostByYearTable(run: RunCostInput): RollupTableModel {
	return {
		id: 'run-cost-by-year',
		caption: 'Run cost by financial year',
		columns: [
			heading('Financial year'),
			numeric('Current run cost'),
			numeric('Saved by decommissions'),
			numeric('Run cost in the year')
		],
		rows: run.byYear.map((y) => [
			text(y.financialYear),
			money(run.currentRunCostPence),
			money(y.savedPence),
			money(y.runCostPence)
		]),
		totals: null,
		empty: 'No years to show.'
	};
}

// ---- Whole-life cost -----------------------------------------------------------------------------

export interface WholeLifeInput {
	years: readonly {
		financialYear: FinancialYear;
		costPence: number;
		runCostPence: number;
		totalPence: number;
	}[];
	costPence: number;
	runCostPence: number;
	totalPence: number;
}

export function wholeLifeTable(w: WholeLifeInput): RollupTableModel {
	return {
		id: 'whole-life',
		caption: `Whole-life cost over ${w.years.length} ${w.years.length === 1 ? 'year' : 'years'}`,
		columns: [
			heading('Financial year'),
			numeric('Recorded costs'),
			numeric('Run cost'),
			numeric('Total')
		],
		rows: w.years.map((y) => [
			text(y.financialYear),
			money(y.costPence),
			money(y.runCostPence),
			money(y.totalPence)
		]),
		totals: [text('Total'), money(w.costPence), money(w.runCostPence), money(w.totalPence)],
		empty: 'No years to show.'
	};
}

/** The period asked for: absent means the default; anything but a whole number from 1 to 30 is refused. */
export const WHOLE_LIFE_DEFAULT_YEARS = 5;
export const WHOLE_LIFE_MAX_YEARS = 30;
export type ParsedYears =
	{ ok: true; years: number; value: string } | { ok: false; value: string; error: string };

export function parseWholeLifeYears(input: string | null): ParsedYears {
	if (input == null)
		return { ok: true, years: WHOLE_LIFE_DEFAULT_YEARS, value: String(WHOLE_LIFE_DEFAULT_YEARS) };
	const value = input.trim();
	if (value === '')
		return {
			ok: false,
			value,
			error: `Enter the number of years, from 1 to ${WHOLE_LIFE_MAX_YEARS}`
		};
	if (!/^\d{1,3}$/.test(value) || Number(value) < 1 || Number(value) > WHOLE_LIFE_MAX_YEARS) {
		return {
			ok: false,
			value,
			error: `Number of years must be a whole number from 1 to ${WHOLE_LIFE_MAX_YEARS}, like 5`
		};
	}
	return { ok: true, years: Number(value), value };
}

/**
 * The years the plan tables cover: from this financial year (or the first with a cost, if earlier)
 * to the last with a cost or funding, and at least three years so a saving shows for a full year.
 */
export function planYears(found: readonly FinancialYear[], today: string): FinancialYear[] {
	const current = financialYearOf(today);
	const sorted = [...found, current].sort();
	const last = [sorted[sorted.length - 1]!, shiftFinancialYear(current, 2)].sort()[1]!;
	return financialYearsBetween(sorted[0]!, last);
}
