/**
 * A decision (or an issue) is about exactly what the decider was shown. The page that asks for it
 * carries two hidden fields: the fingerprint, the SHA-256 of the exact content shown (the same
 * canonical JSON hash that freezing stores), and the same content as labelled lines in words and
 * pounds. The server recomputes the fingerprint inside the transaction that would record the
 * decision and refuses when it differs; the lines only say what changed. They come back from the
 * browser, so they are never trusted for anything else: a tampered copy can only mislabel the
 * 'when you opened it' column for the person who tampered with it.
 */
import type { ChangeRow } from '../forms/form-conflict';
import { formatPence, isExactPence, MAX_AMOUNT_PENCE } from '../money';

/** Labelled lines ('Cost in scope: Case Management, 2026/27 capital' -> '£500,000.00'), in reading order. */
export type FigureLines = Record<string, string>;

/** What the decider was shown, as posted back by the form. */
export interface Seen {
	/** Lower-case hex SHA-256, or '' when missing or malformed (then it never matches). */
	fingerprint: string;
	lines: FigureLines | null;
}

export const FINGERPRINT_FIELD = 'fingerprint';
export const SEEN_LINES_FIELD = 'seenLines';

/** Long text is shown (and compared line by line) by its first characters and its length; the fingerprint covers it all. */
export const LINE_TEXT_CHARS = 160;
/** More lines than this are not read back (a form is never that long; a crafted one is refused). */
export const MAX_SEEN_LINES = 5_000;

/** A text value as one line: whitespace collapsed, long text cut with its length said. */
export function clip(text: string): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length <= LINE_TEXT_CHARS
		? flat
		: `${flat.slice(0, LINE_TEXT_CHARS)}… (${flat.length.toLocaleString('en-GB')} characters)`;
}

/**
 * Collects lines in order; a label met again gets ' (2)', ' (3)' so no line hides another.
 * `addFigures` adds a line of money and notes its label in `tooLarge` when any of its figures is
 * too large to show (a total past 2^53 pence, money.ts checkedPence).
 */
export function lineBook() {
	const lines: FigureLines = {};
	const tooLarge: string[] = [];
	const add = (label: string, value: string): string => {
		let key = label;
		for (let n = 2; Object.hasOwn(lines, key); n++) key = `${label} (${n})`;
		lines[key] = value;
		return key;
	};
	const addFigures = (label: string, value: string, pence: readonly number[]) => {
		const key = add(label, value);
		if (pence.some((p) => !isExactPence(p))) tooLarge.push(key);
	};
	return { lines, tooLarge, add, addFigures };
}

/**
 * Why a record cannot be frozen with figures too large to show (`labels`, from lineBook's
 * `tooLarge`). A frozen record keeps its figures for ever, and 'too large to show' is not a figure:
 * no council's programme comes near £90 trillion, so such a total comes from amounts entered
 * before every amount was capped, which must be corrected first. Names at most five figures.
 */
export function tooLargeToFreeze(record: string, labels: readonly string[]): string {
	const named =
		labels.slice(0, 5).join('; ') + (labels.length > 5 ? `; and ${labels.length - 5} more` : '');
	return `${record} cannot hold a figure that is too large to show (a total past £90 trillion, where no single amount may be more than ${formatPence(MAX_AMOUNT_PENCE)}): ${named}. Correct the amounts behind it, then try again.`;
}

/** The fingerprint and lines as the form posted them; anything malformed reads as absent. */
export function readSeen(form: FormData): Seen {
	const raw = form.get(FINGERPRINT_FIELD);
	const fingerprint = typeof raw === 'string' && /^[0-9a-f]{64}$/.test(raw) ? raw : '';
	return { fingerprint, lines: parseLines(form.get(SEEN_LINES_FIELD)) };
}

function parseLines(raw: FormDataEntryValue | null): FigureLines | null {
	if (typeof raw !== 'string' || raw === '') return null;
	try {
		const parsed: unknown = JSON.parse(raw);
		if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
		const entries = Object.entries(parsed as Record<string, unknown>);
		if (entries.length > MAX_SEEN_LINES || entries.some(([, v]) => typeof v !== 'string'))
			return null;
		return Object.fromEntries(entries) as FigureLines;
	} catch {
		return null; // a truncated or tampered copy only loses the 'when you opened it' column
	}
}

/**
 * The lines that differ, as rows of the shared conflict table: every line of `now` whose value
 * moved, then the lines that are gone. A line missing on one side reads '(none)'. Without the
 * lines as opened (`before` null), nothing can be compared: the caller says so instead.
 */
export function changedLines(before: FigureLines | null, now: FigureLines): ChangeRow[] {
	if (!before) return [];
	const value = (lines: FigureLines, label: string) =>
		Object.hasOwn(lines, label) ? lines[label]! : '(none)';
	const row = (label: string): ChangeRow => ({
		field: label,
		label,
		before: value(before, label),
		saved: value(now, label),
		yours: null
	});
	return [
		...Object.keys(now).filter((l) => value(before, l) !== now[l]),
		...Object.keys(before).filter((l) => !Object.hasOwn(now, l))
	].map(row);
}
