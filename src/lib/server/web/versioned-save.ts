/**
 * 'Save this record at the version the form was opened with, or explain why not': the one path
 * from a form post to a service call and back. A save that is done redirects with the success
 * banner (flash.ts); anything else is the form again as one FormFailure: what was typed, the
 * problems, and for a conflict what someone else changed meanwhile, with the version to save at.
 */
import { fail, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import { describeChanges, readOriginalValues, type ChangeRow } from '$lib/domain/forms';
import type { FormFailure } from '$lib/domain/forms';
import type { FieldErrors } from '$lib/domain/systems';
import { redirectWithSuccess } from './flash';
import { wholeNumberField } from './http';
import type { ServiceResult } from '../services/result';
import { recordNotFound, type RecordKind } from './record';

export type { FormFailure };

type SaveEvent = Pick<RequestEvent, 'cookies' | 'url' | 'locals' | 'request' | 'getClientAddress'>;

/** The form as posted: what was typed, and the version and values it was opened with. */
export interface Posted<V, O = V> {
	values: V;
	version: number;
	original: O | null;
	recordId?: number | string | null;
	action?: string | null;
}

/**
 * What every versioned form posts beside its fields: the version it was opened at (a missing or
 * tampered one can never match, so it is a conflict, never a 500) and the hidden copy of its values.
 */
export function readVersion<F extends string>(
	form: FormData,
	fields: readonly F[]
): { version: number; original: Record<F, string> | null } {
	return {
		version: wholeNumberField(form, 'version') ?? -1,
		original: readOriginalValues(form.get('original'), fields)
	};
}

/** The form again with `errors` (400 unless said): what was typed kept, the version unchanged. */
export function refuse<V, O = V>(
	posted: Posted<V, O>,
	errors: FieldErrors,
	status = 400
): ActionFailure<FormFailure<V, O>> {
	return fail(status, failure(posted, { errors }));
}

function failure<V, O>(
	posted: Posted<V, O>,
	changes: Partial<FormFailure<V, O>>
): FormFailure<V, O> {
	const { values, version, original, recordId = null, action = null } = posted;
	return {
		values,
		errors: {},
		version,
		original,
		conflict: null,
		archived: false,
		recordId,
		action,
		...changes
	};
}

/** How a page answers each kind of result. */
export interface SaveAnswer<V, O, T, C> {
	/** The record the 404 names (audited when it is another organisation's). */
	record: { kind: RecordKind; id: number };
	/** Where to go when it is saved, and what the banner there says. */
	done: (saved: { ok: true } & T) => { to: string; message: string };
	/** For a conflict: the record as now saved, as the form's plain-text values, and how to word what changed. */
	conflict?: {
		saved: (current: C) => O | Promise<O>;
		fields: readonly (keyof O & string)[];
		labels: Record<keyof O & string, string>;
		/** What was typed as plain text, when the form's values are not (a list of allocations). */
		yours?: (values: V) => O;
		/** Words for a stored value (a label for a code, a name for an id); the value itself by default. */
		show?: (field: keyof O & string, value: string) => string;
		/** The record was archived rather than changed. */
		archived?: (current: C) => boolean;
	};
	/** The field a refusal's message (forbidden, or refused by the record's state) is shown on. */
	forbiddenField?: string;
}

/**
 * Answers a service's result: a redirect with the success banner when done, the audited 404 when
 * the record is not the caller's, or the form again: 400 with the rule's errors or the state's
 * refusal, 403 with the permission's refusal (both on `forbiddenField`), 409 with what someone else changed and the version now saved.
 */
export async function answerSave<
	V,
	O extends Record<string, string>,
	T extends object,
	C extends { version: number }
>(
	event: SaveEvent,
	result: ServiceResult<T, C>,
	posted: Posted<V, O>,
	answer: SaveAnswer<V, O, T, C>
): Promise<ActionFailure<FormFailure<V, O>>> {
	if (result.ok) {
		const { to, message } = answer.done(result);
		redirectWithSuccess(event, to, message);
	}
	switch (result.reason) {
		case 'not-found':
			return recordNotFound(event, answer.record.kind, answer.record.id);
		case 'invalid':
			return refuse(posted, result.errors);
		case 'forbidden':
			return refuse(posted, { [answer.forbiddenField ?? 'form']: result.message }, 403);
		case 'refused':
			return refuse(posted, { [answer.forbiddenField ?? 'form']: result.message });
		case 'conflict':
			return fail(409, await conflictOf(posted, result.current, answer));
	}
}

async function conflictOf<V, O extends Record<string, string>, T, C extends { version: number }>(
	posted: Posted<V, O>,
	current: C,
	answer: SaveAnswer<V, O, T, C>
): Promise<FormFailure<V, O>> {
	const spec = answer.conflict;
	if (!spec) return failure(posted, { version: current.version, conflict: [] });
	const saved = await spec.saved(current);
	// Without `yours`, the form's values are plain text already (V is O).
	const yours = spec.yours ? spec.yours(posted.values) : (posted.values as unknown as O);
	const conflict: ChangeRow[] = describeChanges(
		spec.fields,
		spec.labels,
		posted.original,
		saved,
		yours,
		spec.show
	);
	return failure(posted, {
		version: current.version,
		original: saved,
		conflict,
		archived: spec.archived?.(current) ?? false
	});
}
