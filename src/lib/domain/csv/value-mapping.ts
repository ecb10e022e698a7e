/**
 * An organisation's own answers for values the import did not recognise: 'Tier 1' is Critical,
 * 'TBC' is blank. Keyed by value set and the value's words (./value-words), so 'tier-1' and
 * 'Tier 1' are one value. Read from the preview's form, remembered per organisation, applied next time.
 */
import { VOCABULARIES, valueOf, valueWords, type ValueSet } from './value-words';

/** What a value is mapped to: one of the set's codes, or '' for a blank cell. */
export type ValueMapping = ReadonlyMap<string, string>;

/** The form's word for 'treat as a blank cell' ('' in a select means 'not mapped'). */
export const BLANK = '-';

/** At most this many values are mapped at once (the preview lists no more). */
export const VALUE_MAPPING_LIMIT = 200;

/** A distinct value a file uses that is not known out of the box, with how many rows use it and its mapping. */
export interface UnknownValue {
	set: ValueSet;
	/** valueKey(set, text): what the preview's form sends back. */
	key: string;
	/** As the file first spells it. */
	text: string;
	rows: number;
	/** The organisation's mapping: a code, '' for blank, or undefined when not mapped (rows using it are rejected). */
	mapped: string | undefined;
}

export const valueKey = (set: ValueSet, text: string) => `${set}:${valueWords(text)}`;

const isValueSet = (s: string): s is ValueSet => Object.hasOwn(VOCABULARIES, s);

/** Whether `code` may be what a value of `set` is mapped to ('' is blank). */
function allowed(set: ValueSet, code: string): boolean {
	return code === '' || (VOCABULARIES[set].codes as readonly string[]).includes(code);
}

/** The mapping for a value of a set, or undefined when the organisation has not mapped it. */
export function mappedValue(values: ValueMapping, set: ValueSet, text: string): string | undefined {
	return values.get(valueKey(set, text));
}

/** Reads the preview form's pairs (vk0 = 'hosting:tier 1', vv0 = 'saas' or '-'); undefined when the form has none. */
export function readValueMappingParams(params: URLSearchParams | FormData): ValueMapping | undefined {
	if (!params.has('vk0')) return undefined;
	const values = new Map<string, string>();
	for (let i = 0; i < VALUE_MAPPING_LIMIT && params.has(`vk${i}`); i++) {
		const key = String(params.get(`vk${i}`) ?? '');
		const chosen = String(params.get(`vv${i}`) ?? '');
		const set = key.slice(0, key.indexOf(':'));
		if (!chosen || !isValueSet(set)) continue;
		const code = chosen === BLANK ? '' : chosen;
		if (allowed(set, code) && key === valueKey(set, key.slice(set.length + 1))) values.set(key, code);
	}
	return values;
}

/** The mapping as stored: sorted pairs, so the same mapping is always the same text (and plan fingerprint). */
export function valueMappingJson(values: ValueMapping): string {
	return JSON.stringify([...values.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Reads a stored mapping, keeping only pairs that are still valid. */
export function parseValueMappingJson(json: string | undefined): ValueMapping {
	const values = new Map<string, string>();
	let pairs: unknown;
	try {
		pairs = json ? JSON.parse(json) : [];
	} catch {
		return values;
	}
	if (!Array.isArray(pairs)) return values;
	for (const pair of pairs) {
		if (!Array.isArray(pair) || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') continue;
		const set = pair[0].slice(0, pair[0].indexOf(':'));
		if (isValueSet(set) && allowed(set, pair[1])) values.set(pair[0], pair[1]);
	}
	return values;
}

/** Told of each value not known out of the box, with what the organisation mapped it to (undefined: not mapped). */
export type ValueSeen = (set: ValueSet, text: string, mapped: string | undefined) => void;

/** A value of a set: known out of the box, else as the organisation mapped it ('' for blank), else null (`seen` is told). */
export function resolveValue(set: ValueSet, text: string, values: ValueMapping, seen?: ValueSeen): string | null {
	const known = valueOf(set, text);
	if (known) return known;
	const mapped = mappedValue(values, set, text);
	seen?.(set, text, mapped);
	return mapped ?? null;
}

/**
 * The organisation's saved mapping after an import that read `used` values: each one's answer is
 * remembered, a value the officer set back to 'not recognised' is forgotten, the others are kept.
 */
export function rememberValues(saved: ValueMapping, used: readonly UnknownValue[]): ValueMapping {
	const next = new Map(saved);
	for (const v of used) {
		if (v.mapped === undefined) next.delete(v.key);
		else next.set(v.key, v.mapped);
	}
	return next;
}

/**
 * Counts each distinct value not known out of the box by the rows using it (a row using a value
 * twice counts once), up to VALUE_MAPPING_LIMIT values; `list` gives the most used first.
 */
export class UnknownValueTally {
	private readonly values = new Map<string, UnknownValue & { lastRow: number }>();

	/** Records that `row` uses the value. */
	see(row: number, set: ValueSet, text: string, mapped: string | undefined): void {
		const key = valueKey(set, text);
		const known = this.values.get(key);
		if (known) {
			if (known.lastRow !== row) known.rows++;
			known.lastRow = row;
		} else if (this.values.size < VALUE_MAPPING_LIMIT) this.values.set(key, { set, key, text, rows: 1, mapped, lastRow: row });
	}

	/** Most used first, so the values that reject most rows are mapped first. */
	list(): UnknownValue[] {
		return [...this.values.values()].map(({ lastRow: _, ...v }) => v).sort((a, b) => b.rows - a.rows || a.key.localeCompare(b.key));
	}
}
