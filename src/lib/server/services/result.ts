/**
 * The one answer a service gives to a change of a record: done, or why not. A route turns it into a
 * redirect or a form's failure with the versioned-save helper (web/versioned-save.ts), or a
 * button's refusal with web/button-answer.ts.
 */
import type { ChangeRow } from '$lib/domain/forms';
import type { FieldErrors } from '$lib/domain/systems';

/** Nothing of the caller's organisation has that id (or it is archived, where that hides it). */
export type NotFound = { ok: false; reason: 'not-found' };
/** The input breaks a rule: `errors` by field name, as a form shows them (or one line each, keyed by the service). */
export type Invalid = { ok: false; reason: 'invalid'; errors: FieldErrors };
/**
 * Someone changed the record since the version the caller read: nothing was written; `current` is it
 * as saved now. `changes`, when the service can say, lists what moved between what the caller was
 * shown and now (a decision's figures, an issued report's parts, the outcomes an unlink reopens).
 */
export type Conflict<C> = { ok: false; reason: 'conflict'; current: C; changes?: ChangeRow[] };
/** The caller may not make this change (not an approver; above their own role): `message` says why. */
export type Forbidden = { ok: false; reason: 'forbidden'; message: string };
/**
 * The record's state does not allow it, whoever asks (only a draft is edited; the organisation keeps
 * one administrator): `message` says why. Not a field's problem, so it is not Invalid.
 */
export type Refused = { ok: false; reason: 'refused'; message: string };

/**
 * Done (`{ ok: true }` with what was saved, named by the service: `{ line }`, `{ system }`), not
 * found, invalid, a conflict carrying the record as now saved (when `C` is given), forbidden, or refused.
 */
export type ServiceResult<T extends object, C = never> =
	| ({ ok: true } & T)
	| NotFound
	| Invalid
	| ([C] extends [never] ? never : Conflict<C>)
	| Forbidden
	| Refused;

/** A rule's refusal, as every service words it. */
export const refused = (message: string): Refused => ({ ok: false, reason: 'refused', message });
