/**
 * Text that people type or import, checked by one rule before it is stored. Control characters
 * (NUL and the rest of C0 and C1, and DEL) are refused everywhere except tab and line breaks in
 * multi-line fields: a NUL cuts a name short in C-string readers and breaks exports. Bidirectional
 * embedding, override and isolate characters (U+202A-U+202E, U+2066-U+2069) are refused in names
 * and other single-line fields, where they can make one name display as another ('Trojan Source',
 * CVE-2021-42574). Refused, never silently stripped: the person sees which field and keeps their text.
 *
 * Every field has a length limit too (TEXT_LIMITS, unless its form sets its own): longer text is
 * refused with the limit in words, and what the failure page repeats back is cut to the limit, so a
 * 1 MB post is never echoed back whole. The forms' inputs carry the same limit as `maxlength`.
 */

export type TextKind = 'line' | 'multiline';
export type TextProblem = 'control' | 'bidi';

/** Control characters, tab and line breaks included (allowed back in multi-line fields below). */
// Matching control characters is the point of these two patterns.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;
// eslint-disable-next-line no-control-regex
const CONTROL_EXCEPT_LINES = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const BIDI = /[\u202A-\u202E\u2066-\u2069]/;

/** What is wrong with `value` as text of this kind, or null when it may be stored. */
export function textProblem(value: string, kind: TextKind = 'line'): TextProblem | null {
	if ((kind === 'line' ? CONTROL : CONTROL_EXCEPT_LINES).test(value)) return 'control';
	if (kind === 'line' && BIDI.test(value)) return 'bidi';
	return null;
}

/**
 * The longest text a field takes unless its form says otherwise: a name or title; any other single
 * line (a reference, an owner, a short description); multi-line text (a summary, a narrative).
 */
export const TEXT_LIMITS = { name: 200, line: 500, multiline: 10_000 } as const;

/**
 * The most any one field is read as (the longest limit any form sets, plus one so that text over
 * it is still seen to be over): whatever is posted, no parser works on, or repeats, more than this.
 */
export const MAX_FIELD_READ = 20_001;

/**
 * The length a browser's `maxlength` counts: a line break is one character, though a form posts it
 * as CR LF, so text typed up to an input's maxlength is never refused here.
 */
export function textLength(value: string): number {
	return value.replace(/\r\n/g, '\n').length;
}

/** `value` if it is at most `max` long (as textLength counts), else its first `max` characters. */
export function cutToLength(value: string, max: number): string {
	return textLength(value) <= max ? value : value.replace(/\r\n/g, '\n').slice(0, max);
}

/** The most of what was typed a message quotes back ('£12,500.0.0' is not an amount...). */
export const QUOTE_CHARS = 40;

/** What was typed, trimmed, as a message quotes it: cut to QUOTE_CHARS with '…', so no refusal repeats a long paste. */
export function quoted(input: string): string {
	const t = input.trim();
	return t.length <= QUOTE_CHARS ? t : `${t.slice(0, QUOTE_CHARS)}…`;
}

/** `Label must be N characters or fewer`. */
export function tooLongMessage(label: string, max: number): string {
	return `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`;
}

/** The field error for a problem: names the field and the kind of character, never echoes the text. */
export function textProblemMessage(label: string, problem: TextProblem): string {
	return problem === 'control'
		? `${label} contains a hidden control character (such as a null byte or a line break): delete it or type the text again`
		: `${label} contains a hidden right-to-left formatting character (U+202A to U+202E or U+2066 to U+2069), which can disguise text: delete it or type the text again`;
}

/**
 * The one rule for the text fields of a form: records a field error for each field named in
 * `labels` whose text is longer than its limit (`limits[field]`, else TEXT_LIMITS by kind) or breaks
 * the character rule; fields in `multiline` may hold tabs, line breaks and bidirectional formatting.
 * A value over its limit is cut to the limit in `values` itself, which the parser hands back to be
 * shown again: only a failure echoes it, as only a failure has a value over its limit. Every
 * form's parser calls this.
 */
export function refuseUnsafeText(
	errors: FieldErrors,
	values: object,
	labels: Readonly<Record<string, string>>,
	multiline: readonly string[] = [],
	limits: Readonly<Record<string, number>> = {}
): void {
	const record = values as Record<string, unknown>;
	for (const [field, label] of Object.entries(labels)) {
		const value = record[field];
		if (typeof value !== 'string') continue;
		const kind: TextKind = multiline.includes(field) ? 'multiline' : 'line';
		record[field] = refuseUnsafeField(errors, field, value, label, kind, limits[field]);
	}
}

/**
 * The same for one field (a row of a repeating group, say): returns the value as it may be shown
 * again (cut to the limit when over it). `max` defaults to TEXT_LIMITS by kind.
 */
export function refuseUnsafeField(
	errors: FieldErrors,
	field: string,
	value: string,
	label: string,
	kind: TextKind = 'line',
	max: number = TEXT_LIMITS[kind]
): string {
	// textLength never exceeds the length, so only a value longer than the limit needs it counted.
	if (value.length > max && textLength(value) > max) {
		errors[field] = tooLongMessage(label, max);
		return cutToLength(value, max);
	}
	const problem = textProblem(value, kind);
	if (problem) errors[field] = textProblemMessage(label, problem);
	return value;
}

/** A form field's text, trimmed, read as at most MAX_FIELD_READ characters (what every form reader uses). */
export const text = (form: FormData, name: string): string => bounded(form.get(name));

/** Every value of a repeated field, each as `text` reads it. */
export const texts = (form: FormData, name: string): string[] => form.getAll(name).map(bounded);

/** Cut as textLength counts, so text within its limit is never cut however many line breaks it posts as CR LF. */
function bounded(value: FormDataEntryValue | null): string {
	return typeof value === 'string'
		? cutToLength(value.slice(0, 2 * MAX_FIELD_READ + 1024).trim(), MAX_FIELD_READ)
		: '';
}

/** A form's problems by field name, in the words the error summary shows. */
export type FieldErrors = Record<string, string>;
