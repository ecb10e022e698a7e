/**
 * Text that people type or import, checked by one rule before it is stored. Control characters
 * (NUL and the rest of C0 and C1, and DEL) are refused everywhere except tab and line breaks in
 * multi-line fields: a NUL cuts a name short in C-string readers and breaks exports. Bidirectional
 * embedding, override and isolate characters (U+202A-U+202E, U+2066-U+2069) are refused in names
 * and other single-line fields, where they can make one name display as another ('Trojan Source',
 * CVE-2021-42574). Refused, never silently stripped: the person sees which field and keeps their text.
 */
import type { FieldErrors } from './review';

export type TextKind = 'line' | 'multiline';
export type TextProblem = 'control' | 'bidi';

/** Control characters, tab and line breaks included (allowed back in multi-line fields below). */
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;
const CONTROL_EXCEPT_LINES = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const BIDI = /[\u202A-\u202E\u2066-\u2069]/;

/** What is wrong with `value` as text of this kind, or null when it may be stored. */
export function textProblem(value: string, kind: TextKind = 'line'): TextProblem | null {
	if ((kind === 'line' ? CONTROL : CONTROL_EXCEPT_LINES).test(value)) return 'control';
	if (kind === 'line' && BIDI.test(value)) return 'bidi';
	return null;
}

/** The field error for a problem: names the field and the kind of character, never echoes the text. */
export function textProblemMessage(label: string, problem: TextProblem): string {
	return problem === 'control'
		? `${label} contains a hidden control character (such as a null byte or a line break): delete it or type the text again`
		: `${label} contains a hidden right-to-left formatting character (U+202A to U+202E or U+2066 to U+2069), which can disguise text: delete it or type the text again`;
}

/**
 * Records a field error for each field named in `labels` whose text breaks the rule; fields in
 * `multiline` may hold tabs, line breaks and bidirectional formatting. Every form's parser calls this.
 */
export function refuseUnsafeText(errors: FieldErrors, values: object, labels: Readonly<Record<string, string>>, multiline: readonly string[] = []): void {
	for (const [field, label] of Object.entries(labels)) {
		const value = (values as Record<string, unknown>)[field];
		if (typeof value === 'string') refuseUnsafeField(errors, field, value, label, multiline.includes(field) ? 'multiline' : 'line');
	}
}

/** The same for one field (a row of a repeating group, say). */
export function refuseUnsafeField(errors: FieldErrors, field: string, value: string, label: string, kind: TextKind = 'line'): void {
	const problem = textProblem(value, kind);
	if (problem) errors[field] = textProblemMessage(label, problem);
}

/** A form field's text, trimmed (what every form reader uses). */
export const text = (form: FormData, name: string): string => String(form.get(name) ?? '').trim();

/** Records `Label must be N characters or fewer` against `field` when `value` is longer than `max`. */
export function tooLong(errors: FieldErrors, field: string, value: string, max: number, label: string): void {
	if (value.length > max) errors[field] = `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`;
}
