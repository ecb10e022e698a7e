/**
 * The tables of `/rollups` as plain models: the page renders them and `/rollups.csv` writes them,
 * so the figures in a download are the figures on the page by construction. Totals are the roll-up
 * service's own (never recomputed here), so a total that failed to add up would show, not be hidden.
 */
import { SPEND_TYPE_LABEL, type SpendType } from '../costs/cost';
import { formatDate } from '../dates';
import {
	financialYearOf,
	financialYearsBetween,
	shiftFinancialYear,
	type FinancialYear
} from '../fiscal';
import { formatCount, formatPence } from '../money';
import { formatOutageMinutes } from '../systems/outage';
import { sumPence } from './rollup';
import { isOneOf } from '../systems/system';
import { BREACH_REASON_LABEL, type ContinuityBreach } from '../systems/continuity';

export const ROLLUP_TABLE_IDS = [
	'cost-by-workstream',
	'cost-by-outcome',
	'cost-by-directorate',
	'funding-capital',
	'funding-revenue',
	'run-cost-saved',
	'run-cost-by-year',
	'whole-life',
	'outage-systems',
	'outage-workstreams',
	'continuity'
] as const;
export type RollupTableId = (typeof ROLLUP_TABLE_IDS)[number];

export function parseRollupTableId(text: string | null): RollupTableId | null {
	return text != null && isOneOf(ROLLUP_TABLE_IDS, text) ? text : null;
}

/** The CSV of a table; whole-life carries its period so the file matches the page it came from. */
export function rollupTableCsvHref(id: RollupTableId, years?: number): string {
	return `/rollups.csv?table=${id}${id === 'whole-life' && years ? `&years=${years}` : ''}`;
}

/** A cell: money in integer pence, a count, a date (ISO), or words with an optional link. */
export type Cell =
	{ money: number } | { count: number } | { date: string | null } | { text: string; href?: string };

export interface TableColumn {
	label: string;
	/** A heading spanning several columns ('2026/27' over Capital and Revenue); joined to the label in CSV. */
	group?: string;
	numeric: boolean;
}

export interface RollupTableModel {
	id: RollupTableId;
	caption: string;
	/** The first column is the row heading. */
	columns: TableColumn[];
	rows: Cell[][];
	/** The totals row (first cell its label), or null where adding up would mean nothing. */
	totals: Cell[] | null;
	/** Said instead of rows when there are none. */
	empty: string;
	/** Rows left off the page (the totals and the CSV still hold them all). */
	more?: number;
}

/** Most rows a table of systems shows on the page: a council's few dozen all show; at 100,000 the CSV has them. */
export const PAGE_ROWS = 50;

/** A cell as the page shows it: '£1,234.56', '2,000', '31 January 2027'. */
export function cellText(cell: Cell): string {
	if ('money' in cell) return formatPence(cell.money);
	if ('count' in cell) return formatCount(cell.count);
	if ('date' in cell) return cell.date ? formatDate(cell.date) : 'No date set';
	return cell.text;
}

const text = (t: string, href?: string): Cell => (href ? { text: t, href } : { text: t });
const money = (pence: number): Cell => ({ money: pence });
const numeric = (label: string, group?: string): TableColumn =>
	group ? { label, group, numeric: true } : { label, numeric: true };
const heading = (label: string): TableColumn => ({ label, numeric: false });

// ---- Cost by workstream, outcome or directorate --------------------------------------------------

export type CostDimension = 'workstream' | 'directorate' | 'outcome';
export interface CostRollupInput {
	columns: readonly { financialYear: FinancialYear; spendType: SpendType; totalPence: number }[];
	rows: readonly {
		key: number | string | null;
		label: string;
		cells: readonly number[];
		totalPence: number;
	}[];
	grandTotalPence: number;
}

const COST_TABLE: Record<
	CostDimension,
	{ id: RollupTableId; caption: string; heading: string; href?: (key: number) => string }
> = {
	workstream: {
		id: 'cost-by-workstream',
		caption: 'Cost by workstream',
		heading: 'Workstream',
		href: (id) => `/workstreams/${id}`
	},
	outcome: { id: 'cost-by-outcome', caption: 'Cost by review outcome', heading: 'Outcome' },
	directorate: { id: 'cost-by-directorate', caption: 'Cost by directorate', heading: 'Directorate' }
};

/** Rows by group, a column for each financial year's capital and revenue, a total column and a totals row. */
export function costTable(by: CostDimension, rollup: CostRollupInput): RollupTableModel {
	const t = COST_TABLE[by];
	return {
		id: t.id,
		caption: t.caption,
		columns: [
			heading(t.heading),
			...rollup.columns.map((c) => numeric(SPEND_TYPE_LABEL[c.spendType], c.financialYear)),
			numeric('Total')
		],
		rows: rollup.rows.map((r) => [
			text(r.label, typeof r.key === 'number' && t.href ? t.href(r.key) : undefined),
			...r.cells.map(money),
			money(r.totalPence)
		]),
		totals:
			rollup.rows.length === 0
				? null
				: [
						text('Total'),
						...rollup.columns.map((c) => money(c.totalPence)),
						money(rollup.grandTotalPence)
					],
		empty: 'No costs recorded yet.'
	};
}

// ---- Funding against cost ------------------------------------------------------------------------

export interface FundingGapInput {
	financialYear: FinancialYear;
	spendType: SpendType;
	costPence: number;
	fundingPence: number;
	gapPence: number;
}

