/**
 * The app's CSV exports as Excel sheets: the same rows and headings as each CSV (so a spreadsheet
 * built on one reads the other), with money, dates and counts as real cells.
 */
import { SYSTEM_CSV_HEADER, type SystemCsvRow } from '../csv/systems';
import { FINANCIAL_CSV_HEADER } from '../csv/business-case-financial';
import {
	ROLLUP_COUNT_HEADER,
	rollupCounts,
	type RollupRow,
	type RollupTotals
} from '../csv/rollups';
import { csvHeading } from '../csv/rollup-tables';
import {
	CRITICALITY_LABEL,
	HOSTING_LABEL,
	LIFECYCLE_LABEL,
	PERSONAL_DATA_LABEL,
	REVIEW_STATUS_LABEL,
	labelOf
} from '../systems/system';
import { OUTCOMES, OUTCOME_LABEL } from '../systems/review';
import { financialTable } from '../business-cases/business-case-financial-table';
import type { BusinessCaseSnapshot } from '../business-cases/business-case-snapshot';
import type { RollupTableModel } from '../rollups/rollup-tables';
import { columnKind, type ColumnKind, type SheetCell, type SheetTable } from './sheet';

const text = (value: string | null | undefined): SheetCell =>
	value == null || value === '' ? null : { text: value };
const money = (pence: number | null): SheetCell => (pence == null ? null : { money: pence });
const count = (value: number | null): SheetCell => (value == null ? null : { count: value });
const date = (iso: string | null): SheetCell => (iso == null ? null : { date: iso });

const SYSTEM_KINDS: ColumnKind[] = [
	'text',
	'text',
	'text',
	'text',
	'text',
	'text',
	'text',
	'text',
	'count',
	'money',
	'date',
	'date',
	'date',
	'text',
	'text',
	'text',
	'text'
];

/** The catalogue as /systems.csv has it. */
export function systemsSheet(rows: readonly SystemCsvRow[]): SheetTable {
	return {
		name: 'Systems',
		columns: SYSTEM_CSV_HEADER.map((heading, i) => ({ heading, kind: SYSTEM_KINDS[i]! })),
		rows: rows.map((r) => [
			text(r.externalRef),
			text(r.name),
			text(r.supplier),
			text(r.product),
			text(r.directorateName),
			text(r.serviceAreaName),
			text(labelOf(HOSTING_LABEL, r.hosting)),
			text(labelOf(CRITICALITY_LABEL, r.criticality)),
			count(r.userCount),
			money(r.annualRunCostPence),
			date(r.contractStart),
			date(r.contractEnd),
			date(r.contractNotice),
			text(labelOf(PERSONAL_DATA_LABEL, r.personalData)),
			text(labelOf(LIFECYCLE_LABEL, r.lifecycle)),
			text(labelOf(REVIEW_STATUS_LABEL, r.reviewStatus)),
			text(r.outcomes.map((o) => OUTCOME_LABEL[o]).join('; '))
		])
	};
}

/** A business case version's financial tables as its financial.csv has them. */
export function financialSheet(snapshot: Pick<BusinessCaseSnapshot, 'financialCases'>): SheetTable {
	return {
		name: 'Financial case',
		columns: FINANCIAL_CSV_HEADER.map((heading, i) => ({
			heading,
			kind: i < 2 ? 'text' : 'money'
		})),
		rows: snapshot.financialCases.flatMap((fc) =>
			financialTable(fc.financial).map((r) => [
				text(fc.title),
				text(r.financialYear),
				...[
					r.capitalPence,
					r.revenuePence,
					r.totalPence,
					r.fundingPence,
					r.shortfallPence,
					r.unusedPence
				].map(money)
			])
		)
	};
}

/** One /rollups table as /rollups.csv has it, the totals row last. */
export function rollupTableSheet(table: RollupTableModel): SheetTable {
	const rows = table.totals ? [...table.rows, table.totals] : table.rows;
	return {
		name: table.caption,
		columns: table.columns.map((c, i) => ({ heading: csvHeading(c), kind: columnKind(rows, i) })),
		rows
	};
}

/** One of the dashboard's roll-ups as /summary.csv?by= has it. */
export function rollupCountsSheet(
	groupLabel: string,
	name: string,
	rows: readonly RollupRow[]
): SheetTable {
	return {
		name,
		columns: [
			{ heading: groupLabel, kind: 'text' },
			...ROLLUP_COUNT_HEADER.map((heading) => ({ heading, kind: 'count' as const }))
		],
		rows: rows.map((r) => [text(r.name), ...rollupCounts(r).map(count)])
	};
}

/** The dashboard's headline figures as /summary.csv has them. */
export function reviewTotalsSheet(totals: RollupTotals): SheetTable {
	const figures: [string, number][] = [
		['Systems', totals.systems],
		['Reviewed', totals.reviewed],
		['Not yet reviewed', totals.systems - totals.reviewed],
		...OUTCOMES.map((o): [string, number] => [OUTCOME_LABEL[o], totals.outcomes[o]]),
		['More than one outcome', totals.multiple],
		['Outcomes recorded in all', totals.outcomeTotal]
	];
	return {
		name: 'Review summary',
		columns: [
			{ heading: 'Figure', kind: 'text' },
			{ heading: 'Count', kind: 'count' }
		],
		rows: figures.map(([f, n]) => [text(f), count(n)])
	};
}
