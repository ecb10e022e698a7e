/**
 * What a refused save sends back to its form, whatever the record: the one shape every edit form's
 * component takes (the server's versioned-save helper builds it).
 */
import type { ChangeRow } from './form-conflict';
import type { FieldErrors } from '../systems/review';

export interface FormFailure<V, O = V> {
	/** What was typed, exactly as typed, so nothing is lost. */
	values: V;
	/** Problems by field name (GOV.UK error summary); empty for a conflict, whose table says what to do. */
	errors: FieldErrors;
	/** The version to save at next: the one now saved after a conflict, else the one the form was opened at. */
	version: number;
	/** The values the next save is compared against: as now saved after a conflict, else as opened (null if unknown). */
	original: O | null;
	/** What someone else changed while the form was open, field by field; null unless this was a conflict. */
	conflict: ChangeRow[] | null;
	/** Someone archived the record while the form was open. */
	archived: boolean;
	/** The record of a list the form edits (a cost line's id, 'option-2'); null for a new one or the page's own record. */
	recordId: number | string | null;
	/** Which of a page's forms was refused ('add', 'edit'), when it has more than one. */
	action: string | null;
}

/** One field's problem, typed as every form's errors are (so refusals of several fields share one type). */
export function fieldError(field: string, message: string): FieldErrors {
	return { [field]: message };
}
