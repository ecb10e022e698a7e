/**
 * A recharge statement as one table for its CSV and Excel downloads: one row per line (charges,
 * then adjustments with what was charged and what it is now), the statement's period and hash on
 * every row so a row pasted into a ledger journal still says where it came from, and totals by cost
 * centre and capital/revenue in a second table.
 */
import { penceToInput } from '../money';
import { SPEND_TYPE_LABEL } from '../costs/cost';
import type { SheetCell, SheetColumn, SheetTable } from '../xlsx/sheet';
import type { StatementContent, StatementLine } from './statements';

export const STATEMENT_LINE_COLUMNS: SheetColumn[] = [
	{ heading: 'Statement', kind: 'count' },
	{ heading: 'Period', kind: 'text' },
	{ heading: 'Partner', kind: 'text' },
	{ heading: 'Line', kind: 'text' },
	{ heading: 'Financial year', kind: 'text' },
	{ heading: 'Cost line', kind: 'count' },
	{ heading: 'System', kind: 'text' },
	{ heading: 'Description', kind: 'text' },
	{ heading: 'Cost centre', kind: 'text' },
	{ heading: 'Capital or revenue', kind: 'text' },
	{ heading: 'Key applied', kind: 'text' },
	{ heading: 'Was', kind: 'money' },
	{ heading: 'Now', kind: 'money' },
	{ heading: 'Amount', kind: 'money' }
];

export const STATEMENT_TOTAL_COLUMNS: SheetColumn[] = [
	{ heading: 'Cost centre', kind: 'text' },
	{ heading: 'Capital or revenue', kind: 'text' },
	{ heading: 'Charges', kind: 'money' },
	{ heading: 'Adjustments', kind: 'money' },
	{ heading: 'Total', kind: 'money' }
];

/** Who and what period a statement's rows name on every row. */
type RowHead = Pick<StatementContent, 'statementId' | 'period' | 'partner'>;

/** The statement's lines as rows of the lines sheet. */
export function statementLineRows(head: RowHead, lines: readonly StatementLine[]): SheetCell[][] {
	return lines.map((l) => [
		{ count: head.statementId },
		{ text: head.period },
		{ text: head.partner.name },
		{ text: l.kind === 'charge' ? 'Charge' : 'Adjustment' },
		{ text: l.financialYear },
		{ count: l.costLineId },
		{ text: l.systemName ?? '' },
		{ text: l.description },
		{ text: l.costCentre || 'Not set' },
		{ text: SPEND_TYPE_LABEL[l.spendType] },
		{ text: l.keyApplied },
		l.wasPence == null ? null : { money: l.wasPence },
		l.nowPence == null ? null : { money: l.nowPence },
		{ money: l.amountPence }
	]);
}

/** The totals sheet's rows: by cost centre and capital/revenue, then the statement's total with its hash. */
export function statementTotalRows(
	figures: Pick<StatementContent, 'totals' | 'totalPence'>,
	hash: string | null
): SheetCell[][] {
	return [
		...figures.totals.map((t) => [
			{ text: t.costCentre || 'Not set' },
			{ text: SPEND_TYPE_LABEL[t.spendType] },
			{ money: t.chargesPence },
			{ money: t.adjustmentsPence },
			{ money: t.totalPence }
		]),
		[
			{ text: `Total${hash ? ` (SHA-256 ${hash})` : ' (draft: not issued)'}` },
			null,
			null,
			null,
			{ money: figures.totalPence }
		]
	];
}

/** The statement's lines and its totals as sheets (the Excel download has both, the CSV the lines). */
export function statementSheets(content: StatementContent, hash: string | null): SheetTable[] {
	return [
		{
			name: 'Statement lines',
			columns: STATEMENT_LINE_COLUMNS,
			rows: statementLineRows(content, content.lines)
		},
		{ name: 'Totals', columns: STATEMENT_TOTAL_COLUMNS, rows: statementTotalRows(content, hash) }
	];
}

/** The CSV's heading row: the lines sheet's columns and the statement's hash. */
export const STATEMENT_CSV_HEADER = [
	...STATEMENT_LINE_COLUMNS.map((c) => c.heading),
	'Statement SHA-256'
];

/**
 * Lines as CSV cells (a batch at a time for the streamed download): money as plain pounds and
 * pence ('-12.50'), which spreadsheets read as numbers, and the hash on every row.
 */
export function statementCsvRows(
	head: RowHead,
	lines: readonly StatementLine[],
	hash: string | null
) {
	return statementLineRows(head, lines).map((row) => [
		...row.map((cell) =>
			cell == null
				? ''
				: 'money' in cell
					? penceToInput(cell.money)
					: 'count' in cell
						? cell.count
						: 'text' in cell
							? cell.text
							: ''
		),
		hash ?? 'draft: not issued'
	]);
}

/** The lines sheet as CSV cells, whole (a small statement). */
export function statementCsv(content: StatementContent, hash: string | null) {
	return {
		header: STATEMENT_CSV_HEADER,
		rows: statementCsvRows(content, content.lines, hash)
	};
}

/** A download's file name stem: 'recharge-statement-12-q2-2026-27'. */
export const statementFileStem = (
	content: Pick<StatementContent, 'statementId' | 'quarter' | 'financialYear'>
) =>
	`recharge-statement-${content.statementId}-${content.quarter === 0 ? 'year' : `q${content.quarter}`}-${content.financialYear.replace('/', '-')}`;
