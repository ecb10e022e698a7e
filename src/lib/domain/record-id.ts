/**
 * A record's id as it appears in a URL: a positive whole number of at most 16 digits that JavaScript
 * holds exactly. Anything else ('0', '007', '1e3', '12abc', 2^53 + 1) names no record.
 */
export function isRecordId(value: string): boolean {
	return /^[1-9]\d{0,15}$/.test(value) && Number.isSafeInteger(Number(value));
}
