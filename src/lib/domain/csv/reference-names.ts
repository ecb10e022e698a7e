/**
 * Directorates, service areas and workstreams a file names that the organisation does not have yet.
 * Each is listed once on the preview; the officer has it created (the default) or maps it to an
 * existing one. A name to create stands in the plan as a placeholder id (negative, never a real
 * row's), which the commit swaps for the id of the record it creates in the same transaction as the
 * import. A new service area needs a directorate: the one every row naming it agrees on, else the
 * officer's choice; until there is one, its rows are refused with a reason that points at the choice.
 */
import { TEXT_LIMITS, tooLongMessage } from '../forms/form-text';
import type { AuditNames } from '../audit/values';
import {
	NAME_LIMIT,
	NAME_SETS,
	NAME_SET_LABEL,
	NAMES_HEADING,
	nameKey,
	nameWords,
	type DirectorateRef,
	type NameRead,
	type NameSet,
	type NewRecord,
	type UnknownName
} from './name-sets';
import { ReferenceNameBook } from './reference-name-book';

export * from './name-sets';

const SET_ORDER = (set: NameSet) => NAME_SETS.indexOf(set);

/**
 * Resolves the names a file uses, for one plan (preview or commit): reads each directorate, service
 * area and workstream cell, notes which rows use which new name, and answers the plan with the
 * preview's list, the records to create and the fingerprint.
 */
export class ReferenceNames extends ReferenceNameBook {
	/**
	 * A directorate or service area cell (trimmed, not blank, already past the text rule): the id it
	 * means, or why the row cannot use it.
	 */
	read(set: 'directorate' | 'serviceArea', text: string): NameRead {
		const known = this.known[set].get(nameWords(text));
		if (known) return { ok: true, id: known.id };
		return this.readNew(set, text, true);
	}

	/** `count`: whether this is the row being read (each row counts once, when it is read, not again when it is planned). */
	protected readNew(set: NameSet, text: string, count: boolean): NameRead {
		const label = NAME_SET_LABEL[set];
		if (text.length > TEXT_LIMITS.name)
			return { ok: false, reason: tooLongMessage(`${label} name`, TEXT_LIMITS.name) };
		const entry = this.entry(set, text);
		if (!entry)
			return {
				ok: false,
				reason: `'${text}' is one new name too many: a file may name at most ${NAME_LIMIT} directorates, service areas and workstreams the organisation does not have`
			};
		if (count && entry.lastRow !== this.currentRow) {
			entry.rows++;
			entry.lastRow = this.currentRow;
		}
		const choice = this.choiceOf(entry);
		if (choice !== 'create') return { ok: true, id: choice };
		if (set === 'serviceArea') {
			const directorate = this.directorateOf(this.chosen.directorates.get(entry.key));
			if (directorate === null)
				return {
					ok: false,
					reason: `'${entry.text}' is a new service area: choose its directorate under ‘${NAMES_HEADING}’ on this page`
				};
			const id = this.placeholderOf(entry);
			this.serviceAreaDirectorate.set(id, directorate);
			return { ok: true, id };
		}
		return { ok: true, id: this.placeholderOf(entry) };
	}

	/**
	 * Notes which directorate a row gives beside a service area the organisation does not have: when
	 * every row naming it agrees, that is its directorate.
	 */
	noteRowDirectorate(serviceAreaText: string, directorateId: number | null): void {
		if (directorateId === null) return;
		const entry = this.entries.get(nameKey('serviceArea', serviceAreaText));
		if (!entry) return;
		const ref: DirectorateRef =
			directorateId < 0 ? this.byPlaceholder.get(directorateId)!.key : directorateId;
		if (!entry.rowDirectorates.includes(ref)) entry.rowDirectorates.push(ref);
	}

	/** The workstream a file's name (any case) means, as the organisation (or this import) spells it: what the planner looks workstreams up with. */
	readonly findWorkstream = (text: string): string | undefined => {
		const known = this.known.workstream.get(nameWords(text));
		if (known) return known.name;
		const read = this.readNew('workstream', text, false);
		if (!read.ok) return undefined;
		return read.id < 0 ? this.byPlaceholder.get(read.id)!.text : this.workstreamNames.get(read.id);
	};

