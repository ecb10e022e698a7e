import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	cellAddress,
	csvField,
	excelSerialToIso,
	formatStoredNumber,
	isDateFormat,
	serialOfUtc,
	sheetFromParam
} from './xlsx-values';

describe('excelSerialToIso', () => {
	it.each([
		[1, false, '1900-01-01'],
		[59, false, '1900-02-28'],
		[61, false, '1900-03-01'],
		[25_569, false, '1970-01-01'],
		[46_112, false, '2026-03-31'],
		[46_112.75, false, '2026-03-31'],
		[0, true, '1904-01-01'],
		[44_650, true, '2026-03-31'],
		[2_958_465, false, '9999-12-31']
	])('serial %d (1904 system: %s) is %s', (serial, date1904, iso) => {
		expect(excelSerialToIso(serial, date1904)).toEqual({ ok: true, iso });
	});

	it('refuses the 29 February 1900 that Excel counts by mistake, a bare time, and serials no date has', () => {
		expect(excelSerialToIso(60, false)).toMatchObject({
			ok: false,
			reason: expect.stringContaining('29 February 1900')
		});
		expect(excelSerialToIso(0.5, false)).toMatchObject({
			ok: false,
			reason: expect.stringContaining('time of day')
		});
		expect(excelSerialToIso(-1, false).ok).toBe(false);
		expect(excelSerialToIso(3_000_000, false).ok).toBe(false);
		expect(excelSerialToIso(Number.NaN, true).ok).toBe(false);
	});

	it('undoes the conversion a reader made to a Date, in either date system', () => {
		fc.assert(
			fc.property(fc.integer({ min: 61, max: 2_958_465 }), fc.boolean(), (serial, date1904) => {
				// What exceljs does: days since 1970 of the serial, without the 1900 leap-year fix.
				const ms = Math.round((serial - 25_569 + (date1904 ? 1_462 : 0)) * 86_400_000);
				expect(serialOfUtc(ms, date1904)).toBeCloseTo(serial, 6);
			})
		);
	});
});

describe('formatStoredNumber', () => {
	it.each([
		[0, '0'],
		[-0, '0'],
		[0.1 + 0.2, '0.3'],
		[12_345.67, '12345.67'],
		[-1234.5, '-1234.5'],
		[1e21, '1000000000000000000000'],
		[1.5e-7, '0.00000015'],
		[123_456_789_012_345_680, '123456789012346000'],
		[42, '42']
	])('%d is written %s', (value, text) => {
		expect(formatStoredNumber(value)).toBe(text);
	});

	it('is a plain decimal that reads back as the number to 15 significant digits', () => {
		fc.assert(
			fc.property(
				fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 }),
				(value) => {
					const text = formatStoredNumber(value);
					expect(text).toMatch(/^-?\d+(\.\d+)?$/);
					expect(Number(text)).toBe(Number(value.toPrecision(15)) || 0);
				}
			)
		);
	});
});

describe('the rest', () => {
	it('names cells as Excel does', () => {
		expect([
			cellAddress(1, 1),
			cellAddress(26, 2),
			cellAddress(27, 3),
			cellAddress(52, 4),
			cellAddress(703, 5)
		]).toEqual(['A1', 'Z2', 'AA3', 'AZ4', 'AAA5']);
	});

	it('quotes a CSV field only when it must', () => {
		expect([
			csvField('plain'),
			csvField('a,b'),
			csvField('say "hi"'),
			csvField('two\nlines'),
			csvField('=1+1')
		]).toEqual(['plain', '"a,b"', '"say ""hi"""', '"two\nlines"', '=1+1']);
	});

	it('tells date formats from number formats as exceljs does', () => {
		for (const f of ['dd/mm/yyyy', 'd-mmm-yy', 'yyyy-mm-dd hh:mm', '[$-809]dd mmmm yyyy', 'mm:ss'])
			expect(isDateFormat(f)).toBe(true);
		for (const f of [
			undefined,
			'',
			'General',
			'0.00',
			'"£"#,##0.00',
			'[$£-809]#,##0.00;[Red]-[$£-809]#,##0.00',
			'0%',
			'@'
		])
			expect(isDateFormat(f)).toBe(false);
	});

	it('reads the sheet parameter', () => {
		expect([
			sheetFromParam('Systems'),
			sheetFromParam(''),
			sheetFromParam(null),
			sheetFromParam('x'.repeat(101))
		]).toEqual(['Systems', undefined, undefined, undefined]);
	});
});
