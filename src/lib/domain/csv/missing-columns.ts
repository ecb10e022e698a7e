/**
 * Fields a new system must have that the file has no column for at all (hosting, criticality,
 * personal data): the officer sets one value for every new system in the import, on the preview.
 * Never applied to an update (an existing system keeps its own), nor to a blank cell of a column the
 * file has (that row is refused as before). Until a value is chosen, each new system needing it is
 * refused with one reason that points at the choice. The values offered are the domain's own lists.
 */
import type { SystemInput, SystemFormField } from '../systems/system-form';
import type { Mapping } from './mapping';
import { IMPORT_FIELD_LABEL } from './mapping';
import { VOCABULARIES } from './value-words';
import { REQUIRED_FOR_NEW } from './rows';

export const WHOLE_IMPORT_FIELDS = [
	'hosting',
	'criticality',
	'personalData'
] as const satisfies readonly (SystemFormField & keyof typeof VOCABULARIES)[];
export type WholeImportField = (typeof WHOLE_IMPORT_FIELDS)[number];
export type WholeImportValues = Partial<Record<WholeImportField, string>>;

/** What the preview's heading says, so a refusal can point at it. */
export const MISSING_HEADING = 'Columns your file does not have';

/** The parameter that carries a field's value for every new system. */
export const wholeImportParam = (field: WholeImportField) => `all-${field}`;

/** The values a field may take, from the domain's own list (archived is never a choice). */
export function wholeImportOptions(field: WholeImportField): { code: string; label: string }[] {
	const v = VOCABULARIES[field];
	return (v.codes as readonly string[]).map((code) => ({
		code,
		label: (v.labels as Record<string, string>)[code]!
	}));
}

const allowed = (field: WholeImportField, code: string) =>
	(VOCABULARIES[field].codes as readonly string[]).includes(code);

/** Reads the values chosen on the preview; anything not in the field's list is ignored. */
export function readWholeImportParams(params: URLSearchParams | FormData): WholeImportValues {
	const values: WholeImportValues = {};
	for (const field of WHOLE_IMPORT_FIELDS) {
		const code = String(params.get(wholeImportParam(field)) ?? '');
		if (allowed(field, code)) values[field] = code;
	}
	return values;
}

/** A field the file has no column for, with how many new systems need it and the value chosen. */
export interface MissingColumn {
	field: WholeImportField;
	label: string;
	rows: number;
	value: string | undefined;
}

/** The values as the preview's forms and links carry them. */
export function wholeImportParamsOf(missing: readonly MissingColumn[]): [string, string][] {
	return missing.flatMap((m): [string, string][] =>
		m.value ? [[wholeImportParam(m.field), m.value]] : []
	);
}

/** Applies the chosen values to new systems. */
export class NewSystemValues {
	private readonly absent: WholeImportField[];

	constructor(
		mapping: Mapping,
		private readonly values: WholeImportValues
	) {
		this.absent = WHOLE_IMPORT_FIELDS.filter(
			(f) => REQUIRED_FOR_NEW.includes(f) && !mapping.includes(f)
		);
	}

	/**
	 * A new system's record with the chosen values for the columns the file lacks, and the fields
	 * still without one (the row is refused until they are chosen); `covered` lists both, which the
	 * plan's own 'a new system needs' check then leaves alone. `given`: what the row gives.
	 */
	fill(
		input: SystemInput,
		given: ReadonlySet<SystemFormField>
	): { input: SystemInput; unchosen: WholeImportField[]; covered: readonly SystemFormField[] } {
		if (this.absent.length === 0) return { input, unchosen: [], covered: [] };
		let filled = input;
		const unchosen: WholeImportField[] = [];
		const covered: SystemFormField[] = [];
		for (const field of this.absent) {
			if (given.has(field)) continue;
			covered.push(field);
			const value = this.values[field];
			if (value === undefined) unchosen.push(field);
			else filled = { ...filled, [field]: value };
		}
		return { input: filled, unchosen, covered };
	}

	/** The reason a new system is refused while a value is not chosen. */
	static reason(unchosen: readonly WholeImportField[]): { column: string; reason: string } {
		const labels = unchosen.map((f) => IMPORT_FIELD_LABEL[f]).join(', ');
		return {
			column: labels,
			reason: `Your file has no ${labels} column: choose a value for every new system under ‘${MISSING_HEADING}’ on this page`
		};
	}

	/**
	 * The columns the file lacks, for the preview, each with how many new systems need it: every
	 * distinct new system the file names (`newSystems`, counted by the plan: rows refused for other
	 * reasons included, a repeated row once), as the file has no column for it at all. Listed when some
	 * new system needs it, a value is chosen, or some rows were refused before their name was known.
	 */
	list(newSystems: number, someRefused = false): MissingColumn[] {
		return this.absent
			.filter((field) => someRefused || newSystems > 0 || this.values[field] !== undefined)
			.map((field) => ({
				field,
				label: IMPORT_FIELD_LABEL[field],
				rows: newSystems,
				value: this.values[field]
			}));
	}

	/** What the plan's fingerprint must cover. */
	fingerprint(): unknown {
		return this.absent.map((f) => [f, this.values[f] ?? null]);
	}
}
