/**
 * The public version of a report: what may be published and read in open session.
 */
import type { ReportContent } from './report-content';

export const WITHHELD = '[exempt: withheld]';

const LETTER_OR_NUMBER = /[\p{L}\p{N}]/u;
const MARK = /\p{M}/u;

/**
 * One character as matching sees it: compatibility forms unified (NFKC: full-width letters,
 * ligatures), case folded (upper then lower, so 'ß' and 'SS' meet), accents dropped. What is not a
 * letter or number (every kind of space, dash, punctuation, zero-width and soft hyphen) folds to
 * nothing, so text pasted from Word matches the name as typed in the catalogue.
 */
function fold(char: string): string {
	const folded = char.normalize('NFKC').toUpperCase().toLowerCase().normalize('NFKD');
	let kept = '';
	for (const c of folded) if (LETTER_OR_NUMBER.test(c)) kept += c;
	return kept;
}

/** The letters and numbers of `text`, folded, with where each came from in `text` (UTF-16 offsets). */
interface Projection {
	letters: string;
	/** For each UTF-16 unit of `letters`: the span of `text` it came from; a following accent joins the span. */
	start: number[];
	end: number[];
}

function project(text: string): Projection {
	const p: Projection = { letters: '', start: [], end: [] };
	let at = 0;
	for (const char of text) {
		const next = at + char.length;
		const folded = fold(char);
		if (folded) {
			p.letters += folded;
			for (let i = 0; i < folded.length; i++) {
				p.start.push(at);
				p.end.push(next);
			}
		} else if (MARK.test(char) && p.end.length > 0 && p.end[p.end.length - 1] === at) {
			// A combining accent belongs to the letter before it: withhold it with that letter.
			for (let i = p.end.length - 1; i >= 0 && p.end[i] === at; i--) p.end[i] = next;
		}
		at = next;
	}
	return p;
}

/** True when the character at `i` (or the one ending just before `i`) is a letter or number: a match there would cut a word. */
const letterAt = (text: string, i: number) =>
	i >= 0 && i < text.length && LETTER_OR_NUMBER.test(String.fromCodePoint(text.codePointAt(i)!));
const letterBefore = (text: string, i: number) =>
	i > 0 &&
	(letterAt(text, i - 1) || (i > 1 && letterAt(text, i - 2) && text.codePointAt(i - 2)! > 0xffff));

/**
 * Withholds every exempt term in `text`: each term and the text are compared by their folded
 * letters and numbers alone, and a match must start and end at a word's edge (so 'BT' is withheld
 * and 'BTEC' is not). What is replaced is the text as written, invisible characters and all.
 * Terms are tried longest first; with no letters or numbers a term withholds nothing.
 */
export function withholdTerms(text: string, foldedTerms: readonly string[]): string {
	if (foldedTerms.length === 0 || text === '') return text;
	const p = project(text);
	const taken: [number, number][] = [];
	for (const term of foldedTerms) {
		for (
			let from = p.letters.indexOf(term);
			from !== -1;
			from = p.letters.indexOf(term, from + 1)
		) {
			const [start, end] = [p.start[from]!, p.end[from + term.length - 1]!];
			if (letterBefore(text, start) || letterAt(text, end)) continue;
			if (taken.some(([s, e]) => start < e && s < end)) continue;
			taken.push([start, end]);
		}
	}
	if (taken.length === 0) return text;
	taken.sort((a, b) => a[0] - b[0]);
	let out = '';
	let at = 0;
	for (const [start, end] of taken) [out, at] = [out + text.slice(at, start) + WITHHELD, end];
	return out + text.slice(at);
}

/** The terms as matching compares them: folded, empty ones dropped, duplicates once, longest first. */
export function foldTerms(terms: readonly string[]): string[] {
	return [...new Set(terms.map((t) => project(t).letters).filter((t) => t.length > 0))].sort(
		(a, b) => b.length - a.length || (a < b ? -1 : 1)
	);
}

/**
 * The public version: the exempt annex removed (not flagged), and every supplier name in `exemptTerms`
 * withheld wherever else it was typed (a narrative or a risk may name one), however it was spaced,
 * dashed, cased or pasted, so neither is in its bytes.
 */
export function publicVersion(
	content: ReportContent,
	exemptTerms: readonly string[]
): ReportContent {
	const terms = foldTerms([...exemptTerms, ...(content.annex?.suppliers ?? [])]);
	const scrub = (value: unknown): unknown => {
		if (typeof value === 'string') return withholdTerms(value, terms);
		if (Array.isArray(value)) return value.map(scrub);
		if (value !== null && typeof value === 'object')
			return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v)]));
		return value;
	};
	return scrub({ ...content, annex: null, exemptAnnexWithheld: true }) as ReportContent;
}
