/**
 * The book a file's names are resolved against: the organisation's directorates, service areas and
 * workstreams, each name the file uses that the organisation does not have (an entry, listed once),
 * the officer's answers, and the placeholder ids (negative, never a real row's) that stand for the
 * records to create. ReferenceNames (./reference-names) reads a file's cells with it.
 */
import {
	NAME_LIMIT,
	NO_NAME_CHOICES,
	nameKey,
	nameWords,
	type DirectorateRef,
	type ExistingNames,
	type NameChoice,
	type NameChoices,
	type NameSet
} from './name-sets';

export interface NameEntry {
	set: NameSet;
	key: string;
	text: string;
	rows: number;
	lastRow: number;
	placeholder: number | null;
	rowDirectorates: DirectorateRef[];
	used: boolean;
}

/**
 * `directorateIds`, `serviceAreaDirectorate`, `directorateNames` and `workstreamIds` are live: they
 * hold the existing records and gain each placeholder as it is made, so the row checks and the
 * staging see them.
 */
export class ReferenceNameBook {
	readonly directorateIds = new Set<number>();
	readonly serviceAreaDirectorate = new Map<number, number>();
	readonly directorateNames = new Map<number, string>();
	/** Workstream name as spelt -> id (a placeholder for one to create). */
	readonly workstreamIds = new Map<string, number>();
	/** The row being read or planned, so each name counts a row once. */
	currentRow = 0;
	protected readonly known: Record<NameSet, Map<string, { id: number; name: string }>> = {
		directorate: new Map(),
		serviceArea: new Map(),
		workstream: new Map()
	};
	protected readonly entries = new Map<string, NameEntry>();
	protected readonly byPlaceholder = new Map<number, NameEntry>();
	protected readonly existingIds: Record<NameSet, Set<number>> = {
		directorate: new Set(),
		serviceArea: new Set(),
		workstream: new Set()
	};
	protected readonly workstreamNames = new Map<number, string>();
	protected nextPlaceholder = -1;

	constructor(
		existing: ExistingNames,
		protected readonly chosen: NameChoices = NO_NAME_CHOICES
	) {
		for (const d of existing.directorates) this.addKnown('directorate', d.id, d.name);
		for (const a of existing.serviceAreas) this.addKnown('serviceArea', a.id, a.name);
		for (const w of existing.workstreams) this.addKnown('workstream', w.id, w.name);
		for (const d of existing.directorates) {
			this.directorateIds.add(d.id);
			this.directorateNames.set(d.id, d.name);
		}
		for (const a of existing.serviceAreas) this.serviceAreaDirectorate.set(a.id, a.directorateId);
		for (const w of existing.workstreams) {
			this.workstreamIds.set(w.name, w.id);
			this.workstreamNames.set(w.id, w.name);
		}
		// The names the preview listed, with the spelling it showed: a directorate chosen for a new service area may be one of them.
		for (const [key, text] of chosen.spelling) {
			const set = key.slice(0, key.indexOf(':')) as NameSet;
			if (!this.known[set].has(nameWords(text))) this.entry(set, text);
		}
	}

	protected addKnown(set: NameSet, id: number, name: string): void {
		this.existingIds[set].add(id);
		// Two service areas of one name (in two directorates): the file's name means the first, as before.
		if (!this.known[set].has(nameWords(name))) this.known[set].set(nameWords(name), { id, name });
	}

	protected entry(set: NameSet, text: string): NameEntry | null {
		const key = nameKey(set, text);
		let entry = this.entries.get(key);
		if (!entry) {
			if (this.entries.size >= NAME_LIMIT) return null;
			entry = {
				set,
				key,
				text: this.chosen.spelling.get(key) ?? text.trim(),
				rows: 0,
				lastRow: -1,
				placeholder: null,
				rowDirectorates: [],
				used: false
			};
			this.entries.set(key, entry);
		}
		return entry;
	}

	protected choiceOf(entry: NameEntry): NameChoice {
		const choice = this.chosen.choices.get(entry.key);
		// A mapping to a record that is not (or no longer) the organisation's counts as no answer.
		return typeof choice === 'number' && this.existingIds[entry.set].has(choice)
			? choice
			: 'create';
	}

	protected placeholderOf(entry: NameEntry): number {
		if (entry.placeholder !== null) return entry.placeholder;
		const id = this.nextPlaceholder--;
		entry.placeholder = id;
		this.byPlaceholder.set(id, entry);
		if (entry.set === 'directorate') {
			this.directorateIds.add(id);
			this.directorateNames.set(id, entry.text);
		}
		if (entry.set === 'workstream') this.workstreamIds.set(entry.text, id);
		return id;
	}

	/** A directorate chosen for a new service area, as an id (a placeholder for one this import creates), or null. */
	protected directorateOf(ref: DirectorateRef | undefined): number | null {
		if (ref === undefined) return null;
		if (typeof ref === 'number') return this.existingIds.directorate.has(ref) ? ref : null;
		const known = this.known.directorate.get(ref.slice(ref.indexOf(':') + 1));
		if (known) return known.id;
		const entry = this.entries.get(ref);
		if (!entry) return null;
		const choice = this.choiceOf(entry);
		return choice === 'create' ? this.placeholderOf(entry) : choice;
	}

	protected refOf(id: number | undefined): DirectorateRef | null {
		if (id === undefined) return null;
		return id < 0 ? this.byPlaceholder.get(id)!.key : id;
	}

	/** A key standing for a placeholder, so a plan's fingerprint does not depend on the order placeholders were made in. */
	stableId(id: number | null): number | string | null {
		return id !== null && id < 0 ? this.byPlaceholder.get(id)!.key : id;
	}
}
