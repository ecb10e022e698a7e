import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	checkedPence,
	divideHalfUp,
	divideRoundingDown,
	formatPence,
	formatPounds,
	MAX_AMOUNT_PENCE,
	parsePounds,
	penceToInput,
	roundHalfAwayFromZero,
	TOO_LARGE_TO_SHOW
} from './money';

describe('formatPence', () => {
	it.each([
		[0, '£0.00'],
		[5, '£0.05'],
		[123456, '£1,234.56'],
		[100000000, '£1,000,000.00'],
		[-2550, '\u2212\u2060£25.50']
	])('%i pence is %s', (pence, text) => {
		expect(formatPence(pence)).toBe(text);
	});

	it('writes a negative amount with a real minus sign joined to its figure, and reads it back', () => {
		fc.assert(
			fc.property(fc.integer({ min: -MAX_AMOUNT_PENCE, max: -1 }), (pence) => {
				const text = formatPence(pence);
				// One minus sign, no hyphen, and no break opportunity before the '£' (the word joiner).
				expect(text).toMatch(/^\u2212\u2060£[\d,]+\.\d\d$/);
				expect(parsePounds(text)).toEqual({ ok: true, pence });
				expect(penceToInput(pence).startsWith('-')).toBe(true);
			})
		);
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
		['£ 1 000', 100000],
		['£1,234.56', 123456],
		['1234.5', 123450],
		['(1,234.56)', -123456],
		['( £1,234.56 )', -123456],
		['\u22121,234.56', -123456],
		['\u2212\u2060£1,234.56', -123456],
		['£-10', -1000],
		['1 234 567.89', 123456789],
		['1\u00a0234', 123400],
		['1\u202f234.50', 123450]
	])('reads %j as %i pence', (text, pence) => {
		expect(parsePounds(text)).toEqual({ ok: true, pence });
	});

	it.each([
		['12.5k', /shorthand/],
		['£1m', /shorthand/],
		['12.345', /two decimal places/],
		[
			'12,50',
			/comma before the pence; write the amount with a decimal point \(if you mean £12\.50, write 12\.50\)/
		],
		['1 234,5', /\(if you mean £1,234\.50, write 1234\.5\)$/],
		['1 234,56', /'1 234,56' has a comma before the pence.*write 1234\.56/],
		['1.234,56', /write 1234\.56/],
		['12 34', /spaces may only separate thousands/],
		['1 23 456', /spaces may only separate thousands/],
		['£1.2m', /'£1\.2m' uses a shorthand; enter the full amount in pounds \(write 1200000\)$/],
		['12.5k', / \(write 12500\)$/],
		['12.5 K', / \(write 12500\)$/],
		['-3m', / \(write -3000000\)$/],
		['2bn', /uses a shorthand; enter the full amount in pounds, like 12500$/],
		['1.23456k', / \(write 1234\.56\)$/],
		['abc', /not an amount/],
		['', /Enter an amount/],
		['1.2.3', /not an amount/]
	])('refuses %j with a reason', (text, reason) => {
		const result = parsePounds(text);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.reason).toMatch(reason);
	});

	it('takes the cap, £1,000,000,000.00, and refuses a penny more either way, with the reason', () => {
		expect(parsePounds('£1,000,000,000.00')).toEqual({ ok: true, pence: MAX_AMOUNT_PENCE });
		expect(parsePounds('-1000000000')).toEqual({ ok: true, pence: -MAX_AMOUNT_PENCE });
		for (const text of [
			'1,000,000,000.01',
			'-£1,000,000,000.01',
			'(1000000000.01)',
			'90,071,992,547,409.91',
			'9'.repeat(400),
			`0000${'9'.repeat(30)}.99`
		]) {
			const result = parsePounds(text);
			expect(result.ok).toBe(false);
			if (!result.ok)
				expect(result.reason).toMatch(/more than £1,000,000,000.00, the most any amount can be/);
		}
	});

	it('reads every amount up to the cap exactly, however it is written (property)', () => {
		const pence = fc.integer({ min: -MAX_AMOUNT_PENCE, max: MAX_AMOUNT_PENCE });
		fc.assert(
			fc.property(pence, fc.boolean(), fc.boolean(), (p, pound, commas) => {
				const abs = Math.abs(p);
				const whole = String(Math.trunc(abs / 100));
				const text = `${p < 0 ? '-' : ''}${pound ? '£' : ''}${commas ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : whole}.${String(abs % 100).padStart(2, '0')}`;
				expect(parsePounds(text)).toEqual({ ok: true, pence: p === 0 ? 0 : p });
			})
		);
	});

	it('refuses every amount beyond the cap, never returning pence above it (property)', () => {
		const beyond = fc.oneof(
			fc.bigInt({ min: BigInt(MAX_AMOUNT_PENCE) + 1n, max: BigInt(MAX_AMOUNT_PENCE) * 10n }),
			fc.bigInt({ min: BigInt(MAX_AMOUNT_PENCE) * 10n, max: 10n ** 60n })
		);
		fc.assert(
			fc.property(beyond, fc.boolean(), (p, negative) => {
				const text = `${negative ? '-' : ''}${p / 100n}.${String(p % 100n).padStart(2, '0')}`;
				const result = parsePounds(text);
				expect(result.ok).toBe(false);
			})
		);
		// And whatever is typed, anything accepted is within the cap.
		fc.assert(
			fc.property(fc.stringMatching(/^[-(£]?[\d,]{0,20}(\.\d{0,3})?\)?$/), (text) => {
				const result = parsePounds(text);
				if (result.ok) expect(Math.abs(result.pence)).toBeLessThanOrEqual(MAX_AMOUNT_PENCE);
			})
		);
	});

	it('round-trips through the form text', () => {
		for (const pence of [0, 1, 99, 100, 123456, 987654321]) {
			expect(parsePounds(penceToInput(pence))).toEqual({ ok: true, pence });
		}
	});
});

