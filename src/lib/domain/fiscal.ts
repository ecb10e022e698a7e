/**
 * UK local government financial years (1 April - 31 March, written '2026/27') and their quarters
 * (Q1 = April-June ... Q4 = January-March). Labels are plain strings so they sort in date order and
 * travel through forms, CSV and the database unchanged.
 */
import { isValidIsoDate } from './dates';
import { quoted } from './forms/form-text';

/** A financial year label such as '2026/27'. */
export type FinancialYear = string;
export type QuarterNumber = 1 | 2 | 3 | 4;
export interface Quarter {
	year: FinancialYear;
	quarter: QuarterNumber;
}

const LABEL = /^(\d{4})\/(\d{2})$/;

function labelOf(startYear: number): FinancialYear {
	return `${String(startYear).padStart(4, '0')}/${String((startYear + 1) % 100).padStart(2, '0')}`;
}

/** The calendar year a label starts in: '2026/27' -> 2026. Throws on anything but a canonical label. */
export function startYearOf(label: FinancialYear): number {
	const m = LABEL.exec(label);
	if (!m || (Number(m[1]) + 1) % 100 !== Number(m[2]) || Number(m[1]) > 9998) {
		throw new RangeError(`not a financial year label: '${label}'`);
	}
	return Number(m[1]);
}

/** True for a canonical label such as '2026/27' or '2099/00' (what the database holds). */
export function isFinancialYear(text: string): boolean {
	try {
		startYearOf(text);
		return true;
	} catch {
		return false; // startYearOf only throws for a malformed label
	}
}

function checkIso(iso: string): [number, number, number] {
	if (!isValidIsoDate(iso)) throw new RangeError(`not an ISO date: '${iso}'`);
	return iso.split('-').map(Number) as [number, number, number];
}

/** The financial year a date falls in: 31 March 2027 is in 2026/27, 1 April 2027 in 2027/28. */
export function financialYearOf(iso: string): FinancialYear {
	const [y, m] = checkIso(iso);
	return labelOf(m >= 4 ? y : y - 1);
}

/** 1 April of the year: '2026/27' -> '2026-04-01'. */
export function financialYearStart(label: FinancialYear): string {
	return `${String(startYearOf(label)).padStart(4, '0')}-04-01`;
}

/** 31 March of the year: '2026/27' -> '2027-03-31'. */
export function financialYearEnd(label: FinancialYear): string {
	return `${String(startYearOf(label) + 1).padStart(4, '0')}-03-31`;
}

/** 366 when the year contains 29 February (2027/28 does), else 365: the divisor for pro rata sums. */
export function daysInFinancialYear(label: FinancialYear): number {
	return daysBetween(financialYearStart(label), financialYearEnd(label)) + 1;
}

function dayNumber(iso: string): number {
	const [y, m, d] = checkIso(iso);
	return Date.UTC(y, m - 1, d) / 86_400_000;
}

/**
 * Whole days from one ISO date to another (negative when `to` is earlier). Calendar days in UTC, so
 * the clocks changing in March and October never make a day 23 or 25 hours long.
 */
export function daysBetween(from: string, to: string): number {
	return dayNumber(to) - dayNumber(from);
}

export type ParsedFinancialYear =
	{ ok: true; label: FinancialYear } | { ok: false; reason: string };

/**
 * Reads a financial year as finance teams write it: '2026/27', '2026-27', '2026/2027', 'FY2026/27',
 * 'FY 2026-27', '2026 to 2027', and with two-digit years, '26/27' and 'FY26/27' (this century: the
 * app plans years ahead, never the 1900s). A single year ('2026', 'FY26', 'FY27') is refused rather
 * than guessed, because people mean both the year it starts and the year it ends by it.
 */
