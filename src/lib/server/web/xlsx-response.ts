/**
 * An Excel download (.xlsx) written as it is sent: exceljs's streaming writer commits each row to
 * the zip as it goes, so memory holds the rows given and one compressed chunk, never a second copy
 * of the workbook, and the event loop is let go every thousand rows. Strings are written inline
 * (no shared-strings table to keep), with real number and date cells (src/lib/domain/xlsx/sheet.ts).
 */
import { PassThrough, Readable, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import {
	cellFormat,
	cellValue,
	columnWidth,
	sheetName,
	type SheetTable
} from '$lib/domain/xlsx/sheet';
import { letOthersRun } from '../db/bulk';

const ROWS_PER_TURN = 1000;
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Writes the tables, one sheet each, into `stream` (ended when done). */
export async function writeWorkbook(
	tables: readonly SheetTable[],
	stream: Writable
): Promise<void> {
	const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
		stream,
		useStyles: true,
		useSharedStrings: false
	});
	workbook.creator = 'ICT Portfolio Planner';
	const used = new Set<string>();
	for (const table of tables) {
		let name = sheetName(table.name);
		for (let n = 2; used.has(name.toLowerCase()); n++)
			name = `${sheetName(table.name).slice(0, 26)} (${n})`;
		used.add(name.toLowerCase());
		// The heading row stays in view while scrolling.
		const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
		sheet.columns = table.columns.map((column, i) => ({
			header: column.heading,
			width: columnWidth(column, table.rows, i)
		}));
		const heading = sheet.getRow(1);
		heading.font = { bold: true };
		heading.commit();
		for (let i = 0; i < table.rows.length; i++) {
			const cells = table.rows[i]!;
			const row = sheet.addRow(cells.map(cellValue));
			cells.forEach((cell, c) => {
				const format = cellFormat(cell);
				if (format) row.getCell(c + 1).numFmt = format;
			});
			row.commit();
			if (i % ROWS_PER_TURN === ROWS_PER_TURN - 1) await letOthersRun();
		}
		sheet.commit();
	}
	await workbook.commit();
}

/** The tables as an .xlsx download, streamed. A failure while writing ends the download (the browser shows it as failed) and is logged. */
export function xlsxResponse(tables: readonly SheetTable[], fileName: string): Response {
	const stream = new PassThrough();
	writeWorkbook(tables, stream).catch((error: unknown) => {
		console.error(`Writing ${fileName} failed: ${error instanceof Error ? error.message : error}`);
		stream.destroy(error instanceof Error ? error : new Error(String(error)));
	});
	return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, {
		headers: {
			'content-type': XLSX_TYPE,
			'content-disposition': `attachment; filename="${fileName}"`,
			'cache-control': 'no-store'
		}
	});
}

/** A download's file name ending .xlsx, from the CSV download's own name. */
export const xlsxFileName = (csvName: string) => `${csvName.replace(/\.csv$/i, '')}.xlsx`;
