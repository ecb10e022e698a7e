/**
 * The officer's answers for names the organisation does not have (./name-sets), as the
 * preview's forms and links carry them and as they are remembered: nk0 = 'serviceArea:Early Help'
 * (the set and the name as listed), nv0 = 'new' or the id of the existing record it means, nd0 =
 * a new service area's directorate (an existing id, or 'directorate:<name>' for one this import creates).
 */
import { readWholeImportParams, type WholeImportValues } from './missing-columns';
import {
	NAME_LIMIT,
	NAME_SETS,
	isNameText,
	nameKey,
	nameWords,
	type DirectorateRef,
	type NameChoice,
	type NameChoices,
	type NameSet,
	type UnknownName
} from './name-sets';

const CREATE = 'new';
const isNameSet = (s: string): s is NameSet => (NAME_SETS as readonly string[]).includes(s);
const ID = /^[1-9]\d{0,15}$/;

function readDirectorateRef(value: string): DirectorateRef | undefined {
	if (ID.test(value)) return Number(value);
	const text = value.startsWith('directorate:') ? value.slice('directorate:'.length) : '';
	return isNameText(text) ? nameKey('directorate', text) : undefined;
}

/** Reads the preview's answers; undefined when the form or link has none. */
export function readNameChoiceParams(params: URLSearchParams | FormData): NameChoices | undefined {
	if (!params.has('nk0')) return undefined;
	const choices = new Map<string, NameChoice>();
	const spelling = new Map<string, string>();
	const directorates = new Map<string, DirectorateRef>();
	for (let i = 0; i < NAME_LIMIT && params.has(`nk${i}`); i++) {
		const listed = String(params.get(`nk${i}`) ?? '');
		const set = listed.slice(0, Math.max(0, listed.indexOf(':')));
		const text = listed.slice(set.length + 1).trim();
		if (!isNameSet(set) || !isNameText(text)) continue;
		const key = nameKey(set, text);
		spelling.set(key, text);
		const chosen = String(params.get(`nv${i}`) ?? '');
		if (chosen === CREATE) choices.set(key, 'create');
		else if (ID.test(chosen)) choices.set(key, Number(chosen));
		const directorate =
			set === 'serviceArea' ? readDirectorateRef(String(params.get(`nd${i}`) ?? '')) : undefined;
		if (directorate !== undefined) directorates.set(key, directorate);
	}
	return { choices, spelling, directorates };
}

/** The value a directorate choice is sent as. */
export const directorateParam = (ref: DirectorateRef | null): string =>
	ref === null ? '' : String(ref);

/** The answers as the preview's forms and links carry them, so the commit reads the names exactly as previewed. */
export function nameChoiceParams(names: readonly UnknownName[]): [string, string][] {
	return names.flatMap((n, i): [string, string][] => {
		const pairs: [string, string][] = [
			[`nk${i}`, `${n.set}:${n.text}`],
			[`nv${i}`, n.choice === 'create' ? CREATE : String(n.choice)]
		];
		if (n.set === 'serviceArea' && n.choice === 'create')
			pairs.push([`nd${i}`, directorateParam(n.directorate)]);
		return pairs;
	});
}

/** The answers the officer gave layered over the organisation's remembered ones (a name the form does not list keeps its remembered answer). */
export function withRemembered(
	remembered: NameChoices,
	given: NameChoices | undefined
): NameChoices {
	if (!given) return remembered;
	return {
		choices: new Map([...remembered.choices, ...given.choices]),
		spelling: given.spelling,
		directorates: given.directorates
	};
}

/** One remembered answer as stored (import_value_mapping): set, the name in lower case, the id it was mapped to. */
export interface SavedChoice {
	set: string;
	key: string;
	value: string;
}

/** The remembered mappings of names (to existing records; a name created needs none). */
export function rememberedNameChoices(saved: readonly SavedChoice[]): NameChoices {
	const choices = new Map<string, NameChoice>();
	for (const s of saved)
		if (isNameSet(s.set) && ID.test(s.value))
			choices.set(`${s.set}:${nameWords(s.key)}`, Number(s.value));
	return { choices, spelling: new Map(), directorates: new Map() };
}

/** What to remember after a commit: each listed name mapped (or, when it was created, no longer mapped). */
export function nameChoicesToSave(
	names: readonly UnknownName[]
): { set: string; key: string; value: string | null }[] {
	return names.map((n) => ({
		set: n.set,
		key: n.key.slice(n.set.length + 1),
		value: n.choice === 'create' ? null : String(n.choice)
	}));
}

/** Both kinds of answer this preview adds to the value mapping's: names, and values for every new system. */
export function readImportChoiceParams(params: URLSearchParams | FormData): {
	names: NameChoices | undefined;
	newSystemValues: WholeImportValues;
} {
	return { names: readNameChoiceParams(params), newSystemValues: readWholeImportParams(params) };
}