describe('a total too large to hold exactly', () => {
	it('is Infinity from 2^53 pence on, either way, and stays so', () => {
		expect(checkedPence(Number.MAX_SAFE_INTEGER)).toBe(Number.MAX_SAFE_INTEGER);
		expect(checkedPence(Number.MAX_SAFE_INTEGER + 1)).toBe(Infinity);
		expect(checkedPence(-(Number.MAX_SAFE_INTEGER + 1))).toBe(-Infinity);
		expect(checkedPence(Infinity - Infinity)).toBeNaN();
		expect(() => checkedPence(0.5)).toThrow(RangeError);
	});

	it('is written in words by every formatter', () => {
		for (const n of [Infinity, -Infinity, NaN, 2 ** 53]) {
			expect(formatPence(n)).toBe(TOO_LARGE_TO_SHOW);
			expect(formatPounds(n)).toBe(TOO_LARGE_TO_SHOW);
			expect(penceToInput(n)).toBe(TOO_LARGE_TO_SHOW);
		}
		expect(formatPence(Number.MAX_SAFE_INTEGER)).toBe('£90,071,992,547,409.91');
	});
});

describe('rounding rules, at the half penny', () => {
	it.each<[bigint, bigint, bigint, bigint]>([
		// n, d, rounded down, half up
		[0n, 7n, 0n, 0n],
		[1n, 2n, 0n, 1n], // exactly half
		[3n, 2n, 1n, 2n],
		[549n, 366n, 1n, 2n], // 1.5
		[548n, 366n, 1n, 1n], // 1.497
		[550n, 366n, 1n, 2n], // 1.503
		[365n, 365n, 1n, 1n],
		[29n, 60n, 0n, 0n], // outage: 29/60 of a penny
		[30n, 60n, 0n, 1n], // 30/60: half up
		[89n, 60n, 1n, 1n],
		[90n, 60n, 1n, 2n]
	])('%i / %i: rounded down %i, half up %i', (n, d, down, halfUp) => {
		expect(divideRoundingDown(n, d)).toBe(down);
		expect(divideHalfUp(n, d)).toBe(halfUp);
	});

	it.each([
		[0.5, 1],
		[-0.5, -1],
		[1.4999, 1],
		[2.5, 3],
		[-2.5, -3],
		[-0.4, 0]
	])('%f pence rounds half away from zero to %i', (value, pence) => {
		expect(roundHalfAwayFromZero(value)).toBe(pence);
		expect(Object.is(roundHalfAwayFromZero(-0.4), -0)).toBe(false);
	});

	it('each rule is exact against its definition (property)', () => {
		fc.assert(
			fc.property(
				fc.bigInt({ min: 0n, max: 10n ** 20n }),
				fc.bigInt({ min: 1n, max: 10n ** 6n }),
				(n, d) => {
					const down = divideRoundingDown(n, d);
					expect(down * d <= n && (down + 1n) * d > n).toBe(true);
					const up = divideHalfUp(n, d);
					// n/d - 1/2 < up <= n/d + 1/2: the nearest, and a half goes up.
					expect(2n * n - d < 2n * up * d && 2n * up * d <= 2n * n + d).toBe(true);
				}
			)
		);
	});
});
