/**
 * From parsed CSV cells to checked system records, row by row. Every problem is reported against its
 * row number (as the spreadsheet shows it: the heading is row 1), column and reason; nothing is
 * guessed. Uses papaparse's output with `dynamicTyping` off, so '007' stays '007'.
 */
import { parseSystemForm, EMPTY_SYSTEM_FORM, type SystemFormValues, type SystemInput, type SystemFormField } from '../system-form';
import { CRITICALITY_LABEL, HOSTING_LABEL, LIFECYCLE_LABEL, PERSONAL_DATA_LABEL } from '../system';
import { IMPORT_FIELD_LABEL, type ImportField, type Mapping } from './mapping';

export interface RowProblem {
	row: number;
	column: string;
	reason: string;
}

export interface ImportRow {
	row: number;
	input: SystemInput;
	/** Which fields the file gives (an update leaves the others as they are). */
	given: ReadonlySet<SystemFormField>;
	workstreams: string[] | null;
}

export interface ImportContext {
	/** Directorate and service area names (lower case) -> ids, for the caller's organisation. */
	directorates: ReadonlyMap<string, number>;
	serviceAreas: ReadonlyMap<string, number>;
	directorateIds: ReadonlySet<number>;
	serviceAreaDirectorate: ReadonlyMap<number, number>;
}

/** Words people write for each choice, lower case, beside the app's own labels. */
const CHOICES: Record<'hosting' | 'criticality' | 'personalData' | 'lifecycle', Record<string, string>> = {
	hosting: { ...invert(HOSTING_LABEL), 'on premises': 'on_premises', 'on-prem': 'on_premises', 'on prem': 'on_premises', onprem: 'on_premises', 'in house': 'on_premises', saas: 'saas', cloud: 'saas', hosted: 'hosted', 'externally hosted': 'hosted' },
	criticality: invert(CRITICALITY_LABEL),
	personalData: { ...invert(PERSONAL_DATA_LABEL), yes: 'personal', no: 'none', 'special category': 'special_category', special: 'special_category', personal: 'personal' },
	lifecycle: { ...invert(LIFECYCLE_LABEL), 'being replaced': 'being_replaced' }
};

function invert(labels: Record<string, string>): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [code, label] of Object.entries(labels)) {
		out[label.toLowerCase()] = code;
		out[code.replace(/_/g, ' ')] = code;
		out[code] = code;
	}
	return out;
}

/** Undoes the export's formula guard: "'=Beta" was written for the text '=Beta' (see write.ts). */
function unneutralise(cell: string): string {
	return /^'[=+\-@\t\r\n\0]/.test(cell) ? cell.slice(1) : cell;
}

/** Maps one row's cells to the system form's text, then checks it with the same rules as the form. */
export function readRow(cells: readonly string[], rowNumber: number, mapping: Mapping, context: ImportContext): { ok: true; row: ImportRow } | { ok: false; problems: RowProblem[] } {
	const problems: RowProblem[] = [];
	const values: SystemFormValues = { ...EMPTY_SYSTEM_FORM };
	const given = new Set<SystemFormField>();
	let workstreams: string[] | null = null;
	const columnOf = new Map<string, string>();

	mapping.forEach((field: ImportField | null, i) => {
		if (!field) return;
		const cell = unneutralise((cells[i] ?? '').trim());
		const column = IMPORT_FIELD_LABEL[field];
		const set = (name: SystemFormField, value: string) => {
			values[name] = value;
			given.add(name);
			columnOf.set(name, column);
		};
		switch (field) {
			case 'hosting':
			case 'criticality':
			case 'personalData':
			case 'lifecycle': {
				if (!cell) return set(field, '');
				const code = CHOICES[field][cell.toLowerCase().replace(/\s+/g, ' ')];
				if (!code) problems.push({ row: rowNumber, column, reason: `'${cell}' is not one of: ${Object.values(field === 'hosting' ? HOSTING_LABEL : field === 'criticality' ? CRITICALITY_LABEL : field === 'personalData' ? PERSONAL_DATA_LABEL : LIFECYCLE_LABEL).join(', ')}` });
				else if (code === 'archived') problems.push({ row: rowNumber, column, reason: 'Systems cannot be archived by import' });
				else set(field, code);
				return;
			}
			case 'directorate':
			case 'serviceArea': {
				const target = field === 'directorate' ? 'directorateId' : 'serviceAreaId';
				if (!cell) return set(target, '');
				const id = (field === 'directorate' ? context.directorates : context.serviceAreas).get(cell.toLowerCase());
				if (id == null) problems.push({ row: rowNumber, column, reason: `There is no ${field === 'directorate' ? 'directorate' : 'service area'} called '${cell}'` });
				else set(target, String(id));
				return;
			}
			case 'workstreams':
				workstreams = cell ? cell.split(';').map((w) => w.trim()).filter(Boolean) : [];
				return;
			case 'outcomes':
				return; // Outcomes are read by the review import, not here.
			default:
				set(field, cell);
		}
	});

	if (problems.length > 0) return { ok: false, problems };
	// Unmapped choices get no silent default: they must be in the file for a new system (checked by the caller).
	const parsed = parseSystemForm(
		{ ...values, hosting: values.hosting || 'on_premises', criticality: values.criticality || 'medium', personalData: values.personalData || 'none', lifecycle: values.lifecycle || 'live' },
		{ directorateIds: context.directorateIds, serviceAreaDirectorate: context.serviceAreaDirectorate }
	);
	if (!parsed.ok) {
		return { ok: false, problems: Object.entries(parsed.errors).map(([field, reason]) => ({ row: rowNumber, column: columnOf.get(field as SystemFormField) ?? field, reason })) };
	}
	return { ok: true, row: { row: rowNumber, input: parsed.value, given, workstreams } };
}

/** The fields a new system must have from the file, because nothing sensible can be assumed. */
export const REQUIRED_FOR_NEW: readonly SystemFormField[] = ['name', 'hosting', 'criticality', 'personalData'];
