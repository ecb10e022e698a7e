/**
 * Money is integer pence end to end; these are the only places it becomes text or comes from text,
 * and the home of the money rules every form, import and total shares: the largest amount anyone may
 * enter, what a total too large to hold exactly becomes, and the rounding rules (one named function
 * each, so every figure that divides money says which rule it follows).
 */
import { quoted } from './forms/form-text';

/**
 * The largest amount of money anyone may enter, anywhere (a system's annual run cost, a cost line, a
 * funding allocation, a business-case flow, a cost per user-hour): £1,000,000,000.00. Larger than any
 * council's whole annual ICT spend (the largest English council's entire ICT outsourcing ran at about
 * £120 million a year), so a bigger figure is a typo (a slipped zero, pence typed as pounds), never a
 * real cost. At this cap 90,071 amounts still add up exactly in a double (2^53 pence is about
 * £90 trillion); totals beyond that are not shown as wrong figures but as TOO_LARGE_TO_SHOW.
 * The database refuses the same (CHECK constraints, migration 0012).
 */
export const MAX_AMOUNT_PENCE = 100_000_000_000;

/** The words every formatter writes for a total too large to hold exactly (see checkedPence). */
export const TOO_LARGE_TO_SHOW = 'too large to show';

/**
 * A figure of pence as arithmetic left it: itself when it is a whole number a double holds exactly;
 * Infinity (or -Infinity) when it went past 2^53 pence either way, so it stays too large through any
 * later sum and is written as TOO_LARGE_TO_SHOW rather than as a wrong figure; NaN when the sign is
 * unknown (too large less too large). A fraction of a penny is a bug and throws.
 */
export function checkedPence(n: number, what = 'An amount'): number {
	if (Number.isSafeInteger(n)) return n;
	if (Number.isNaN(n) || Math.abs(n) > Number.MAX_SAFE_INTEGER)
		return n > 0 ? Infinity : n < 0 ? -Infinity : NaN;
	throw new RangeError(`${what} is not a whole number of pence: ${n}`);
}

/** True when a figure can be shown exactly (not a total that went past 2^53 pence). */
export function isExactPence(n: number): boolean {
	return Number.isSafeInteger(n);
}

// Rounding rules. Each is exact (integer or BigInt arithmetic, no float touching the pence).

/**
 * n / d rounded DOWN to a whole penny (n >= 0, d > 0): for a saving, so it is never overstated.
 * Used for the run cost saved in the year of a switch-off (domain/rollup.ts runCostSavedInYear).
 */
export function divideRoundingDown(n: bigint, d: bigint): bigint {
	if (n < 0n || d <= 0n)
		throw new RangeError(`divideRoundingDown needs n >= 0 and d > 0: ${n} / ${d}`);
	return n / d;
}

/**
 * n / d rounded to the nearest whole penny, a half penny UP (n >= 0, d > 0): for a figure that is an
 * estimate in its own right (the cost of an outage, a cost per user-hour).
 */
export function divideHalfUp(n: bigint, d: bigint): bigint {
	if (n < 0n || d <= 0n) throw new RangeError(`divideHalfUp needs n >= 0 and d > 0: ${n} / ${d}`);
	return (2n * n + d) / (2n * d);
}

/**
 * A value in pence (from a discount factor or a percentage) rounded to the nearest whole penny, a
 * half penny AWAY FROM ZERO, so a cost and a benefit of the same size round alike (Green Book
 * figures: present values, optimism bias uplifts).
 */
export function roundHalfAwayFromZero(value: number): number {
	const rounded = Math.sign(value) * Math.round(Math.abs(value));
	return rounded === 0 ? 0 : rounded;
}

const POUNDS = new Intl.NumberFormat('en-GB', {
	minimumFractionDigits: 2,
	maximumFractionDigits: 2
});

const WHOLE = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** A count with thousands separators: 12500 -> '12,500' (one shared formatter: toLocaleString builds one per call). */
export function formatCount(n: number): string {
	return WHOLE.format(n);
}

/**
 * How a negative amount starts on screen and in print: U+2212 MINUS SIGN (as wide as a digit, read as
 * 'minus', not a hyphen), then U+2060 WORD JOINER, because a browser will otherwise break the line
 * between the sign and the '£' and leave '−' alone at the end of a line.
 */
export const DISPLAY_MINUS = '\u2212\u2060';

/** 123456 -> '£1,234.56'; negative amounts as '−£1,234.56' (DISPLAY_MINUS); a total past 2^53 pence in words. */
export function formatPence(pence: number): string {
	if (!isExactPence(checkedPence(pence))) return TOO_LARGE_TO_SHOW;
	const sign = pence < 0 ? DISPLAY_MINUS : '';
	const abs = Math.abs(pence);
	const pounds = Math.trunc(abs / 100);
	const rest = abs % 100;
	return `${sign}£${POUNDS.format(pounds).replace(/\.00$/, '')}.${String(rest).padStart(2, '0')}`;
}

/** The same, without the pence when there are none: '£12,500' (for tables of estimates). */
export function formatPounds(pence: number): string {
	const text = formatPence(pence);
	return text.endsWith('.00') ? text.slice(0, -3) : text;
}

