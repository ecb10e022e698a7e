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
export function readValueMappingParams(
	params: URLSearchParams | FormData
): ValueMapping | undefined {
	if (!params.has('vk0')) return undefined;
	const values = new Map<string, string>();
	for (let i = 0; i < VALUE_MAPPING_LIMIT && params.has(`vk${i}`); i++) {
		const key = String(params.get(`vk${i}`) ?? '');
		const chosen = String(params.get(`vv${i}`) ?? '');
		const set = key.slice(0, key.indexOf(':'));
		if (!chosen || !isValueSet(set)) continue;
		const code = chosen === BLANK ? '' : chosen;
		if (allowed(set, code) && key === valueKey(set, key.slice(set.length + 1)))
			values.set(key, code);
	}
	return values;
}

/** How each value is read, as the preview's forms and links carry it (vk0/vv0 pairs; '-' is blank, '' not mapped). */
export function valueMappingParams(values: readonly UnknownValue[]): [string, string][] {
	return values.flatMap((v, i): [string, string][] => [
		[`vk${i}`, v.key],
		[`vv${i}`, v.mapped === undefined ? '' : v.mapped || BLANK]
	]);
}

/** The sets whose answers are remembered with the values (the table also holds the name answers, ./name-choices). */
export const VALUE_SETS = Object.keys(VOCABULARIES) as ValueSet[];

/** A remembered mapping as stored (import_value_mapping: set, the value's words, code), keeping only answers that are still valid. */
export function valueMappingOf(
	saved: readonly { set: string; key: string; value: string }[]
): ValueMapping {
	const values = new Map<string, string>();
	for (const { set, key, value } of saved)
		if (isValueSet(set) && allowed(set, value) && key === valueWords(key))
			values.set(`${set}:${key}`, value);
	return values;
}

/** What to remember after a commit: how each of the file's values was read (null: no longer mapped, the officer undid it). */
export function valueMappingToSave(
	used: readonly UnknownValue[]
): { set: string; key: string; value: string | null }[] {
	return used.map((v) => ({
		set: v.set,
		key: v.key.slice(v.set.length + 1),
		value: v.mapped ?? null
	}));
}

/** Told of each value not known out of the box, with what the organisation mapped it to (undefined: not mapped). */
export type ValueSeen = (set: ValueSet, text: string, mapped: string | undefined) => void;

/** A value of a set: known out of the box, else as the organisation mapped it ('' for blank), else null (`seen` is told). */
export function resolveValue(
	set: ValueSet,
	text: string,
	values: ValueMapping,
	seen?: ValueSeen
): string | null {
	const known = valueOf(set, text);
	if (known) return known;
	const mapped = mappedValue(values, set, text);
	seen?.(set, text, mapped);
	return mapped ?? null;
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
		} else if (this.values.size < VALUE_MAPPING_LIMIT)
			this.values.set(key, { set, key, text, rows: 1, mapped, lastRow: row });
	}

	/** Most used first, so the values that reject most rows are mapped first. */
	list(): UnknownValue[] {
		return [...this.values.values()]
			.map(({ lastRow: _, ...v }) => v)
			.sort((a, b) => b.rows - a.rows || a.key.localeCompare(b.key));
	}
}