export function parseFinancialYear(input: string): ParsedFinancialYear {
	const text = input.trim();
	if (text === '') return { ok: false, reason: 'Enter a financial year, like 2026/27' };
	const bare = text.replace(/^FY\s*/i, '');
	if (/^\d{4}$|^\d{2}$/.test(bare)) {
		const y = bare.length === 2 ? 2000 + Number(bare) : Number(bare);
		return {
			ok: false,
			reason: `'${quoted(text)}' could be ${labelOf(y - 1)} or ${labelOf(y)}; enter both years, like ${labelOf(y)}`
		};
	}
	const m = /^(\d{4}|\d{2})\s*(?:[/\-–—]|to)\s*(\d{2}|\d{4})$/i.exec(bare);
	if (!m || (m[1]!.length === 2 && m[2]!.length === 4))
		return { ok: false, reason: `'${quoted(text)}' is not a financial year, like 2026/27` };
	const start = m[1]!.length === 2 ? 2000 + Number(m[1]) : Number(m[1]);
	const end = Number(m[2]);
	const follows = m[2]!.length === 4 ? end === start + 1 : end === (start + 1) % 100;
	if (!follows || start > 9998) {
		return {
			ok: false,
			reason: `'${quoted(text)}' is not a financial year: a financial year runs from April to the next March, like ${labelOf(start)}`
		};
	}
	return { ok: true, label: labelOf(start) };
}

/** The year `n` years later (or earlier, for negative `n`): shiftFinancialYear('2026/27', 2) = '2028/29'. */
export function shiftFinancialYear(label: FinancialYear, n: number): FinancialYear {
	if (!Number.isInteger(n)) throw new RangeError(`not a whole number of years: ${n}`);
	return labelOf(startYearOf(label) + n);
}

/** Every year from `from` to `to` inclusive, in order; empty when `to` is before `from`. */
export function financialYearsBetween(from: FinancialYear, to: FinancialYear): FinancialYear[] {
	const first = startYearOf(from);
	const last = startYearOf(to);
	const years: FinancialYear[] = [];
	for (let y = first; y <= last; y++) years.push(labelOf(y));
	return years;
}

/** The quarter a date falls in: Q1 is April-June, so 29 February 2028 is Q4 of 2027/28. */
export function quarterOf(iso: string): Quarter {
	const [, m] = checkIso(iso);
	const quarter = (Math.floor(((m + 8) % 12) / 3) + 1) as QuarterNumber;
	return { year: financialYearOf(iso), quarter };
}

/** 'Q1 2026/27', the form used on the timeline and in CSV headers. */
export function quarterLabel(q: Quarter): string {
	return `Q${q.quarter} ${q.year}`;
}

function quarterStartMonth(q: Quarter): [number, number] {
	const start = startYearOf(q.year);
	const month = 4 + (q.quarter - 1) * 3;
	return month > 12 ? [start + 1, month - 12] : [start, month];
}

/** The first day of the quarter: Q4 2026/27 -> '2027-01-01'. */
export function quarterStart(q: Quarter): string {
	const [y, m] = quarterStartMonth(q);
	return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-01`;
}

/** The last day of the quarter: Q1 2026/27 -> '2026-06-30'. */
export function quarterEnd(q: Quarter): string {
	const [y, m] = quarterStartMonth(q);
	const endMonth = m + 2;
	const day = new Date(Date.UTC(y, endMonth, 0)).getUTCDate();
	return `${String(y).padStart(4, '0')}-${String(endMonth).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function quarterIndex(q: Quarter): number {
	if (![1, 2, 3, 4].includes(q.quarter)) throw new RangeError(`not a quarter: ${q.quarter}`);
	return startYearOf(q.year) * 4 + (q.quarter - 1);
}

/** Every quarter from `from` to `to` inclusive, in order; empty when `to` is before `from`. */
export function quartersBetween(from: Quarter, to: Quarter): Quarter[] {
	const quarters: Quarter[] = [];
	for (let i = quarterIndex(from); i <= quarterIndex(to); i++) {
		quarters.push({ year: labelOf(Math.floor(i / 4)), quarter: ((i % 4) + 1) as QuarterNumber });
	}
	return quarters;
}
