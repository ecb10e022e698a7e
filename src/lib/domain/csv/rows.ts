/**
 * From parsed CSV cells to checked system records, row by row. Every problem is reported against its
 * row number (as the spreadsheet shows it: the heading is row 1), column and reason; nothing is
 * guessed. Uses papaparse's output with `dynamicTyping` off, so '007' stays '007'.
 */
import {
	parseSystemForm,
	EMPTY_SYSTEM_FORM,
	SYSTEM_TEXT_FIELDS,
	type SystemFormValues,
	type SystemInput,
	type SystemFormField
} from '../systems/system-form';
import { IMPORT_FIELD_LABEL, type Mapping } from './mapping';
import { textProblem, textProblemMessage } from '../forms/form-text';
import { allowedLabels } from './value-words';
import { resolveValue, type ValueMapping, type ValueSeen } from './value-mapping';
import type { NameRead, ReferenceNames } from './reference-names';
import { clearRefusal, isClearMarker } from './clear-marker';
import { readOutcomes, readReviewCell, type ImportedReview } from './review-cells';
import { isTotalsRow, totalsRowReason } from './totals-row';

export { readOutcomes, type ImportedReview } from './review-cells';

const NO_VALUES: ValueMapping = new Map();

export interface RowProblem {
	row: number;
	column: string;
	reason: string;
	/** The row's system name (or the cost line's system), when the row has one, to show beside its number. */
	name?: string;
}

export interface ImportRow {
	row: number;
	input: SystemInput;
	/** Which fields the file gives (an update leaves the others as they are). */
	given: ReadonlySet<SystemFormField>;
	workstreams: string[] | null;
	/** Null when the row records no review (no Outcomes column, or a blank cell). */
	review: ImportedReview | null;
}

export interface ImportContext {
	/** Directorate and service area names (lower case) -> ids, for the caller's organisation. */
	directorates: ReadonlyMap<string, number>;
	serviceAreas: ReadonlyMap<string, number>;
	directorateIds: ReadonlySet<number>;
	serviceAreaDirectorate: ReadonlyMap<number, number>;
	/** Names the organisation does not have, created or mapped as the officer chose (./reference-names); without it they are refused. */
	names?: ReferenceNames;
}

function knownName(
	context: ImportContext,
	field: 'directorate' | 'serviceArea',
	cell: string
): NameRead {
	const id = (field === 'directorate' ? context.directorates : context.serviceAreas).get(
		cell.toLowerCase()
	);
	return id == null
		? {
				ok: false,
				reason: `There is no ${field === 'directorate' ? 'directorate' : 'service area'} called '${cell}'`
			}
		: { ok: true, id };
}

/**
 * Undoes the export's formula guard (neutralise in write.ts): "'=Beta" was written for the text '=Beta',
 * and "note\n'=Beta" for 'note\n=Beta' (every line of a multi-line cell is guarded).
 */
export function unneutralise(cell: string): string {
	// Most cells have no apostrophe, and both guards begin with one: no regular expression for them (100,000 rows x 15 cells).
	if (!cell.includes("'")) return cell;
	const first = /^'+[=+\-@\t\r\n\0]/.test(cell) ? cell.slice(1) : cell;
	return first.replace(/(\r\n|\r|\n)'(?='*[=+\-@\t\0])/g, '$1');
}

export const TOTALS_ROW_REASON = totalsRowReason('system');

/** Import columns that may hold line breaks, as the form's text areas may. */
const MULTILINE_CELLS = new Set<string>(['description', 'statutoryDuties', 'outcomeReason']);

/** What a refused row is known by: enough to tell whether it names a new system (plan.ts counts them). */
export interface RowIdentity {
	name: string;
	externalRef: string | null;
}

type RowReader = (
	cells: readonly string[],
	rowNumber: number
) => { ok: true; row: ImportRow } | { ok: false; problems: RowProblem[]; identity: RowIdentity };

