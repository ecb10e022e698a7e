/**
 * Reading a request's numbers. A route's own [id] is checked by the `id` param matcher (src/params/id.ts)
 * before any code runs; these read the ids and versions that come in a query string or a form.
 */
import { error } from '@sveltejs/kit';
import { isRecordId } from '$lib/domain/record-id';

/** A route's numeric id; anything else is a 404, exactly like a missing record. */
export function idParam(value: string | undefined): number {
	if (!value || !isRecordId(value)) error(404, 'Not found');
	return Number(value);
}

/**
 * An id in the query string (`?edit=12`, `?partner=3`): null when the parameter is absent or empty,
 * else held to the same rule as a route's own id (anything but a record id is a 404).
 */
export function queryId(url: URL, name: string): number | null {
	const value = url.searchParams.get(name);
	return value ? idParam(value) : null;
}

/** A whole-number form field (a version, an id), or null for anything else: never NaN or Infinity. */
export function wholeNumberField(form: FormData, name: string): number | null {
	const value = form.get(name);
	return typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : null;
}
