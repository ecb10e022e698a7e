/**
 * Canonical JSON and its SHA-256: what a frozen business case or an issued report is hashed over,
 * and the fingerprint a decision or an issue form carries of what was shown.
 */
import { TOO_LARGE_TO_SHOW } from '../money';

/**
 * JSON with object keys in code-point order at every depth and no whitespace, so the same value
 * always gives the same text whatever order its keys were built in. Undefined members are left
 * out (as JSON.stringify does); anything JSON cannot carry exactly (NaN, Infinity, a Date, a Map)
 * is refused rather than silently changed.
 */
export function canonicalJson(value: unknown): string {
	if (value === null || typeof value === 'string' || typeof value === 'boolean')
		return JSON.stringify(value);
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new TypeError(`cannot put ${value} in canonical JSON`);
		return JSON.stringify(value);
	}
	if (Array.isArray(value))
		return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
	if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
		const entries = Object.entries(value as Record<string, unknown>)
			.filter(([, v]) => v !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
	}
	throw new TypeError(
		`cannot put a ${typeof value === 'object' ? (value as object).constructor?.name : typeof value} in canonical JSON`
	);
}

/**
 * The SHA-256 of the canonical JSON (UTF-8), as lower-case hex. Web Crypto, so a browser or any
 * other tool can check a printed hash against the snapshot exactly as the server computed it.
 */
export async function contentHash(value: unknown): Promise<string> {
	const digest = await globalThis.crypto.subtle.digest(
		'SHA-256',
		new TextEncoder().encode(canonicalJson(value))
	);
	return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The hash of `value` as the pages show it: contentHash, with each number JSON cannot carry (a
 * total too large to show: Infinity or NaN, money.ts checkedPence) hashed as those words. The same
 * as contentHash whenever every number is finite, so it is the fingerprint a decision or an issue
 * form carries; a value with such a number can be fingerprinted and shown, never frozen.
 */
export function shownHash(value: unknown): Promise<string> {
	return contentHash(asShown(value));
}

function asShown(value: unknown): unknown {
	if (typeof value === 'number') return Number.isFinite(value) ? value : TOO_LARGE_TO_SHOW;
	if (Array.isArray(value)) return value.map(asShown);
	if (
		typeof value === 'object' &&
		value !== null &&
		Object.getPrototypeOf(value) === Object.prototype
	) {
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asShown(v)]));
	}
	return value;
}
