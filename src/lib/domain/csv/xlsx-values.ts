/**
 * How a value an Excel workbook stores becomes the text a CSV cell would hold, so an .xlsx upload
 * reads exactly as the same data saved as CSV: the value as stored, never as displayed.
 */

export interface WorkbookSheet {
	name: string;
	hidden: boolean;
}
/** An uploaded workbook's sheets, in its own order, and the one read. */
export interface WorkbookInfo {
	sheets: WorkbookSheet[];
	/** The sheet read (the officer's choice, else the first visible one with data); null when none could be. */
	sheet: string | null;
}

const DAY_MS = 86_400_000;
/** Serial 25,569 is 1 January 1970 in Excel's 1900 date system; the 1904 system counts 1,462 days fewer. */
const UNIX_EPOCH_SERIAL = 25_569;
const DAYS_1904 = 1_462;

export type SerialDate = { ok: true; iso: string } | { ok: false; reason: string };

/**
 * The ISO date (YYYY-MM-DD) of an Excel date serial; a time of day is dropped. Excel's 1900 system
 * counts 29 February 1900, a day that never was (kept from Lotus 1-2-3), so serials 1-59 are a day
 * earlier than plain counting gives and serial 60 is no date; the 1904 system (old Mac workbooks,
 * `date1904` in workbook.xml) starts at 1 January 1904 with no such day.
 */
export function excelSerialToIso(serial: number, date1904: boolean): SerialDate {
	if (!Number.isFinite(serial) || serial < 0)
		return { ok: false, reason: 'is not a date Excel can hold' };
	const day = Math.floor(serial);
	if (!date1904 && day === 60)
		return {
			ok: false,
			reason: 'is 29 February 1900, a date that does not exist (Excel counts it by mistake)'
		};
	if (!date1904 && day === 0) return { ok: false, reason: 'holds a time of day, not a date' };
	const days = date1904 ? day + DAYS_1904 : day < 60 ? day + 1 : day;
	const date = new Date((days - UNIX_EPOCH_SERIAL) * DAY_MS);
	if (Number.isNaN(date.getTime()) || date.getUTCFullYear() > 9999)
		return { ok: false, reason: 'is not a date Excel can hold' };
	return { ok: true, iso: date.toISOString().slice(0, 10) };
}

/** The Excel serial (in the workbook's date system) of a UTC instant: the inverse of the conversion a reader made. */
export function serialOfUtc(ms: number, date1904: boolean): number {
	return ms / DAY_MS + UNIX_EPOCH_SERIAL - (date1904 ? DAYS_1904 : 0);
}

/**
 * A stored number written minimally, as Excel shows it with the General format at full width: at
 * most 15 significant digits (Excel keeps no more, so 0.1+0.2's 0.30000000000000004 is 0.3), no
 * thousands separators, no exponent (1E+21 is written out), '-0' as '0'.
 */
export function formatStoredNumber(value: number): string {
	if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
	if (value === 0) return '0';
	const [mantissa, exponentText] = Math.abs(value).toExponential(14).split('e') as [string, string];
	const digits = mantissa.replace('.', '').replace(/0+$/, '');
	const exponent = Number(exponentText);
	const sign = value < 0 ? '-' : '';
	if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
	if (digits.length <= exponent + 1)
		return `${sign}${digits}${'0'.repeat(exponent + 1 - digits.length)}`;
	return `${sign}${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
}

/** A cell address (column letters and row number) from 1-based indexes: column 28 of row 3 is AB3. */
export function cellAddress(column: number, row: number): string {
	let letters = '';
	for (let c = column; c > 0; c = Math.floor((c - 1) / 26))
		letters = String.fromCharCode(65 + ((c - 1) % 26)) + letters;
	return `${letters}${row}`;
}

/** A cell written for the CSV text the import reads: quoted when it holds a comma, quote or line break. */
export function csvField(text: string): string {
	return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Whether a number format shows a date (Excel stores dates as numbers; only the format says so):
 * after dropping [colour]/[locale] parts and quoted literals, it has a day, month, year, hour or
 * second code. The rule exceljs applies to plain cells, applied here to formula results too.
 */
export function isDateFormat(format: string | undefined): boolean {
	if (!format) return false;
	return /[ymdhMsb]/.test(format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** The officer's choice of a workbook's sheet, as the preview's forms and links carry it (`sheet=`); Excel's names are at most 31 characters. */
export function sheetFromParam(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' && value.length <= 100 ? value : undefined;
}
