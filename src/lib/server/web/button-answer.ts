/**
 * A button that changes a record's state (archive, submit, withdraw, issue, a user's role) posts
 * little or nothing typed, only the version it was shown at. Its service answers the one
 * ServiceResult (services/result.ts), and `answerButton` maps it: done is a redirect with the
 * success banner; anything else is the one FormFailure (domain/forms/form-failure.ts), with the
 * reason under the button's key for the GOV.UK error summary, the version now saved after a conflict
 * (so the button is offered again at that version), and anything posted kept as posted.
 */
import { fail, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import type { ChangeRow, FormFailure } from '$lib/domain/forms';
import type { FieldErrors } from '$lib/domain/systems';
import type { ServiceResult } from '../services/result';
import { redirectWithSuccess } from './flash';
import { recordNotFound, type RecordKind } from './record';

type ButtonEvent = Pick<
	RequestEvent,
	'cookies' | 'url' | 'locals' | 'request' | 'getClientAddress'
>;

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

/** The refusal of a button: `errors` by field, in the one FormFailure shape. */
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

/** What a button's conflict shows: the message(s), the version now saved, and what changed when known. */
export interface ButtonConflict {
	errors: FieldErrors;
	version: number;
	/**
	 * What changed, row by row. Left out, the failure is marked a conflict with no rows (the page shows
	 * the record as now saved); null, the message alone says so (a list reloaded beside the button).
	 */
	rows?: ChangeRow[] | null;
	archived?: boolean;
}

/** How a page answers each kind of its button's result. */
export interface ButtonAnswer<T extends object, C, V extends Record<string, string>> {
	/** The button's key in the error summary ('archive', 'issue'). */
	field: string;
	/** What the button posted: the version it was shown at, and anything chosen beside it. */
	refusal: ButtonRefusal<V>;
	/** The record the 404 names (audited when it is another organisation's). */
	record: { kind: RecordKind; id: number };
	/** Where to go when it is done, and what the banner there says. */
	done: (saved: { ok: true } & T) => { to: string; message: string };
	/**
	 * A conflict's words, from the record as now saved and what the service says moved. Left out, a
	 * general message under `field`, at the version the button was shown at.
	 */
	conflict?: (
		current: C,
		changes: ChangeRow[] | undefined
	) => ButtonConflict | Promise<ButtonConflict>;
	/**
	 * How a refusal's messages are keyed (each on the page where it is put right) and worded, by the
	 * kind of refusal; all under `field`, joined, by default.
	 */
	problems?: (messages: string[], reason: 'invalid' | 'refused' | 'forbidden') => FieldErrors;
}

/**
 * Answers a button's service result: a redirect with the success banner when done, the audited 404
 * when the record is not the caller's, else the one FormFailure: 400 for a rule (invalid or
 * refused), 403 for a permission, 409 for a conflict (the version now saved, and what changed).
 */
export async function answerButton<
	T extends object,
	C,
	V extends Record<string, string> = Record<string, never>
>(
	event: ButtonEvent,
	result: ServiceResult<T, C>,
	answer: ButtonAnswer<T, C, V>
): Promise<ActionFailure<ButtonFailure<V>>> {
	if (result.ok) {
		const { to, message } = answer.done(result);
		redirectWithSuccess(event, to, message);
	}
	const keyed = (messages: string[], reason: 'invalid' | 'refused' | 'forbidden') =>
		answer.problems ? answer.problems(messages, reason) : { [answer.field]: messages.join('; ') };
	switch (result.reason) {
		case 'not-found':
			return recordNotFound(event, answer.record.kind, answer.record.id);
		case 'invalid':
			return refuseButton(400, keyed(Object.values(result.errors), 'invalid'), answer.refusal);
		case 'refused':
			return refuseButton(400, keyed([result.message], 'refused'), answer.refusal);
		case 'forbidden':
			return refuseButton(403, keyed([result.message], 'forbidden'), answer.refusal);
		case 'conflict': {
			const shown = answer.conflict
				? await answer.conflict(result.current, result.changes)
				: {
						errors: {
							[answer.field]:
								'Someone changed this record after you opened this page: check it as now saved, then try again'
						},
						version: answer.refusal.version
					};
			return refuseButton(409, shown.errors, {
				...answer.refusal,
				version: shown.version,
				conflict: shown.rows === undefined ? true : (shown.rows ?? false),
				archived: shown.archived ?? false
			});
		}
	}
}
