/**
 * How a spreadsheet says 'remove this value'. A blank cell means 'the file says nothing here', so an
 * update keeps the system's value: a council's file is often partial, and a blank Notes cell that
 * wiped a description was a silent loss. To clear a value on purpose the officer writes the marker.
 */
import { SYSTEM_FIELD_LABEL, type SystemFormField } from '../systems/system-form';

/** Written in a cell to clear the system's value; read in any letter case, spaces around it ignored. */
export const CLEAR_MARKER = '(clear)';

export function isClearMarker(cell: string): boolean {
	// Only a cell with a '(' can be the marker (no letter lowercases to one): no copy of every other cell.
	if (!cell.includes('(')) return false;
	return cell.trim().toLowerCase() === CLEAR_MARKER;
}

/** Fields every system must have: the form refuses them blank, so the file cannot clear them either. */
const REQUIRED: ReadonlySet<SystemFormField> = new Set([
	'name',
	'hosting',
	'criticality',
	'personalData',
	'lifecycle'
]);

/** Why the marker is refused in this field, or null when the field may be cleared. */
export function clearRefusal(field: SystemFormField): string | null {
	if (!REQUIRED.has(field)) return null;
	return `${SYSTEM_FIELD_LABEL[field]} cannot be cleared: every system must have one. Leave the cell blank to keep the current value, or give a new one`;
}

/** The import page's and README's one-line rule, so they say the same thing. */
export const BLANK_CELL_RULE = `A blank cell leaves the system's value as it is. To remove a value, write ${CLEAR_MARKER} in the cell (in any letter case); name, hosting, criticality, personal data and lifecycle status cannot be cleared.`;
