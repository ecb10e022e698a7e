/** Dates are ISO 'YYYY-MM-DD' strings in the database and in forms (input type=date). */
import { quoted } from './forms/form-text';

/** True for a real calendar date written as YYYY-MM-DD (rejects 2026-02-30). */
export function isValidIsoDate(text: string): boolean {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	if (!m) return false;
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	if (mo < 1 || mo > 12 || d < 1) return false;
	return d <= daysInMonth(y, mo);
}

export function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const MONTHS = [
	'January',
	'February',
	'March',
	'April',
	'May',
	'June',
	'July',
	'August',
	'September',
	'October',
	'November',
	'December'
];

/**
 * '2026-03-31' -> '31 March 2026' (GOV.UK style); '' for none. Written out from the ISO parts,
 * as Intl's en-GB long date writes it: a list page formats hundreds of dates, and each
 * Intl.DateTimeFormat.format with its Date was about 1% of a /systems request's CPU.
 */
export function formatDate(iso: string | null | undefined): string {
	if (!iso) return '';
	const day = iso.slice(0, 10);
	if (!isValidIsoDate(day)) return iso;
	return `${Number(day.slice(8, 10))} ${MONTHS[Number(day.slice(5, 7)) - 1]} ${Number(day.slice(0, 4))}`;
}

/** Adds whole months to an ISO date, clamping to the month's end (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(iso: string, months: number): string {
	const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
	const total = y * 12 + (m - 1) + months;
	const ny = Math.floor(total / 12);
	const nm = (total % 12) + 1;
	const nd = Math.min(d, daysInMonth(ny, nm));
	return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(nd).padStart(2, '0')}`;
}

// Building an Intl formatter costs far more than using one: make each once.
const UK_ISO_DAY = new Intl.DateTimeFormat('en-CA', {
	timeZone: 'Europe/London',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit'
});

/** Today's date in the UK as YYYY-MM-DD. */
/** The moment now as UTC ISO text ('2026-12-06T15:04:05.123Z'): the form every stored timestamp takes. */
export function nowIso(): string {
	return new Date().toISOString();
}

export function todayInUk(now: Date = new Date()): string {
	return UK_ISO_DAY.format(now);
}

export type ParsedDate = { ok: true; iso: string } | { ok: false; reason: string };

/**
 * Reads a date as UK people type it: '31/03/2026', '31/3/2026', '31-03-2026', '31.03.2026', or ISO
 * '2026-03-31'. Day first always (UK convention); two-digit years are refused rather than guessed.
 */
export function parseDateInput(input: string): ParsedDate {
	const text = input.trim();
	let y: number, m: number, d: number;
	let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
	if (match) {
		[y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
	} else if ((match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})$/.exec(text))) {
		if (match[3]!.length !== 4)
			return { ok: false, reason: `'${quoted(text)}' needs a four-digit year, like 31/03/2027` };
		[d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
	} else {
		return { ok: false, reason: `'${quoted(text)}' is not a date, like 31/03/2027` };
	}
	const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
	if (!isValidIsoDate(iso)) return { ok: false, reason: `'${quoted(text)}' is not a real date` };
	return { ok: true, iso };
}

/** ISO date to the form's UK text: '2026-03-31' -> '31/03/2026'. */
export function isoToInput(iso: string | null | undefined): string {
	if (!iso) return '';
	const [y, m, d] = iso.slice(0, 10).split('-');
	return `${d}/${m}/${y}`;
}
