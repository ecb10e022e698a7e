/** The element id for a form field name: 'replace.targetDate' -> 'replace-targetDate' (ids the error summary links to). */
export function fieldId(name: string): string {
	return name.replace(/\./g, '-');
}

/** The aria-describedby for a field with an optional hint and error, or undefined for neither. */
export function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
	return (
		[hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined
	);
}
