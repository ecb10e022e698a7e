/**
 * A recharge statement as an Excel workbook (its lines, and its totals by cost centre), streamed: a
 * whole-year statement at a million cost lines is 143,000 lines, tens of MB as cells in memory. The
 * lines are read a batch at a time inside one read snapshot (as the CSV download reads them) and
 * each batch is written to the zip before the next is read; the totals come from the same snapshot,
 * so they add up to the lines written. Money is real number cells; words are text cells, never
 * formulas, whatever they start with.
 */
import { snapshotRead } from '../db/database';
import * as views from '../services/recharge-statement-views';
import type { StatementRow } from '../repos/recharge-statements';
import { xlsxFileName, xlsxProducedResponse } from './xlsx-response';
import {
	STATEMENT_LINE_COLUMNS,
	STATEMENT_TOTAL_COLUMNS,
	statementFileStem,
	statementLineRows,
	statementTotalRows
} from '$lib/domain/recharges';
import { csvFileName } from '$lib/domain/csv/write';
import { todayInUk } from '$lib/domain/dates';

/** The statement `row` (already checked readable by whoever asks) as an .xlsx download. */
export function statementXlsxDownload(row: StatementRow): Response {
	const stem = statementFileStem({ statementId: row.id, ...row });
	return xlsxProducedResponse(xlsxFileName(csvFileName(stem, todayInUk())), (write) =>
		snapshotRead(async (ex) => {
			const { figures } = await views.statementView(ex, row, {});
			async function* lineRows() {
				for await (const batch of views.statementLineBatches(ex, row))
					yield statementLineRows(figures, batch);
			}
			await write([
				{ name: 'Statement lines', columns: STATEMENT_LINE_COLUMNS, batches: lineRows() },
				{
					name: 'Totals',
					columns: STATEMENT_TOTAL_COLUMNS,
					batches: [statementTotalRows(figures, row.contentHash)]
				}
			]);
		})
	);
}