	/** Counts the row being read against each workstream it names (the planner looks them up later, for the rows that pass). */
	noteWorkstreams(texts: readonly string[]): void {
		for (const text of texts)
			if (!this.known.workstream.has(nameWords(text))) this.readNew('workstream', text, true);
	}

	/**
	 * Marks the new records a planned change uses (only those are created): its directorate, service
	 * area (and that one's directorate) and workstreams, given as spelt.
	 */
	markUsed(
		directorateId: number | null,
		serviceAreaId: number | null,
		workstreams: readonly string[]
	): void {
		for (const id of [directorateId, serviceAreaId]) {
			if (id === null || id >= 0) continue;
			const entry = this.byPlaceholder.get(id)!;
			entry.used = true;
			const owner = entry.set === 'serviceArea' ? this.serviceAreaDirectorate.get(id)! : 0;
			if (owner < 0) this.byPlaceholder.get(owner)!.used = true;
		}
		for (const name of workstreams) {
			const id = this.workstreamIds.get(name);
			if (id !== undefined && id < 0) this.byPlaceholder.get(id)!.used = true;
		}
	}

	/** A record with each placeholder replaced by its name's key, for the plan's fingerprint (the record itself when it has none). */
	stableInput<T extends { directorateId: number | null; serviceAreaId: number | null }>(
		input: T
	): T | Record<string, unknown> {
		if ((input.directorateId ?? 0) >= 0 && (input.serviceAreaId ?? 0) >= 0) return input;
		return {
			...input,
			directorateId: this.stableId(input.directorateId),
			serviceAreaId: this.stableId(input.serviceAreaId)
		};
	}

	/** `names` (directorates and service areas by id) with those this import creates, marked '(new)', for describing an update. */
	withNewNames(names: AuditNames): AuditNames {
		const added: AuditNames = {
			directorate: { ...names.directorate },
			serviceArea: { ...names.serviceArea }
		};
		for (const [id, e] of this.byPlaceholder)
			if (e.set !== 'workstream') added[e.set]![String(id)] = `${e.text} (new)`;
		return { ...names, ...added };
	}

	/** Every name listed on the preview: directorates, then service areas, then workstreams, most rows first. */
	list(): UnknownName[] {
		return [...this.entries.values()]
			.filter((e) => e.rows > 0)
			.sort(
				(a, b) =>
					SET_ORDER(a.set) - SET_ORDER(b.set) ||
					b.rows - a.rows ||
					(a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
			)
			.map((e) => {
				const choice = this.choiceOf(e);
				const directorate =
					e.set === 'serviceArea' && choice === 'create' && e.placeholder !== null
						? this.refOf(this.serviceAreaDirectorate.get(e.placeholder))
						: null;
				return {
					set: e.set,
					key: e.key,
					text: e.text,
					rows: e.rows,
					choice,
					directorate,
					rowDirectorates: e.rowDirectorates,
					used: e.used
				};
			});
	}

	/** The records the commit creates: names to create that an imported row uses, parents first. */
	newRecords(): NewRecord[] {
		return [...this.byPlaceholder.values()]
			.filter((e) => e.used)
			.sort(
				(a, b) =>
					SET_ORDER(a.set) - SET_ORDER(b.set) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
			)
			.map((e) => ({
				set: e.set,
				key: e.key,
				placeholder: e.placeholder!,
				name: e.text,
				directorateId:
					e.set === 'serviceArea' ? this.serviceAreaDirectorate.get(e.placeholder!)! : null
			}));
	}

	/** What the plan's fingerprint must cover: every listed name's answer and what is created. */
	fingerprint(): unknown {
		return [
			this.list().map((n) => [n.key, n.text, n.choice, n.directorate, n.used]),
			this.newRecords().map((r) => [r.key, r.name, this.stableId(r.directorateId)])
		];
	}
}
