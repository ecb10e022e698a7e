/**
 * An .xlsx upload read as the CSV text the import already reads, so preview, commit and the
 * rejected-rows download treat a workbook exactly as the same data saved as CSV. Everything that
 * can be checked before inflating is (./zip.ts: parts, declared sizes, encryption; the sheet's
 * declared dimension), then only the chosen sheet, the shared strings and the styles are streamed
 * through exceljs's reader, which keeps one row at a time. Cells are read as stored: dates as ISO
 * dates, numbers minimally, formulas as their saved result, rich text as plain text.
 */
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import type ExcelJSModule from 'exceljs';
import { CSV_LIMITS, type CsvLimits } from '../../../domain/csv/limits';
import { headingRecordIndex, TITLE_LOOKAHEAD } from '../../../domain/csv/parse';
import { cellAddress, csvField } from '../../../domain/csv/xlsx-values';
import { formatCount } from '../../../domain/money';
import { entryIsAsDeclared, inflateEntry, inflateHead, readZipDirectory, rezip } from './zip';
import { declaredDimension, hasCells, uploadKind, worksheetsOf } from './workbook-parts';
import { cellText } from './sheet-cells';

export { uploadKind, type UploadKind } from './workbook-parts';
export { cellText } from './sheet-cells';

import type { WorkbookInfo, WorkbookSheet } from '../../../domain/csv/xlsx-values';

export type { WorkbookInfo, WorkbookSheet };
export type WorkbookText =
	| { ok: true; text: string; workbook: WorkbookInfo }
	| { ok: false; reason: string; workbook?: WorkbookInfo };

export interface WorkbookReadOptions {
	/** The officer's choice of sheet, by name. */
	sheet?: string;
	/** The largest upload (IMPORT_MAX_BYTES): the text read from the sheet may be no longer. */
	maxBytes: number;
	/** exceljs's entry file: loaded on demand, so a CSV check never loads it. */
	excelJsPath: string;
	limits?: CsvLimits;
}

/** Parts in a workbook: Excel writes 10-30, plus a few per sheet. */
export const XLSX_MAX_PARTS = 1_000;
/** Unpacked, a sheet's XML is 4-8 times the CSV of the same cells: the whole workbook may be at most this many times the largest upload. */
export const XLSX_UNPACKED_FACTOR = 12;
/** workbook.xml, its relationships and styles.xml: a few kilobytes in a real workbook. */
const SMALL_PART_BYTES = 5 * 1024 * 1024;
/** Problem cells listed before the file is refused. */
const PROBLEM_CELLS = 10;

/** 'EncryptedPackage' in UTF-16LE: the stream name of a password-protected workbook inside its OLE container. */
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

const n = formatCount;

