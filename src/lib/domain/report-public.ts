/**
 * The public version of a report: what may be published and read in open session.
 */
import type { ReportContent } from './report';

export const WITHHELD = '[exempt: withheld]';

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The public version: the exempt annex removed (not flagged), and every supplier name in `exemptTerms`
 * replaced wherever else it was typed (a narrative or a risk may name one), so neither is in its bytes.
 * Terms match whole words, case-insensitively, longest first.
 */
export function publicVersion(content: ReportContent, exemptTerms: readonly string[]): ReportContent {
	const terms = [...new Set([...exemptTerms, ...(content.annex?.suppliers ?? [])].map((t) => t.trim()).filter((t) => t.length > 0))].sort((a, b) => b.length - a.length);
	const pattern = terms.length === 0 ? null : new RegExp(`(?<![\\p{L}\\p{N}])(?:${terms.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
	const scrub = (value: unknown): unknown => {
		if (typeof value === 'string') return pattern ? value.replace(pattern, WITHHELD) : value;
		if (Array.isArray(value)) return value.map(scrub);
		if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v)]));
		return value;
	};
	return scrub({ ...content, annex: null, exemptAnnexWithheld: true }) as ReportContent;
}

