/**
 * The names a file may give that the organisation does not have yet (directorates, service areas,
 * workstreams): the sets, how a name is matched, the officer's answers, what the preview lists and
 * what the commit creates. The shapes only: ./reference-names resolves a file's names with them.
 */
import { TEXT_LIMITS, textProblem } from '../forms/form-text';

export const NAME_SETS = ['directorate', 'serviceArea', 'workstream'] as const;
export type NameSet = (typeof NAME_SETS)[number];
export const NAME_SET_LABEL: Record<NameSet, string> = {
	directorate: 'Directorate',
	serviceArea: 'Service area',
	workstream: 'Workstream'
};

/** At most this many new names are listed (and created) per file; rows naming more are refused. */
export const NAME_LIMIT = 200;

/** What the preview's heading says, so a refusal can point at it. */
export const NAMES_HEADING = 'Names not known yet';

/** A name as it is matched: trimmed, any case. */
export const nameWords = (text: string) => text.trim().toLowerCase();
export const nameKey = (set: NameSet, text: string) => `${set}:${nameWords(text)}`;

/** The officer's answer for a name: create it, or the id of the existing record it means. */
export type NameChoice = 'create' | number;

/** A new service area's directorate: an existing directorate's id, or the key of one this import creates. */
export type DirectorateRef = number | string;

export interface NameChoices {
	/** Name key -> answer; a name with none is created. */
	choices: ReadonlyMap<string, NameChoice>;
	/** Name key -> the name as the preview listed it (the spelling a created record takes). */
	spelling: ReadonlyMap<string, string>;
	/** New service area's key -> its directorate. */
	directorates: ReadonlyMap<string, DirectorateRef>;
}

export const NO_NAME_CHOICES: NameChoices = {
	choices: new Map(),
	spelling: new Map(),
	directorates: new Map()
};

export interface ExistingNames {
	directorates: readonly { id: number; name: string }[];
	serviceAreas: readonly { id: number; name: string; directorateId: number }[];
	workstreams: readonly { id: number; name: string }[];
}

/** A name the organisation does not have, as the preview lists it. */
export interface UnknownName {
	set: NameSet;
	key: string;
	/** As the preview lists it (else as the file first spells it). */
	text: string;
	/** Rows naming it. */
	rows: number;
	choice: NameChoice;
	/** A service area to create: its directorate, when decided; else null. */
	directorate: DirectorateRef | null;
	/** A service area to create: the directorates the rows naming it give (one when they agree). */
	rowDirectorates: DirectorateRef[];
	/** Whether an imported row uses it (only such names are created). */
	used: boolean;
}

/** A record the commit creates, in the order it must: directorates, then service areas, then workstreams. */
export interface NewRecord {
	set: NameSet;
	key: string;
	/** The placeholder the plan uses for it. */
	placeholder: number;
	name: string;
	/** A service area's directorate: an existing id or a placeholder. */
	directorateId: number | null;
}

export type NameRead = { ok: true; id: number } | { ok: false; reason: string };

/**
 * The answers a first plan leaves to the rows: each new service area with no directorate yet whose
 * rows all give the same one takes it; one whose rows give none takes the organisation's only
 * directorate, when it has exactly one (the officer may still choose another on the preview); every
 * other name keeps its answer. Null when there is none to add (no second plan is needed).
 */
export function choicesFromRows(
	names: readonly UnknownName[],
	existing?: Pick<ExistingNames, 'directorates'>
): NameChoices | null {
	const only = existing?.directorates.length === 1 ? existing.directorates[0]!.id : null;
	const rowsGive = (n: UnknownName): DirectorateRef | null =>
		n.rowDirectorates.length === 1
			? n.rowDirectorates[0]!
			: n.rowDirectorates.length === 0
				? only
				: null;
	const agreed = names.filter(
		(n) =>
			n.set === 'serviceArea' &&
			n.choice === 'create' &&
			n.directorate === null &&
			rowsGive(n) !== null
	);
	if (agreed.length === 0) return null;
	const directorates = new Map<string, DirectorateRef>();
	for (const n of names) if (n.directorate !== null) directorates.set(n.key, n.directorate);
	for (const n of agreed) directorates.set(n.key, rowsGive(n)!);
	return {
		choices: new Map(names.map((n) => [n.key, n.choice])),
		spelling: new Map(names.map((n) => [n.key, n.text])),
		directorates
	};
}

/** Whether a name may become a record: not blank, past the text rule and within the length of a name. */
export function isNameText(text: string): boolean {
	const t = text.trim();
	return t.length > 0 && t.length <= TEXT_LIMITS.name && textProblem(t, 'line') === null;
}