/** For a form field or a CSV cell (a plain ASCII '-', which spreadsheets read as a number): 123456 -> '1234.56'; a total past 2^53 pence in words. */
export function penceToInput(pence: number | null | undefined): string {
	if (pence == null) return '';
	if (!isExactPence(checkedPence(pence))) return TOO_LARGE_TO_SHOW;
	const sign = pence < 0 ? '-' : '';
	const abs = Math.abs(pence);
	return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export type ParsedMoney = { ok: true; pence: number } | { ok: false; reason: string };

/** What a shorthand's letter multiplies by, as a power of ten: '12.5k' is 12500. */
const SHORTHAND_POWER: Record<string, number> = { k: 3, m: 6, mn: 6, bn: 9 };

/** '12.5', 'k' -> '12500': the full figure a shorthand stands for, worked on the digits as text; null past the cap. */
function expandShorthand(figure: string, letter: string): string | null {
	const power = SHORTHAND_POWER[letter.toLowerCase()]!;
	const [whole = '', fraction = ''] = figure.replace(/,/g, '').split('.');
	const digits = `${whole}${fraction.padEnd(power, '0').slice(0, power)}`.replace(/^0+(?=\d)/, '');
	const rest = fraction.slice(power).replace(/0+$/, '');
	// Past the cap it is refused whatever is written: no figure to suggest.
	if (digits.length > 13 || Number(digits) * 100 > MAX_AMOUNT_PENCE) return null;
	return rest ? `${digits}.${rest}` : digits;
}

/**
 * Reads an amount the way people type it: '£12,500.00', '12500', '12,500.5', ' 99 ', '1 234 567'
 * (spaces between thousands), '(1,234.56)' (an accountant's negative), '−1,234.56' (U+2212, as the
 * app displays negatives), '-£10' or '£-10'. Refused with a reason, never guessed: shorthand such as
 * '12.5k' (the message gives the full figure to write), a decimal comma ('1 234,56'), spaces that do
 * not separate thousands, more than two decimal places, and anything beyond MAX_AMOUNT_PENCE either
 * way. Works on the digits as text so no float rounding touches the pence. Every form and both
 * imports (a system's annual run cost, a cost line's amount) read money with this one function.
 */
export function parsePounds(input: string): ParsedMoney {
	// An amount copied from a page carries the display minus (U+2212, word joiner): read it as '-'.
	// Spaces beside the sign, brackets and '£' are layout: '£ 1 000', '- £5', '( 10.50 )'.
	let text = input
		.trim()
		.replace(/\u2060/g, '')
		.replace(/\u2212/g, '-')
		.replace(/\s*([£()-])\s*/g, '$1');
	if (text === '') return { ok: false, reason: 'Enter an amount' };
	let negative = false;
	if (text.startsWith('(') && text.endsWith(')')) {
		negative = true;
		text = text.slice(1, -1);
	} else if (text.startsWith('-')) {
		negative = true;
		text = text.slice(1);
	}
	if (text.startsWith('£')) text = text.slice(1);
	if (!negative && text.startsWith('-')) {
		negative = true;
		text = text.slice(1);
	}
	const shorthand = /^(\d+(?:,\d{3})*(?:\.\d+)?)\s*(k|m|mn|bn)$/i.exec(text);
	if (shorthand) {
		const full = expandShorthand(shorthand[1]!, shorthand[2]!);
		return {
			ok: false,
			reason: `'${quoted(input)}' uses a shorthand; enter the full amount in pounds${full ? ` (write ${negative ? '-' : ''}${full})` : ', like 12500'}`
		};
	}
	if (/^[\d.,\s]+(k|m|mn|bn)$/i.test(text)) {
		return {
			ok: false,
			reason: `'${quoted(input)}' uses a shorthand; enter the full amount in pounds, like 12500`
		};
	}
	// A decimal comma, as much of Europe writes it: '1 234,56', '1.234,56', '12,5'. Which was meant is not guessed.
	if (/^(\d{1,3}([\s.]\d{3})+|\d+),\d{1,2}$/.test(text)) {
		const meant = text.replace(/[\s.]/g, '').replace(',', '.');
		const read = parsePounds(meant);
		const shown = read.ok ? formatPence(read.pence) : `£${meant}`;
		return {
			ok: false,
			reason: `'${quoted(input)}' has a comma before the pence; write the amount with a decimal point (if you mean ${shown}, write ${meant})`
		};
	}
	if (/\s/.test(text)) {
		if (!/^\d{1,3}(\s\d{3})+(\.\d*)?$/.test(text)) {
			return {
				ok: false,
				reason: `'${quoted(input)}' is not an amount in pounds: spaces may only separate thousands, like 1 234 567`
			};
		}
		text = text.replace(/\s/g, ',');
	}
	if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$/.test(text)) {
		if (/^[\d,]*\.\d{3,}$/.test(text)) {
			return { ok: false, reason: `'${quoted(input)}' has more than two decimal places` };
		}
		return {
			ok: false,
			reason: `'${quoted(input)}' is not an amount in pounds, like 12500 or £12,500.00`
		};
	}
	const [whole = '', fraction = ''] = text.replace(/,/g, '').split('.');
	// Compared as text first: a thousand-digit amount must not become a float before it is refused.
	const digits = whole.replace(/^0+(?=\d)/, '');
	const pence =
		digits.length > 12 ? Infinity : Number(digits) * 100 + Number(fraction.padEnd(2, '0'));
	if (pence > MAX_AMOUNT_PENCE)
		return {
			ok: false,
			reason: `'${quoted(input)}' is more than ${formatPence(MAX_AMOUNT_PENCE)}, the most any amount can be`
		};
	return { ok: true, pence: negative && pence !== 0 ? -pence : pence };
}
