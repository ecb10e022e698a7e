/** Reading a governance form's fields: a choice from a list, ids, a UK date, a duration. */
import { parseDateInput } from '../dates';
import { texts } from '../forms/form-text';
import type { FieldErrors } from '../systems/review';
import { parseDuration } from './duration';

export const oneOf = <T extends string>(list: readonly T[], v: string): v is T =>
	(list as readonly string[]).includes(v);
export const ids = (form: FormData, name: string) => [
	...new Set(
		texts(form, name)
			.filter((v) => /^[1-9]\d{0,15}$/.test(v))
			.map(Number)
	)
];

export function date(
	errors: FieldErrors,
	field: string,
	label: string,
	value: string,
	required = true
): string | null {
	if (value === '') {
		if (required) errors[field] = `Enter ${label.toLowerCase()}`;
		return null;
	}
	const d = parseDateInput(value);
	if (!d.ok) errors[field] = `${label}: ${d.reason}`;
	return d.ok ? d.iso : null;
}

export function duration(errors: FieldErrors, field: string, label: string, value: string): number {
	if (value === '') {
		errors[field] = `Enter the ${label.toLowerCase()}, like 4h, 30m, 2d or 1:30`;
		return 0;
	}
	const d = parseDuration(value);
	if (!d.ok) errors[field] = `${label} ${d.reason}`;
	return d.ok ? d.minutes : 0;
}
