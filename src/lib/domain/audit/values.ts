/**
 * Values of an audit row in words: money, UK dates and times, yes/no, lists, and a readable fallback
 * for anything the field table does not know. Never JSON: a reader of the trail is an auditor or an
 * information-governance officer, not a developer.
 */
import { formatCount, formatPence } from '../money';
import { formatDate, isValidIsoDate } from '../dates';

/** What a blank value reads as. */
export const NOT_SET = 'not set';

/** The names of records the trail refers to by id, resolved per organisation by the server. */
export type RefKind =
	| 'directorate'
	| 'serviceArea'
	| 'workstream'
	| 'system'
	| 'fundingSource'
	| 'user'
	| 'businessCase'
	| 'committeeReport'
	| 'organisation'
	| 'caseItem';
export type AuditNames = Partial<Record<RefKind, Record<string, string>>>;

/** What a field's wording may need beyond its value: the names of records and the row it is on. */
export interface FieldContext {
	names: AuditNames;
	entity: string;
	entityId: string | null;
}

const UK_TIME = new Intl.DateTimeFormat('en-GB', {
	timeZone: 'Europe/London',
	day: 'numeric',
	month: 'long',
	year: 'numeric',
	hour: '2-digit',
	minute: '2-digit',
	hourCycle: 'h23'
});

/** '2026-12-05T14:03:09.123Z' -> '5 December 2026, 14:03' in UK local time (GMT or BST as it was then). */
export function formatTimestamp(iso: string): string {
	const d = new Date(iso);
	if (Number.isNaN(d.getTime())) return iso;
	const part = (type: Intl.DateTimeFormatPartTypes) =>
		UK_TIME.formatToParts(d).find((p) => p.type === type)?.value ?? '';
	return `${part('day')} ${part('month')} ${part('year')}, ${part('hour')}:${part('minute')}`;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** True for text an ISO date or timestamp would show as, so no reader ever sees one. */
export function looksLikeIsoDate(text: string): boolean {
	return ISO_DATE.test(text) || ISO_TIME.test(text);
}

/** 'annualRunCostPence' -> 'Annual run cost pence'; 'approved_with_conditions' -> 'Approved with conditions'. */
export function humanise(key: string): string {
	const words = key
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.replace(/[_-]+/g, ' ')
		.trim()
		.toLowerCase();
	return words ? words[0]!.toUpperCase() + words.slice(1) : key;
}

/** A long piece of writing, cut to a line an auditor can scan; the CSV export keeps all of it. */
export function clipText(text: string, max = 160): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length <= max
		? flat
		: `${flat.slice(0, max)}… (${formatCount(flat.length)} characters)`;
}

export const quoted = (text: string) => `‘${clipText(text)}’`;

export const pence = (v: unknown) => (typeof v === 'number' ? formatPence(v) : anyValue(v));
export const date = (v: unknown) =>
	typeof v === 'string' && isValidIsoDate(v.slice(0, 10))
		? v.length > 10
			? formatTimestamp(v)
			: formatDate(v)
		: anyValue(v);
export const count = (v: unknown) => (typeof v === 'number' ? formatCount(v) : anyValue(v));
export const yesNo = (v: unknown) => (typeof v === 'boolean' ? (v ? 'Yes' : 'No') : anyValue(v));
export const text = (v: unknown) =>
	typeof v === 'string' ? (v.trim() ? clipText(v) : NOT_SET) : anyValue(v);

/** A value from one of the domain's fixed lists, in the words the app shows; an old or unknown one humanised. */
export function labelled(labels: Record<string, string>) {
	return (v: unknown) =>
		typeof v === 'string' && v in labels
			? labels[v]!
			: typeof v === 'string' && v
				? humanise(v)
				: anyValue(v);
}

/** A record named by id: its name in this organisation, else said plainly that it is gone. */
export function named(kind: RefKind, names: AuditNames, what: string) {
	return (v: unknown) => {
		if (v == null || v === '') return NOT_SET;
		const name = names[kind]?.[String(v)];
		if (name) return name;
		// The server names only the reader's own organisation; any other is not theirs to read.
		return kind === 'organisation' ? 'another organisation' : `a ${what} since removed`;
	};
}

/**
 * Any value at all, read out: the fallback for fields the table does not know. Objects become
 * 'Label: value; Label: value' with humanised labels, lists are joined, dates are UK dates.
 */
export function anyValue(v: unknown, depth = 0): string {
	if (v === null || v === undefined || v === '') return NOT_SET;
	if (typeof v === 'boolean') return v ? 'Yes' : 'No';
	if (typeof v === 'number') return Number.isFinite(v) ? formatCount(v) : String(v);
	if (typeof v === 'string') {
		if (looksLikeIsoDate(v)) return v.length > 10 ? formatTimestamp(v) : formatDate(v);
		if (/^[a-z]+(_[a-z]+)+$/.test(v)) return humanise(v);
		return clipText(v);
	}
	if (Array.isArray(v))
		return v.length === 0 ? 'none' : v.map((x) => anyValue(x, depth + 1)).join('; ');
	if (typeof v === 'object') {
		if (depth > 2) return 'details in the CSV export';
		const entries = Object.entries(v as Record<string, unknown>).filter(
			([, x]) => x !== '' && x != null
		);
		if (entries.length === 0) return NOT_SET;
		return entries
			.map(([k, x]) => `${humanise(k.replace(/Id$/, ''))} ${anyValue(x, depth + 1)}`)
			.join(', ');
	}
	return String(v);
}
