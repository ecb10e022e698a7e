/** The element id for a form field name: 'replace.targetDate' -> 'replace-targetDate' (ids the error summary links to). */
export function fieldId(name: string): string {
	return name.replace(/\./g, '-');
}
