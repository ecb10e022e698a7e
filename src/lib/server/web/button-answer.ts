/**
 * A button that changes a record's state (archive, submit, withdraw, a user's role) posts little or
 * nothing typed, only the version it was shown at. Refused, it answers as every form does: the one
 * FormFailure (domain/forms/form-failure.ts), with the reason under `field` for the GOV.UK error
 * summary, the version now saved after a conflict (so the button is offered again at that version),
 * and anything posted kept as posted.
 */
import { fail, type ActionFailure } from '@sveltejs/kit';
import type { ChangeRow, FormFailure } from '$lib/domain/forms';
import type { FieldErrors } from '$lib/domain/systems';
import type { Forbidden, Invalid } from '../services/result';

/** A button's refusal: what it posted (usually nothing), and the one failure shape. */
export type ButtonFailure<V extends Record<string, string> = Record<string, never>> =
	FormFailure<V>;

export interface ButtonRefusal<V extends Record<string, string>> {
	/** The version the button was shown at, or after a conflict the version now saved. */
	version: number;
	/** What the button's form posted beside the version (a chosen role); nothing by default. */
	values?: V;
	/** The record of a list the button acts on (a cost line's id); null for the page's own record. */
	recordId?: number | string | null;
	/** Which of a page's buttons was refused ('submit', 'withdraw'), when it has more than one. */
	action?: string | null;
	/** Someone changed the record meanwhile: the page shows it as now saved (with what changed, when known). */
	conflict?: boolean | ChangeRow[];
	/** Someone archived the record meanwhile. */
	archived?: boolean;
}

/** The refusal of a button: `errors` by field (400 unless said), in the one FormFailure shape. */
export function refuseButton<V extends Record<string, string> = Record<string, never>>(
	status: 400 | 403 | 409,
	errors: FieldErrors,
	refusal: ButtonRefusal<V>
): ActionFailure<ButtonFailure<V>> {
	return fail(status, {
		values: refusal.values ?? ({} as V),
		errors,
		version: refusal.version,
		original: null,
		conflict: Array.isArray(refusal.conflict) ? refusal.conflict : refusal.conflict ? [] : null,
		archived: refusal.archived ?? false,
		recordId: refusal.recordId ?? null,
		action: refusal.action ?? null
	});
}

/** A service's refusal other than a conflict, on the button's field: 400 for a rule (its messages joined), 403 for a permission. */
export function refuseAsService<V extends Record<string, string> = Record<string, never>>(
	field: string,
	result: Invalid | Forbidden,
	refusal: ButtonRefusal<V>
): ActionFailure<ButtonFailure<V>> {
	return result.reason === 'forbidden'
		? refuseButton(403, { [field]: result.message }, refusal)
		: refuseButton(400, { [field]: Object.values(result.errors).join('; ') }, refusal);
}
