/** Small readers shared by the business case forms: a trimmed text field, and a length check with its message. */
import type { FieldErrors } from './review';

export const text = (form: FormData, name: string): string => String(form.get(name) ?? '').trim();

/** Records `Label must be N characters or fewer` against `field` when `value` is longer than `max`. */
export function tooLong(errors: FieldErrors, field: string, value: string, max: number, label: string): void {
	if (value.length > max) errors[field] = `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`;
}
