/**
 * The one answer a service gives to a change of a record: done, or why not. A route turns it into a
 * redirect or a form's failure with the versioned-save helper (web/versioned-save.ts).
 */
import type { FieldErrors } from '$lib/domain/systems';

/** Nothing of the caller's organisation has that id (or it is archived, where that hides it). */
export type NotFound = { ok: false; reason: 'not-found' };
/** The input breaks a rule: `errors` by field name, as a form shows them. */
export type Invalid = { ok: false; reason: 'invalid'; errors: FieldErrors };
/** Someone changed the record since the version the caller read: nothing was written; `current` is it as saved now. */
export type Conflict<C> = { ok: false; reason: 'conflict'; current: C };
/** The caller may not make this change (not an approver; the last administrator): `message` says why. */
export type Forbidden = { ok: false; reason: 'forbidden'; message: string };

/**
 * Done (`{ ok: true }` with what was saved, named by the service: `{ line }`, `{ system }`), not
 * found, invalid, a conflict carrying the record as now saved (when `C` is given), or forbidden.
 */
export type ServiceResult<T extends object, C = never> =
	({ ok: true } & T) | NotFound | Invalid | ([C] extends [never] ? never : Conflict<C>) | Forbidden;