/** Checks the workbook, picks the sheet and reads it as CSV text (comma-separated, rows in sheet order, blank rows kept so row numbers match the sheet's). */
export async function readWorkbookText(
	bytes: Uint8Array,
	options: WorkbookReadOptions
): Promise<WorkbookText> {
	const limits = options.limits ?? CSV_LIMITS;
	const kind = uploadKind(bytes);
	if (kind === 'ole') {
		return bytes.indexOf(ENCRYPTED_PACKAGE[0]!) >= 0 &&
			Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(ENCRYPTED_PACKAGE)
			? {
					ok: false,
					reason:
						'The workbook is protected with a password (its contents are encrypted), so it cannot be read. Remove the password in Excel (File, Info, Protect Workbook), save, and upload again'
				}
			: {
					ok: false,
					reason:
						'This is an old-format Excel file (.xls), which cannot be read. Open it in Excel and save it as Excel Workbook (.xlsx) or CSV, then upload that'
				};
	}
	const directory = readZipDirectory(bytes, {
		entries: XLSX_MAX_PARTS,
		totalBytes: XLSX_UNPACKED_FACTOR * options.maxBytes
	});
	if (!directory.ok) return directory;
	const { entries } = directory;
	const notWorkbook = (detail: string): WorkbookText => ({
		ok: false,
		reason: `The file is a zip but not an Excel workbook (.xlsx): ${detail}. Save it from Excel as Excel Workbook (.xlsx) or CSV, and upload again`
	});
	if (entries.has('xl/workbook.bin')) return notWorkbook('it is a binary workbook (.xlsb)');
	const workbookEntry = entries.get('xl/workbook.xml');
	const relsEntry = entries.get('xl/_rels/workbook.xml.rels');
	if (!entries.has('[Content_Types].xml') || !workbookEntry || !relsEntry)
		return notWorkbook('it has no workbook inside');
	if (
		workbookEntry.uncompressedSize > SMALL_PART_BYTES ||
		relsEntry.uncompressedSize > SMALL_PART_BYTES
	)
		return notWorkbook('its list of sheets is far larger than any workbook needs');
	const workbookXml = inflateEntry(bytes, workbookEntry);
	const relsXml = inflateEntry(bytes, relsEntry);
	if (!workbookXml || !relsXml) return notWorkbook('its list of sheets is damaged');
	const parts = worksheetsOf(workbookXml.toString('utf8'), relsXml.toString('utf8'), entries);
	const sheets = parts.map(({ name, hidden }) => ({ name, hidden }));
	if (parts.length === 0)
		return {
			ok: false,
			reason: 'The workbook has no worksheets to read',
			workbook: { sheets, sheet: null }
		};

	const heads = new Map(parts.map((p) => [p, inflateHead(bytes, p.entry)]));
	// Unchosen, the visible sheet with the largest area of cells it declares: a workbook often opens on a
	// sheet of notes or a cover page before the list itself. The first such sheet wins a tie.
	const area = (p: (typeof parts)[number]) => {
		const d = declaredDimension(heads.get(p)!);
		return d ? d.rows * d.columns : 0;
	};
	const largest = parts
		.filter((p) => !p.hidden && hasCells(heads.get(p)!))
		.reduce<(typeof parts)[number] | undefined>(
			(best, p) => (best === undefined || area(p) > area(best) ? p : best),
			undefined
		);
	const chosen =
		options.sheet === undefined
			? (largest ?? parts.find((p) => !p.hidden) ?? parts[0]!)
			: parts.find((p) => p.name === options.sheet);
	if (!chosen)
		return {
			ok: false,
			reason: `The workbook has no sheet called ‘${options.sheet!.slice(0, 40)}’: choose one of its sheets`,
			workbook: { sheets, sheet: null }
		};
	const workbook: WorkbookInfo = { sheets, sheet: chosen.name };
	const refuse = (reason: string): WorkbookText => ({ ok: false, reason, workbook });

	const dimension = declaredDimension(heads.get(chosen)!);
	if (dimension && dimension.columns > limits.columns)
		return refuse(
			`Sheet ‘${chosen.name}’ has ${n(dimension.columns)} columns: a file can have at most ${n(limits.columns)}. Remove the extra columns and upload again`
		);
	if (dimension && dimension.rows > limits.dataRows + 1)
		return refuse(
			`Sheet ‘${chosen.name}’ has more than ${n(limits.dataRows)} rows under its heading row: split it into files of at most ${n(limits.dataRows)} rows`
		);

	const styles = entries.get('xl/styles.xml');
	const strings = entries.get('xl/sharedStrings.xml');
	if (styles && styles.uncompressedSize > SMALL_PART_BYTES)
		return refuse(
			'The workbook’s styles part is far larger than any workbook needs, so it was not read'
		);
	// Shared strings are held in memory while the sheet is read: no more of them than an upload's own size, four times over.
	if (strings && strings.uncompressedSize > 4 * options.maxBytes)
		return refuse(
			`The workbook holds more than ${Math.round((4 * options.maxBytes) / 1024 / 1024)} MB of text, more than an upload may. Save the sheet you need as a workbook of its own, or as CSV, and upload that`
		);
	for (const entry of [chosen.entry, styles, strings]) {
		if (entry && !(await entryIsAsDeclared(bytes, entry)))
			return refuse(
				`The workbook is damaged or disguised: part ${entry.name.slice(0, 80)} does not unpack to the size it declares, so nothing in it was read`
			);
	}
	// The streaming reader needs the workbook, styles and shared strings before the sheet; Excel writes the sheets first.
	const zip = rezip([
		{ name: 'xl/workbook.xml', from: { bytes, entry: workbookEntry } },
		{
			name: 'xl/_rels/workbook.xml.rels',
			from: {
				content: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="${chosen.relId.replace(/[<>&"]/g, '')}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`
			}
		},
		...(styles ? [{ name: 'xl/styles.xml', from: { bytes, entry: styles } }] : []),
		{
			name: 'xl/sharedStrings.xml',
			from: strings
				? { bytes, entry: strings }
				: { content: '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>' }
		},
		{ name: 'xl/worksheets/sheet1.xml', from: { bytes, entry: chosen.entry } }
	]);
	try {
		return await sheetToText(zip, chosen.name, workbook, options, limits);
	} catch (error) {
		// Every part read passed its size and CRC checks, so this is XML Excel would not write.
		return refuse(
			`Sheet ‘${chosen.name}’ could not be read: the workbook is damaged (${String(error instanceof Error ? error.message : error).slice(0, 120)}). Open it in Excel, save it again, and upload that`
		);
	}
}

async function sheetToText(
	zip: Buffer,
	sheetName: string,
	workbook: WorkbookInfo,
	options: WorkbookReadOptions,
	limits: CsvLimits
): Promise<WorkbookText> {
	const refuse = (reason: string): WorkbookText => ({ ok: false, reason, workbook });
	const ExcelJS = createRequire(options.excelJsPath)(options.excelJsPath) as typeof ExcelJSModule;
	const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([zip]), {
		sharedStrings: 'cache',
		styles: 'cache',
		hyperlinks: 'ignore',
		worksheets: 'emit',
		entries: 'ignore'
	});
	const lines: string[] = [];
	let chars = 0;
	// Short rows are padded to the heading row's width, so trailing blank cells never make a row ragged. The heading
	// row is found as the CSV parse finds it (headingRecordIndex): the first rows are held until ten with anything in
	// them have been read (or the sheet ends), then written.
	let width: number | null = null;
	const held: { number: number; cells: string[] }[] = [];
	const tooMuchText = () =>
		refuse(
			`Sheet ‘${sheetName}’ holds more than ${Math.round(options.maxBytes / 1024 / 1024)} MB of text, more than an upload may. Split it into smaller files and upload each`
		);
	/** Writes a row as a CSV line in its place; false when the sheet's text grows past the largest upload. */
	const write = (number: number, cells: string[], padTo: number): boolean => {
		let last = cells.length;
		while (last > padTo && !cells[last - 1]) last--;
		const line = Array.from({ length: Math.max(padTo, last) }, (_, i) =>
			csvField(cells[i] ?? '')
		).join(',');
		chars += line.length + 1;
		lines[number - 1] = line;
		return chars <= options.maxBytes;
	};
	const writeHeld = (): boolean => {
		const records = held.map((h) => Array.from(h.cells, (c) => c ?? ''));
		const at = headingRecordIndex(records);
		width = at < 0 ? 0 : records[at]!.length;
		for (const h of held.splice(0)) if (!write(h.number, h.cells, width)) return false;
		return true;
	};
	const problems: string[] = [];
	for await (const sheet of reader) {
		const date1904 = Boolean(
			(reader as unknown as { properties?: { model?: { date1904?: boolean } } }).properties?.model
				?.date1904
		);
		for await (const row of sheet as AsyncIterable<ExcelJSModule.Row>) {
			if (row.number > limits.dataRows + 1)
				return refuse(
					`Sheet ‘${sheetName}’ has more than ${n(limits.dataRows)} rows under its heading row: split it into files of at most ${n(limits.dataRows)} rows`
				);
			while (lines.length < row.number - 1) lines.push('');
			const cells: string[] = [];
			row.eachCell({ includeEmpty: false }, (cell, column) => {
				if (column > limits.columns) return;
				const text = cellText(cell.value, cell.numFmt, date1904);
				if (typeof text === 'string') cells[column - 1] = text;
				else if (problems.length < PROBLEM_CELLS)
					problems.push(`${cellAddress(column, row.number)} ${text.problem}`);
			});
			if (row.cellCount > limits.columns)
				return refuse(
					`Row ${n(row.number)} of sheet ‘${sheetName}’ has more than ${n(limits.columns)} columns: a file can have at most ${n(limits.columns)}. Remove the extra columns and upload again`
				);
			if (width === null) {
				held.push({ number: row.number, cells });
				const filled = held.filter((h) => h.cells.some((c) => c !== undefined && c !== ''));
				if (filled.length >= TITLE_LOOKAHEAD && !writeHeld()) return tooMuchText();
			} else if (!write(row.number, cells, width)) return tooMuchText();
		}
	}
	if (width === null && !writeHeld()) return tooMuchText();
	if (problems.length > 0) {
		return refuse(
			`Sheet ‘${sheetName}’ has cells that cannot be read as values: ${problems.join('; ')}${problems.length === PROBLEM_CELLS ? ' (and perhaps more)' : ''}. Correct them in Excel (or clear them), save, and upload again`
		);
	}
	return { ok: true, text: lines.join('\n'), workbook };
}