/**
 * One spend type's funding against its cost, year by year. The gap is shown as two amounts that are
 * never negative, a shortfall (cost above funding) and funding not yet used (funding above cost), so
 * neither a minus sign nor a colour has to carry the meaning.
 */
export function fundingTable(
	spendType: SpendType,
	rows: readonly FundingGapInput[]
): RollupTableModel {
	const mine = rows.filter((r) => r.spendType === spendType);
	const shortfall = (r: FundingGapInput) => Math.max(r.gapPence, 0);
	const unused = (r: FundingGapInput) => Math.max(-r.gapPence, 0);
	return {
		id: spendType === 'capital' ? 'funding-capital' : 'funding-revenue',
		caption: `${SPEND_TYPE_LABEL[spendType]}: funding against cost`,
		columns: [
			heading('Financial year'),
			numeric('Cost'),
			numeric('Funding'),
			numeric('Shortfall'),
			numeric('Funding not yet used')
		],
		rows: mine.map((r) => [
			text(r.financialYear),
			money(r.costPence),
			money(r.fundingPence),
			money(shortfall(r)),
			money(unused(r))
		]),
		totals:
			mine.length === 0
				? null
				: [
						text('Total'),
						...[
							(r: FundingGapInput) => r.costPence,
							(r: FundingGapInput) => r.fundingPence,
							shortfall,
							unused
						].map((f) => money(sumPence(mine.map(f))))
					],
		empty: `No ${spendType} cost or funding recorded yet.`
	};
}

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

// ---- Cost of outage ------------------------------------------------------------------------------

export interface OutageInputRows {
	systems: readonly {
		id: number;
		name: string;
		concurrentUsers: number;
		outageMinutesPerYear: number;
		effectiveCostPerUserHourPence: number;
		usesDefault: boolean;
		riskPence: number;
	}[];
	/** How many systems have figures in all (`systems` may be the first of them). */
	systemCount: number;
	byWorkstream: readonly {
		workstreamId: number | null;
		name: string;
		systems: number;
		riskPence: number;
	}[];
	totalPence: number;
}

/** The systems' outage figures; when `systems` holds only the first of them, `more` says how many the CSV adds. */
export function outageSystemsTable(o: OutageInputRows): RollupTableModel {
	const table: RollupTableModel = {
		id: 'outage-systems',
		caption: 'Cost of outage by system',
		columns: [
			heading('System'),
			numeric('Concurrent users'),
			numeric('Outage a year'),
			numeric('Cost per user-hour'),
			heading('Rate from'),
			numeric('Annual risk')
		],
		rows: o.systems.map((s) => [
			text(s.name, `/systems/${s.id}`),
			{ count: s.concurrentUsers },
			text(formatOutageMinutes(s.outageMinutesPerYear)),
			money(s.effectiveCostPerUserHourPence),
			text(s.usesDefault ? 'Default' : "System's own figure"),
			money(s.riskPence)
		]),
		totals:
			o.systemCount === 0
				? null
				: [text('Total'), text(''), text(''), text(''), text(''), money(o.totalPence)],
		empty: 'No outage figures recorded yet.'
	};
	return o.systemCount > o.systems.length
		? { ...table, more: o.systemCount - o.systems.length }
		: table;
}

export function outageWorkstreamsTable(o: OutageInputRows): RollupTableModel {
	return {
		id: 'outage-workstreams',
		caption: 'Cost of outage by replacing workstream',
		columns: [heading('Workstream'), numeric('Systems'), numeric('Annual risk')],
		rows: o.byWorkstream.map((w) => [
			text(w.name, w.workstreamId == null ? undefined : `/workstreams/${w.workstreamId}`),
			{ count: w.systems },
			money(w.riskPence)
		]),
		totals:
			o.byWorkstream.length === 0
				? null
				: [
						text('Total'),
						{ count: o.byWorkstream.reduce((n, w) => n + w.systems, 0) },
						money(o.totalPence)
					],
		empty: 'No outage figures recorded yet.'
	};
}

/** 'Forecast 15 December 2028, 77 days later than planned': where 'fully operational' stands against the plan. */
export function fullyOperationalSummary(f: {
	date: string;
	plannedDate: string;
	slipDays: number;
	milestone: { actualDate: string | null; forecastDate: string | null };
}): string {
	const kind = f.milestone.actualDate
		? 'Achieved'
		: f.milestone.forecastDate
			? 'Forecast'
			: 'Planned';
	const days = (n: number) => `${formatCount(n)} ${n === 1 ? 'day' : 'days'}`;
	const movement =
		f.slipDays > 0
			? `${days(f.slipDays)} later than planned`
			: f.slipDays < 0
				? `${days(-f.slipDays)} earlier than planned`
				: 'as planned';
	return `${kind} ${formatDate(f.date)}, ${movement}`;
}

// ---- Continuity risks ----------------------------------------------------------------------------

/** Every continuity risk (the dashboard lists the first few; the CSV has them all). */
export function continuityTable(breaches: readonly ContinuityBreach[]): RollupTableModel {
	return {
		id: 'continuity',
		caption: 'Continuity risks',
		columns: [
			heading('System'),
			heading('Outcome'),
			heading('Risk'),
			heading('Why'),
			heading('Switch-off'),
			heading('Replacement goes live')
		],
		rows: breaches.map((b) => [
			text(b.systemName, `/systems/${b.systemId}`),
			text(b.outcome === 'decommission' ? 'Decommission' : 'Replace'),
			text(BREACH_REASON_LABEL[b.reason]),
			text(b.explanation),
			{ date: b.switchOff },
			{ date: b.goLive }
		]),
		totals: null,
		empty: 'No continuity risks.'
	};
}
