import { describe, expect, it } from 'vitest';
import { formatPence, formatPounds, parsePounds, penceToInput } from './money';

describe('formatPence', () => {
	it.each([
		[0, '£0.00'],
		[5, '£0.05'],
		[123456, '£1,234.56'],
		[100000000, '£1,000,000.00'],
		[-2550, '-£25.50']
	])('%i pence is %s', (pence, text) => {
		expect(formatPence(pence)).toBe(text);
	});

	it('refuses fractions of a penny rather than rounding them silently', () => {
		expect(() => formatPence(1.5)).toThrow(RangeError);
	});
});

describe('formatPounds', () => {
	it.each([
		[1250000, '£12,500'],
		[1250050, '£12,500.50']
	])('%i pence is %s', (pence, text) => expect(formatPounds(pence)).toBe(text));
});

describe('parsePounds', () => {
	it.each([
		['£12,500.00', 1250000],
		['12500', 1250000],
		[' 12,500.5 ', 1250050],
		['0.07', 7],
		['£0', 0],
		['-£10', -1000],
		['(10.50)', -1050],
		['£ 1 000', 100000]
	])('reads %j as %i pence', (text, pence) => {
		expect(parsePounds(text)).toEqual({ ok: true, pence });
	});

	it.each([
		['12.5k', /shorthand/],
		['£1m', /shorthand/],
		['12.345', /two decimal places/],
		['12,50', /not an amount/],
		['abc', /not an amount/],
		['', /Enter an amount/],
		['1.2.3', /not an amount/]
	])('refuses %j with a reason', (text, reason) => {
		const result = parsePounds(text);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.reason).toMatch(reason);
	});

	it('keeps every penny of large amounts (no float rounding)', () => {
		expect(parsePounds('90,071,992,547,409.91')).toEqual({ ok: true, pence: 9007199254740991 });
		expect(parsePounds('90,071,992,547,409.92').ok).toBe(false);
	});

	it('round-trips through the form text', () => {
		for (const pence of [0, 1, 99, 100, 123456, 987654321]) {
			expect(parsePounds(penceToInput(pence))).toEqual({ ok: true, pence });
		}
	});
});