/**
 * A reader for rows under one mapping: the mapping is worked out once, so reading 100,000 rows
 * costs only the checks each cell needs. Each row's text goes through the same rules as the form.
 */
export function rowReader(
	mapping: Mapping,
	context: ImportContext,
	valueMapping: ValueMapping = NO_VALUES,
	seen?: ValueSeen
): RowReader {
	const columns = mapping.flatMap((field, index) =>
		field ? [{ field, index, label: IMPORT_FIELD_LABEL[field] }] : []
	);
	const given = new Set<SystemFormField>();
	const columnOf = new Map<string, string>();
	const systemField = new Map<string, SystemFormField>();
	for (const { field, label } of columns) {
		const target =
			field === 'directorate' ? 'directorateId' : field === 'serviceArea' ? 'serviceAreaId' : field;
		if ((SYSTEM_TEXT_FIELDS as readonly string[]).includes(target)) {
			given.add(target as SystemFormField);
			columnOf.set(target, label);
			systemField.set(field, target as SystemFormField);
		}
	}
	const nameIndex = mapping.indexOf('name');
	const refIndex = mapping.indexOf('externalRef');
	/** A cell read for what the row is known by: '' when absent or not plain text. */
	const plainCell = (cells: readonly string[], index: number) => {
		const cell = index < 0 ? '' : unneutralise((cells[index] ?? '').trim()).slice(0, 200);
		return cell && !textProblem(cell, 'line') ? cell : '';
	};
	const formContext = {
		directorateIds: context.directorateIds,
		serviceAreaDirectorate: context.serviceAreaDirectorate
	};

	return (cells, rowNumber) => {
		const problems: RowProblem[] = [];
		const values: SystemFormValues = { ...EMPTY_SYSTEM_FORM };
		let workstreams: string[] | null = null;
		let outcomesCell = '';
		let serviceAreaCell = '';
		if (context.names) context.names.currentRow = rowNumber;
		let notGiven: SystemFormField[] | null = null;
		const review: Omit<ImportedReview, 'outcomes'> = {
			reviewedOn: null,
			reviewer: null,
			rationale: null,
			status: null,
			targetDate: null,
			replacingWorkstream: null
		};
		const reviewProblems: RowProblem[] = [];
		// The name is read first so every problem of the row can carry it; a name with hidden characters is not repeated.
		const name = plainCell(cells, nameIndex);
		const problem = (column: string, reason: string, list = problems) =>
			list.push(
				name ? { row: rowNumber, column, reason, name } : { row: rowNumber, column, reason }
			);
		// A spreadsheet's totals row is not a system: read as one, it would become a system called 'Total'.
		if (isTotalsRow(name)) {
			problem(IMPORT_FIELD_LABEL.name, TOTALS_ROW_REASON);
			// Known by no name: it is not a new system waiting for a value (plan.ts counts those).
			return { ok: false, problems, identity: { name: '', externalRef: null } };
		}

		for (const { field, index, label } of columns) {
			const cell = unneutralise((cells[index] ?? '').trim());
			// Every cell passes the forms' text rule (form-text.ts) before it is read as anything.
			const bad = textProblem(cell, MULTILINE_CELLS.has(field) ? 'multiline' : 'line');
			if (bad) {
				problem(label, textProblemMessage(label, bad));
				continue;
			}
			// A blank cell says nothing (an update keeps the value); only the clear marker removes one (clear-marker.ts).
			const target = systemField.get(field);
			if (target && !cell) {
				(notGiven ??= []).push(target);
				continue;
			}
			if (target && isClearMarker(cell)) {
				const refused = clearRefusal(target);
				if (refused) problem(label, refused);
				continue;
			}
			switch (field) {
				case 'hosting':
				case 'criticality':
				case 'personalData':
				case 'lifecycle': {
					// A blank choice (or one the organisation mapped to blank) is not given: an update keeps the system's, and a new system must have it.
					const code = cell ? resolveValue(field, cell, valueMapping, seen) : '';
					if (code === '') (notGiven ??= []).push(field);
					if (code === '') break;
					if (!code) problem(label, `'${cell}' is not one of: ${allowedLabels(field).join(', ')}`);
					else if (code === 'archived') problem(label, 'Systems cannot be archived by import');
					else values[field] = code;
					break;
				}
				case 'directorate':
				case 'serviceArea': {
					if (!cell) break;
					const read = context.names?.read(field, cell) ?? knownName(context, field, cell);
					if (!read.ok) problem(label, read.reason);
					else
						values[field === 'directorate' ? 'directorateId' : 'serviceAreaId'] = String(read.id);
					if (field === 'serviceArea') serviceAreaCell = cell;
					break;
				}
				case 'workstreams':
					workstreams = cell
						? cell
								.split(';')
								.map((w) => w.trim())
								.filter(Boolean)
						: [];
					break;
				case 'outcomes':
					outcomesCell = cell;
					break;
				case 'reviewedOn':
				case 'targetDate':
				case 'reviewer':
				case 'outcomeReason':
				case 'outcomeStatus':
				case 'replacingWorkstream': {
					const bad = readReviewCell(field, cell, review, valueMapping, seen);
					if (bad) problem(label, bad, reviewProblems);
					break;
				}
				default:
					values[field] = cell;
			}
		}

		// Every problem of the row is reported at once, so the officer fixes the file in one round.
		let importedReview: ImportedReview | null = null;
		if (outcomesCell) {
			const read = readOutcomes(outcomesCell, valueMapping, seen);
			if (!read.ok) problem(IMPORT_FIELD_LABEL.outcomes, read.reason);
			else if (read.outcomes.length > 0) importedReview = { outcomes: read.outcomes, ...review };
			problems.push(...reviewProblems);
		}
		// A new service area takes the directorate every row naming it gives (the officer chooses when they differ).
		if (serviceAreaCell)
			context.names?.noteRowDirectorate(
				serviceAreaCell,
				values.directorateId ? Number(values.directorateId) : null
			);
		context.names?.noteWorkstreams(
			review.replacingWorkstream
				? [...(workstreams ?? []), review.replacingWorkstream]
				: (workstreams ?? [])
		);
		// Unmapped choices get no silent default: they must be in the file for a new system (checked by the plan).
		const parsed = parseSystemForm(
			{
				...values,
				hosting: values.hosting || 'on_premises',
				criticality: values.criticality || 'medium',
				personalData: values.personalData || 'none',
				lifecycle: values.lifecycle || 'live'
			},
			formContext
		);
		if (!parsed.ok) {
			// A column already reported (an unknown directorate, say) is not reported again as blank.
			const reported = new Set(problems.map((p) => p.column));
			for (const [field, reason] of Object.entries(parsed.errors)) {
				const column = columnOf.get(field) ?? field;
				if (!reported.has(column)) problem(column, reason);
			}
		}
		if (problems.length > 0 || !parsed.ok)
			return {
				ok: false,
				problems,
				identity: { name, externalRef: plainCell(cells, refIndex) || null }
			};
		const rowGiven = notGiven ? new Set([...given].filter((f) => !notGiven!.includes(f))) : given;
		return {
			ok: true,
			row: {
				row: rowNumber,
				input: parsed.value,
				given: rowGiven,
				workstreams,
				review: importedReview
			}
		};
	};
}

/** Reads one row (for a single row; to read a file, make one `rowReader` and reuse it). */
export function readRow(
	cells: readonly string[],
	rowNumber: number,
	mapping: Mapping,
	context: ImportContext,
	values: ValueMapping = NO_VALUES
) {
	return rowReader(mapping, context, values)(cells, rowNumber);
}

/** The fields a new system must have from the file, because nothing sensible can be assumed. */
export const REQUIRED_FOR_NEW: readonly SystemFormField[] = [
	'name',
	'hosting',
	'criticality',
	'personalData'
];
