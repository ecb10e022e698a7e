/**
 * Money is integer pence end to end; these are the only places it becomes text or comes from text.
 */

const POUNDS = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

const WHOLE = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** A count with thousands separators: 12500 -> '12,500' (one shared formatter: toLocaleString builds one per call). */
export function formatCount(n: number): string {
	return WHOLE.format(n);
}

/** 123456 -> '£1,234.56'; negative amounts as '-£1,234.56'. */
export function formatPence(pence: number): string {
	if (!Number.isSafeInteger(pence)) throw new RangeError(`not a whole number of pence: ${pence}`);
	const sign = pence < 0 ? '-' : '';
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

/** For a form field: 123456 -> '1234.56'. */
export function penceToInput(pence: number | null | undefined): string {
	if (pence == null) return '';
	const sign = pence < 0 ? '-' : '';
	const abs = Math.abs(pence);
	return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export type ParsedMoney = { ok: true; pence: number } | { ok: false; reason: string };

/**
 * Reads an amount the way people type it: '£12,500.00', '12500', '12,500.5', ' 99 '.
 * Shorthand such as '12.5k' and more than two decimal places are refused with a reason,
 * never guessed. Works on the digits as text so no float rounding touches the pence.
 */
export function parsePounds(input: string): ParsedMoney {
	let text = input.trim().replace(/\s+/g, '');
	if (text === '') return { ok: false, reason: 'Enter an amount' };
	let negative = false;
	if (text.startsWith('-')) {
		negative = true;
		text = text.slice(1);
	} else if (text.startsWith('(') && text.endsWith(')')) {
		negative = true;
		text = text.slice(1, -1);
	}
	if (text.startsWith('£')) text = text.slice(1);
	if (/^[\d.,]+(k|m|mn|bn)$/i.test(text)) {
		return { ok: false, reason: `'${input.trim()}' uses a shorthand; enter the full amount in pounds, like 12500` };
	}
	if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$/.test(text)) {
		if (/^[\d,]*\.\d{3,}$/.test(text)) {
			return { ok: false, reason: `'${input.trim()}' has more than two decimal places` };
		}
		return { ok: false, reason: `'${input.trim()}' is not an amount in pounds, like 12500 or £12,500.00` };
	}
	const [whole, fraction = ''] = text.replace(/,/g, '').split('.');
	const pence = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
	if (!Number.isSafeInteger(pence)) return { ok: false, reason: 'The amount is too large' };
	return { ok: true, pence: negative ? -pence : pence };
}
