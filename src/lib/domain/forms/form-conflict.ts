/**
 * What someone else changed while a form was open, for any form whose values are plain strings:
 * the rows of the conflict table (when you opened it, now saved, your entry).
 */

export interface ChangeRow {
	field: string;
	label: string;
	/** What the form held when it was opened. */
	before: string;
	/** What someone else has saved since. */
	saved: string;
	/** What this person typed; null when nothing was typed (an archive). */
	yours: string | null;
}

/**
 * The fields, in the order given, whose saved value moved on since `original` (or, without an
 * original, that differ from what was typed), each value shown as the page shows it (`show` turns
 * codes and ids into words).
 */
export function describeChanges<F extends string>(
	fields: readonly F[],
	labels: Record<F, string>,
	original: Record<F, string> | null,
	saved: Record<F, string>,
	yours: Record<F, string> | null,
	show: (field: F, value: string) => string = (_f, v) => v
): ChangeRow[] {
	const against = original ?? yours;
	if (!against) return [];
	return fields
		.filter((f) => against[f] !== saved[f])
		.map((f) => ({
			field: f,
			label: labels[f],
			before: original ? show(f, original[f]) : '',
			saved: show(f, saved[f]),
			yours: yours ? show(f, yours[f]) : null
		}));
}

/** The longest hidden copy of a form's opening values that is read (and so repeated back on a conflict). */
export const MAX_ORIGINAL_CHARS = 65_536;

/** Reads the hidden copy of the values a form was opened with; anything malformed is absent (null). */
export function readOriginalValues<F extends string>(
	raw: FormDataEntryValue | null,
	fields: readonly F[]
): Record<F, string> | null {
	// Every form's values, each within its limit, fit in far less; anything longer is not a copy the page made.
	if (typeof raw !== 'string' || raw === '' || raw.length > MAX_ORIGINAL_CHARS) return null;
	try {
		const parsed: unknown = JSON.parse(raw);
		if (typeof parsed !== 'object' || parsed === null) return null;
		const get = (f: F) => (parsed as Record<string, unknown>)[f];
		return Object.fromEntries(
			fields.map((f) => [f, typeof get(f) === 'string' ? get(f) : ''])
		) as Record<F, string>;
	} catch {
		return null; // a tampered or truncated field only loses the 'before' column of a conflict
	}
}
