/**
 * A workbook cell's stored value as CSV cell text: dates as ISO dates, numbers minimally, formulas as
 * their saved result, rich text as plain text; or why the cell cannot be read.
 */
import type ExcelJSModule from 'exceljs';
import {
	excelSerialToIso,
	formatStoredNumber,
	isDateFormat,
	serialOfUtc
} from '../../../domain/csv/xlsx-values';

export type CellValue = ExcelJSModule.CellValue;
const quoteFormula = (formula: string) =>
	`=${formula.length > 40 ? `${formula.slice(0, 40)}…` : formula}`;

/** A cell's stored value as CSV cell text, or why it cannot be read. */
export function cellText(
	value: CellValue,
	numFmt: string | undefined,
	date1904: boolean
): string | { problem: string } {
	if (value === null || value === undefined) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
	if (typeof value === 'number')
		return Number.isFinite(value)
			? formatStoredNumber(value)
			: { problem: 'holds something that is not a number' };
	if (value instanceof Date) {
		const date = excelSerialToIso(serialOfUtc(value.getTime(), date1904), date1904);
		return date.ok ? date.iso : { problem: date.reason };
	}
	if ('error' in value) return { problem: `holds the error ${String(value.error)}` };
	if ('richText' in value) return value.richText.map((run) => run.text ?? '').join('');
	if ('formula' in value || 'sharedFormula' in value) {
		const formula = 'formula' in value ? value.formula : value.sharedFormula;
		const result = value.result;
		if (result === undefined || result === null)
			return {
				problem: `has a formula (${quoteFormula(formula ?? '')}) with no saved result: open the file in Excel, let it calculate, and save`
			};
		if (typeof result === 'number') {
			if (Number.isNaN(result))
				return {
					problem: `has a formula (${quoteFormula(formula ?? '')}) whose result is an error`
				};
			if (isDateFormat(numFmt)) {
				const date = excelSerialToIso(result, date1904);
				return date.ok ? date.iso : { problem: date.reason };
			}
		}
		return cellText(result as CellValue, numFmt, date1904);
	}
	if ('text' in value) return String(value.text);
	return { problem: 'holds a value of a kind that cannot be read' };
}
