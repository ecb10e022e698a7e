/**
 * The tables of `/rollups` as plain models: the page renders them and `/rollups.csv` writes them,
 * so the figures in a download are the figures on the page by construction. Totals are the roll-up
 * service's own (never recomputed here), so a total that failed to add up would show, not be hidden.
 */
import { SPEND_TYPE_LABEL, type SpendType } from '../costs/cost';
import { formatDate } from '../dates';
import type { FinancialYear } from '../fiscal';
import { formatCount, formatPence } from '../money';
import { sumPence } from './rollup';
import { isOneOf } from '../systems/system';
import { heading, money, numeric, text, type Cell, type TableColumn } from './table-cells';

export const ROLLUP_TABLE_IDS = [
	'cost-by-workstream',
	'cost-by-outcome',
	'cost-by-directorate',
	'cost-by-partner',
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

export type { Cell, TableColumn } from './table-cells';

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
	return yearSpendTable({ ...t, empty: 'No costs recorded yet.' }, rollup);
}

/**
 * The shape every cost-by-something table shares: a row heading, capital and revenue under each
 * financial year, a total column and a totals row (the service's own totals, never recomputed here).
 */
export function yearSpendTable(
	t: {
		id: RollupTableId;
		caption: string;
		heading: string;
		empty: string;
		href?: (key: number) => string;
	},
	rollup: CostRollupInput
): RollupTableModel {
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
		empty: t.empty
	};
}

/**
 * Cost by partner per year of a shared service (partners, then the unallocated overhead); `null`
 * for an organisation that runs none, whose table is empty and says why.
 */
export function partnerCostTable(rollup: CostRollupInput | null): RollupTableModel {
	return yearSpendTable(
		{
			id: 'cost-by-partner',
			caption: 'Cost by partner',
			heading: 'Partner',
			empty: rollup
				? 'No cost lines to share yet.'
				: 'This organisation does not run a shared service, so it recharges no one.'
		},
		rollup ?? { columns: [], rows: [], grandTotalPence: 0 }
	);
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
